import type { BaseCache } from "@langchain/core/caches";
import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, AIMessageChunk, convertToChunk, isAIMessage, type BaseMessage } from "@langchain/core/messages";
import { ChatGenerationChunk, type ChatGeneration, type ChatResult } from "@langchain/core/outputs";
import { canonicalJson } from "../functions/canonical-json.js";
import { cacheScope, markOrigin, withScope } from "./cache-scope.js";


/**
 * Cache key of one request: exactly what goes over the wire (messages as the
 * provider's API sees them — `wireMessages` —, so LangGraph's random message
 * ids do not matter) plus the model identity. The API key is never part of it. When
 * sampling (temperature > 0) the call site is part of the key too: another
 * step or task must draw its own sample (e.g. the optimizer after a
 * roll-back), while the same call site resumed still replays its answer.
 */
function requestKey(model: CachedClient, baseURL: string | undefined, wire: unknown, options: unknown, scope: string | undefined) {
  const { stream: _s, stream_options: _so, ...params } = model.invocationParams(options as never) as Record<string, unknown>;
  const sampled = typeof params.temperature === "number" && params.temperature > 0 && scope !== undefined;
  return { prompt: canonicalJson(wire), llmKey: canonicalJson({ v: 1, baseURL: baseURL ?? "openai", params, ...(sampled ? { scope } : {}) }) };
}

/** A provider client as the cache sees it; `streaming` is set by clients that stream inside `_generate`. */
type CachedClient = BaseChatModel & { streaming?: boolean };

/** Does nothing: its presence makes LangChain create a run manager for every call. */
class CallSiteHandler extends BaseCallbackHandler {
  name = "toolforge_call_site";
}

/**
 * Gives `model` a run manager on every call even when no callbacks are
 * configured: the run manager carries the call site's metadata, which the
 * cache keys by. Put on the model callers call (the wrapper, when the
 * cached client sits behind one).
 */
export function ensureRunManager(model: BaseChatModel): void {
  model.callbacks = [...(Array.isArray(model.callbacks) ? model.callbacks : []), new CallSiteHandler()];
}

function chunkToMessage(chunk: BaseMessage): BaseMessage {
  if (!AIMessageChunk.isInstance(chunk)) return chunk;
  return new AIMessage({
    content: chunk.content,
    tool_calls: chunk.tool_calls,
    invalid_tool_calls: chunk.invalid_tool_calls,
    usage_metadata: chunk.usage_metadata,
    response_metadata: chunk.response_metadata,
    additional_kwargs: chunk.additional_kwargs,
    id: chunk.id,
  });
}

/**
 * Answers identical requests from `cache` instead of the server, for both
 * `invoke` and streaming. Done at the `_generate` / `_streamResponseChunks`
 * level rather than through BaseChatModel's own `cache` field because core
 * keys that by a lossy text rendering of the prompt (tool-call ids and
 * message ids in or out by accident), zeroes `usage_metadata` on hits, and
 * skips the cache entirely when streaming. The native content-block event
 * stream (used by LangGraph's v3 streaming) is routed through the cached
 * chunk stream via core's generic bridge.
 */
export function attachResponseCache(model: CachedClient, cache: BaseCache, baseURL: string | undefined, wireMessages: (messages: BaseMessage[]) => unknown): void {
  ensureRunManager(model);
  const generate = model._generate.bind(model);
  const streamChunks = model._streamResponseChunks.bind(model);

  model._generate = async (messages: BaseMessage[], options: any, runManager?: CallbackManagerForLLMRun): Promise<ChatResult> => {
    // With `streaming: true`, _generate consumes _streamResponseChunks, which caches itself.
    if (model.streaming) return generate(messages, options, runManager);
    const scope = cacheScope(runManager);
    const { prompt, llmKey } = requestKey(model, baseURL, wireMessages(messages), options, scope);
    const hit = (await cache.lookup(prompt, llmKey)) as ChatGeneration[] | null;
    if (hit?.length) return { generations: markOrigin(hit, scope), llmOutput: { cached: true } };
    const result = await generate(messages, options, runManager);
    await cache.update(prompt, llmKey, withScope(result.generations, scope));
    return result;
  };

  // Some clients (ChatOpenAICompletions) stream events natively, straight
  // past _streamResponseChunks; the base implementation derives them from it.
  model._streamChatModelEvents = BaseChatModel.prototype._streamChatModelEvents;

  model._streamResponseChunks = async function* (messages: BaseMessage[], options: any, runManager?: CallbackManagerForLLMRun) {
    const scope = cacheScope(runManager);
    const { prompt, llmKey } = requestKey(model, baseURL, wireMessages(messages), options, scope);
    const hit = (await cache.lookup(prompt, llmKey)) as ChatGeneration[] | null;
    if (hit?.length) {
      for (const generation of markOrigin(hit, scope)) {
        const chunk = new ChatGenerationChunk({
          text: generation.text,
          message: isAIMessage(generation.message) ? (convertToChunk(generation.message) as AIMessageChunk) : new AIMessageChunk(generation.text),
          generationInfo: generation.generationInfo,
        });
        await runManager?.handleLLMNewToken(generation.text, { prompt: 0, completion: 0 }, undefined, undefined, undefined, { chunk });
        yield chunk;
      }
      return;
    }
    let whole: ChatGenerationChunk | undefined;
    for await (const chunk of streamChunks(messages, options, runManager)) {
      whole = whole ? whole.concat(chunk) : chunk;
      yield chunk;
    }
    // Only a stream that ran to its end is a complete answer worth replaying.
    if (whole && !options?.signal?.aborted) {
      const generation: ChatGeneration = { text: whole.text, message: chunkToMessage(whole.message), generationInfo: whole.generationInfo };
      await cache.update(prompt, llmKey, withScope([generation], scope));
    }
  };
}
