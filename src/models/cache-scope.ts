import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import type { BaseMessage } from "@langchain/core/messages";
import type { ChatGeneration } from "@langchain/core/outputs";

/**
 * How a reply was obtained, written to the AI message's
 * `response_metadata.toolforge_cache` when it came from the response cache:
 * - `"hit"`: reused from another call site; the provider did not bill it again.
 * - `"replay"`: the same call site repeating its own earlier request (a
 *   resumed or re-run task or optimizer step): billed once, by the run that
 *   was interrupted before it could count it, so it is counted now.
 *
 * @example
 * const billed = (m: AIMessage) => m.response_metadata?.toolforge_cache !== "hit";
 */
export type CacheOrigin = "hit" | "replay";

const SCOPE_FIELD = "toolforge_scope";

/**
 * The call site of a model call — role, phase, step and task from the
 * toolforge tracing metadata inherited by the call (see `tracingConfig`) —
 * or `undefined` outside a training or evaluation run.
 *
 * @example
 * cacheScope(runManager); // "agent|candidate|2|gsm8k-12"
 */
export function cacheScope(runManager: CallbackManagerForLLMRun | undefined): string | undefined {
  // Call options do not carry the call site; the LLM run's metadata does
  // (core marks that field protected, not private).
  const meta = (runManager as unknown as { metadata?: Record<string, unknown> } | undefined)?.metadata;
  if (meta?.toolforge_role === undefined) return undefined;
  return [meta.toolforge_role, meta.toolforge_phase, meta.toolforge_step, meta.toolforge_task_id].map((v) => (v === undefined ? "" : String(v))).join("|");
}

/**
 * Stamps the call site on generations about to be cached.
 *
 * @example
 * await cache.update(prompt, llmKey, withScope(result.generations, scope));
 */
export function withScope(generations: ChatGeneration[], scope: string | undefined): ChatGeneration[] {
  if (scope === undefined) return generations;
  return generations.map((g) => ({ ...g, generationInfo: { ...g.generationInfo, [SCOPE_FIELD]: scope } }));
}

/**
 * Marks cached generations as a `"hit"` or a `"replay"` of the current call
 * site (see {@link CacheOrigin}) and drops the stored call site.
 *
 * @example
 * return { generations: markOrigin(hit, scope), llmOutput: { cached: true } };
 */
export function markOrigin(generations: ChatGeneration[], scope: string | undefined): ChatGeneration[] {
  return generations.map((g) => {
    const { [SCOPE_FIELD]: stored, ...info } = g.generationInfo ?? {};
    const origin: CacheOrigin = scope !== undefined && stored === scope ? "replay" : "hit";
    const message = g.message as BaseMessage | undefined;
    if (message) message.response_metadata = { ...message.response_metadata, toolforge_cache: origin };
    return { ...g, generationInfo: info };
  });
}
