import { mapStoredMessagesToChatMessages, type BaseMessage } from "@langchain/core/messages";
import { contentText } from "../agents/message-text.js";
import type { FunctionCallRecord, TokenUsage } from "./types.js";

/**
 * A message in serialised form (`message.toDict()`), as kept in execution records.
 *
 * @example
 * import type { StoredMessage } from "toolforge";
 * const isTool = (m: StoredMessage) => m.type === "tool";
 */
export type StoredMessage = ReturnType<BaseMessage["toDict"]>;

/**
 * Serialises messages to their `toDict()` form, made strictly JSON-safe
 * (class instances in artifacts become plain data, `undefined` disappears,
 * bigints become strings), so records survive JSON and checkpoints.
 *
 * @example
 * import { HumanMessage } from "@langchain/core/messages";
 * import { messagesToDict } from "toolforge";
 * messagesToDict([new HumanMessage("hi")]); // [{ type: "human", data: { content: "hi", ... } }]
 */
export function messagesToDict(messages: readonly BaseMessage[]): StoredMessage[] {
  return JSON.parse(
    JSON.stringify(
      messages.map((m) => m.toDict()),
      (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v),
    ),
  ) as StoredMessage[];
}

/**
 * Turns stored messages back into LangChain messages.
 *
 * @example
 * import { messagesFromDict } from "toolforge";
 * const [first] = messagesFromDict(record.messages);
 */
export function messagesFromDict(stored: readonly StoredMessage[]): BaseMessage[] {
  return mapStoredMessagesToChatMessages(stored as StoredMessage[]);
}

interface StoredToolCall {
  id?: string;
  name: string;
  args: unknown;
}

interface SandboxResultLike {
  ok: boolean;
  error?: { kind?: unknown; message?: unknown };
  durationMs?: unknown;
  capabilities?: FunctionCallRecord["capabilities"];
}

function isSandboxResultLike(v: unknown): v is SandboxResultLike {
  return typeof v === "object" && v !== null && typeof (v as SandboxResultLike).ok === "boolean";
}

/**
 * The function calls of a run, in call order: each AI `tool_calls` entry
 * joined with its `ToolMessage` by id. Errors and durations come from the
 * `SandboxResult` artifact of learned functions and the code interpreter;
 * other tools report errors through `status: "error"` (kind `tool_error`, or
 * `invalid_arguments` when the arguments failed the tool's schema) and have
 * no duration.
 * Malformed calls (`invalid_tool_calls`) are recorded with kind `invalid_arguments`.
 * A call made by a named AI message (a team member) carries that `role`.
 *
 * @example
 * import { extractFunctionCalls, messagesToDict } from "toolforge";
 * const calls = extractFunctionCalls(messagesToDict(output.messages));
 * console.log(calls.map((c) => `${c.name}: ${c.error?.kind ?? "ok"}`));
 */
