import { ToolMessage } from "@langchain/core/messages";
import type { DynamicStructuredTool } from "@langchain/core/tools";
import type { JSONSchema as LangChainJSONSchema } from "@langchain/core/utils/json_schema";
import type { RunnableConfig } from "@langchain/core/runnables";
import { capabilityCall, type CapabilityRuntime } from "../capabilities/index.js";
import { DEFAULTS } from "../defaults.js";
import type { Sandbox, SandboxCall, SandboxResult } from "../sandbox/types.js";
import { FunctionCallError } from "./errors.js";
import type { FunctionSpec } from "./function-spec.js";
import { SchemaCheckedTool } from "./schema-checked-tool.js";

/**
 * Options of `toolset.toTools` / {@link emitTools}.
 * @example
 * const tools = toolset.toTools({ sandbox, timeoutMs: 1_000, throwOnError: false });
 */
export interface ToToolsOptions {
  /** Where calls run. The caller owns it (and closes it). */
  sandbox: Sandbox;
  /** Throw a {@link FunctionCallError} on failure instead of returning an error result. */
  throwOnError?: boolean;
  /** Per-call time limit; default: the sandbox's. */
  timeoutMs?: number;
  /** Captured log characters appended to an error result; default `DEFAULTS.functions.maxErrorLogChars`. */
  maxErrorLogChars?: number;
  /**
   * The run's capabilities (`createCapabilities(policy)`). Without them a
   * function that declares capabilities gets a typed refusal for each use.
   * The current task's attachments come from `configurable.toolforge_attachments`.
   */
  capabilities?: CapabilityRuntime;
}

/**
 * The two-tuple a `content_and_artifact` tool's function returns. A failed
 * call made as a tool call carries a ready `ToolMessage` (status `"error"`)
 * as its content, which LangChain passes through unchanged.
 * @example
 * const msg = await tools[0].invoke({ type: "tool_call", id: "1", name: "add", args: { a: 1, b: 2 } });
 * const [content, artifact]: FunctionToolOutput = [msg.content, msg.artifact];
 */
export type FunctionToolOutput = [content: string | ToolMessage, artifact: SandboxResult];

/**
 * One `DynamicStructuredTool` per function. Each tool's schema is the raw
 * JSON Schema of `parameters`; input is validated against it before the
 * call (with linear-time patterns, see {@link SchemaCheckedTool}); the call runs `code` in the sandbox with only the function's
 * own packages. `responseFormat` is `"content_and_artifact"`: content is
 * what the model reads (the value as JSON, strings as-is, or
 * `Error (<kind>): <message>` plus bounded logs), the artifact is the
 * {@link SandboxResult}. Failures are results, not exceptions, unless
 * `throwOnError` is set: invoked with a tool call, a failed call returns a
 * `ToolMessage` with `status: "error"` (so tool-retry middleware, LangSmith
 * and `ToolNode` see a failure) and the result as its artifact; with
 * `throwOnError` the {@link FunctionCallError} carries the same artifact and
 * {@link handleFunctionCallError} turns it back into that message.
 *
 * @example
 * import { Toolset, createSandbox, emitTools } from "toolforge";
 * const sandbox = await createSandbox();
 * const tools = emitTools(Toolset.empty().add(addSpec).functions, { sandbox });
 * const message = await tools[0].invoke({ type: "tool_call", id: "1", name: "add", args: { a: 1, b: 2 } });
 * console.log(message.content, message.artifact.durationMs);
 */
export function emitTools(functions: readonly FunctionSpec[], opts: ToToolsOptions): DynamicStructuredTool[] {
  return functions.map((spec) => emitTool(spec, functions, opts));
}

function emitTool(spec: FunctionSpec, all: readonly FunctionSpec[], opts: ToToolsOptions): DynamicStructuredTool {
  const maxLogChars = opts.maxErrorLogChars ?? DEFAULTS.functions.maxErrorLogChars;
  return new SchemaCheckedTool({
    name: spec.name,
    description: spec.description,
    // The spec is frozen; LangChain may annotate schemas, so hand it a copy.
    schema: structuredClone(spec.parameters) as unknown as LangChainJSONSchema,
    responseFormat: "content_and_artifact",
    // Lets the model read *why* its arguments were rejected.
    verboseParsingErrors: true,
    func: async (input: unknown, _run?: unknown, config?: RunnableConfig): Promise<FunctionToolOutput> => {
      const call = capabilityCall(spec, all, opts.capabilities, config?.configurable?.toolforge_attachments);
      const result = await runSafely(opts.sandbox, call.spec, input, opts.timeoutMs, call.handler).then(call.attachUsage);
      if (result.ok) return [formatValue(result.value), result];
      const content = formatError(result, maxLogChars);
      if (opts.throwOnError) throw new FunctionCallError(spec.name, result.error.kind, result.error.message, result.logs, { artifact: result, content });
      const toolCallId = (config as { toolCall?: { id?: string } } | undefined)?.toolCall?.id;
      // Without a tool call (plain-args invoke) LangChain returns the content alone.
      if (!toolCallId) return [content, result];
      return [new ToolMessage({ content, artifact: result, status: "error", tool_call_id: toolCallId, name: spec.name }), result];
    },
  });
}

// The sandbox promises not to throw for guest problems; a throw means the
// sandbox itself broke (closed, worker crash). The agent must still go on.
async function runSafely(sandbox: Sandbox, spec: Pick<FunctionSpec, "code" | "name" | "packages">, args: unknown, timeoutMs: number | undefined, capabilities?: SandboxCall["capabilities"]): Promise<SandboxResult> {
  const started = performance.now();
  try {
    return await sandbox.run({
      code: spec.code,
      entry: spec.name,
      args,
      packages: spec.packages,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      ...(capabilities ? { capabilities } : {}),
    });
  } catch (error) {
    return {
      ok: false,
      error: { kind: "internal", message: `sandbox failed: ${(error as Error)?.message ?? String(error)}` },
      logs: [],
      durationMs: performance.now() - started,
    };
  }
}

/**
 * The text a model reads for a successful call: strings as-is, everything
 * else as JSON (`undefined` reads as "undefined").
 *
 * @example
 * import { formatValue } from "toolforge";
 * console.log(formatValue("hi"), formatValue({ x: 1 })); // hi {"x":1}
 */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "undefined";
  return JSON.stringify(value) ?? String(value);
}

/**
 * The text a model reads for a failed call: `Error (<kind>): <message>` plus
 * the last `maxLogChars` characters of the captured logs.
 *
 * @example
 * import { formatError } from "toolforge";
 * formatError({ ok: false, error: { kind: "timeout", message: "exceeded 2000 ms" }, logs: [], durationMs: 2001 }, 1000);
 * // "Error (timeout): exceeded 2000 ms"
 */
export function formatError(result: Extract<SandboxResult, { ok: false }>, maxLogChars: number): string {
  const head = `Error (${result.error.kind}): ${result.error.message}`;
  if (result.logs.length === 0 || maxLogChars <= 0) return head;
  const logs = result.logs.join("\n");
  // The last lines are nearest to the failure, so keep the tail.
  const shown = logs.length > maxLogChars ? `…${logs.slice(logs.length - maxLogChars)}` : logs;
  return `${head}\nLogs:\n${shown}`;
}