export function extractFunctionCalls(stored: readonly StoredMessage[]): FunctionCallRecord[] {
  const results = new Map<string, StoredMessage["data"]>();
  // Stryker disable next-line ConditionalExpression,LogicalOperator: other messages have no tool_call_id, and results are looked up by defined ids only.
  for (const m of stored) if (m.type === "tool" && m.data.tool_call_id) results.set(m.data.tool_call_id, m.data);

  const calls: FunctionCallRecord[] = [];
  for (const m of stored) {
    // Stryker disable next-line ConditionalExpression: only AI messages carry tool calls; the others would add none.
    if (m.type !== "ai") continue;
    const data = m.data as StoredMessage["data"] & { tool_calls?: StoredToolCall[]; invalid_tool_calls?: StoredToolCall[] & { error?: string }[] };
    // Named agents (createReactAgent/createAgent `name`, supervisor workers, swarm members) label their messages.
    const role = typeof data.name === "string" && data.name !== "" ? { role: data.name } : {};
    for (const call of data.tool_calls ?? []) {
      const id = call.id ?? `call_${calls.length}`;
      const record: FunctionCallRecord = { id, name: call.name, args: call.args, ...role };
      // Stryker disable next-line ConditionalExpression: no result is stored under an undefined id.
      const tool = call.id ? results.get(call.id) : undefined;
      if (tool) {
        record.result = contentText(tool.content);
        const artifact = (tool as { artifact?: unknown }).artifact;
        if (isSandboxResultLike(artifact)) {
          if (!artifact.ok) {
            record.error = { kind: String(artifact.error?.kind ?? "tool_error"), message: String(artifact.error?.message ?? record.result) };
          }
          if (typeof artifact.durationMs === "number") record.durationMs = artifact.durationMs;
          if (artifact.capabilities && artifact.capabilities.calls > 0) record.capabilities = artifact.capabilities;
        } else if ((tool as { status?: string }).status === "error") {
          // LangChain rejects arguments that fail the tool's schema before any code runs.
          const kind = record.result.includes("did not match expected schema") ? "invalid_arguments" : "tool_error";
          record.error = { kind, message: record.result };
        }
      }
      calls.push(record);
    }
    for (const bad of data.invalid_tool_calls ?? []) {
      calls.push({
        ...role,
        id: bad.id ?? `call_${calls.length}`,
        name: bad.name ?? "(unnamed)",
        args: bad.args,
        error: { kind: "invalid_arguments", message: String((bad as { error?: string }).error ?? "arguments are not valid JSON") },
      });
    }
  }
  return calls;
}

/**
 * Token usage of one AI message as billed by the provider: its
 * `usage_metadata`, unless the reply was reused from the response cache
 * (`response_metadata.toolforge_cache === "hit"`), in which case nothing was
 * billed and its tokens count as `cachedTokens` instead.
 *
 * @example
 * import { messageUsage } from "toolforge";
 * messageUsage({ input_tokens: 10, output_tokens: 2 }, { toolforge_cache: "hit" }); // { inputTokens: 0, …, cachedTokens: 12 }
 */
export function messageUsage(
  usageMetadata: { input_tokens?: number; output_tokens?: number; total_tokens?: number } | undefined,
  responseMetadata?: { toolforge_cache?: unknown } | Record<string, unknown>,
): TokenUsage {
  const input = usageMetadata?.input_tokens ?? 0;
  const output = usageMetadata?.output_tokens ?? 0;
  const total = usageMetadata?.total_tokens ?? input + output;
  if (responseMetadata?.toolforge_cache === "hit") return { inputTokens: 0, outputTokens: 0, totalTokens: 0, cachedTokens: total };
  return { inputTokens: input, outputTokens: output, totalTokens: total, cachedTokens: 0 };
}

/**
 * Sum of the usage of the AI messages of a run (see {@link messageUsage}:
 * replies reused from the cache count as `cachedTokens`, not as spend).
 *
 * @example
 * import { sumUsage, messagesToDict } from "toolforge";
 * sumUsage(messagesToDict(output.messages)); // { inputTokens, outputTokens, totalTokens, cachedTokens }
 */
export function sumUsage(stored: readonly StoredMessage[]): TokenUsage {
  let total: TokenUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0, cachedTokens: 0 };
  for (const m of stored) {
    // Stryker disable next-line ConditionalExpression: only AI messages carry usage_metadata.
    if (m.type !== "ai") continue;
    const data = m.data as { usage_metadata?: { input_tokens?: number; output_tokens?: number; total_tokens?: number }; response_metadata?: Record<string, unknown> };
    // Stryker disable next-line ConditionalExpression: a message without usage_metadata adds zero tokens either way.
    if (data.usage_metadata) total = addUsage(total, messageUsage(data.usage_metadata, data.response_metadata));
  }
  return total;
}

/**
 * Adds token usages.
 *
 * @example
 * import { addUsage } from "toolforge";
 * addUsage({ inputTokens: 1, outputTokens: 2, totalTokens: 3 }, { inputTokens: 1, outputTokens: 1, totalTokens: 2, cachedTokens: 5 });
 * // { inputTokens: 2, outputTokens: 3, totalTokens: 5, cachedTokens: 5 }
 */
export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
    cachedTokens: (a.cachedTokens ?? 0) + (b.cachedTokens ?? 0),
  };
}
