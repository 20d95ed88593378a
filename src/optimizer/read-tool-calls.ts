import { AIMessage, type AIMessageChunk } from "@langchain/core/messages";
import type { ProposedCall } from "./apply-action.js";

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function jsonError(raw: unknown): string {
  if (typeof raw !== "string") return "the arguments could not be parsed";
  try {
    JSON.parse(raw);
    return "the arguments could not be parsed";
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Reads every tool call of an optimizer reply, in the order the model sent
 * them, including calls whose arguments were not valid JSON (LangChain puts
 * those in `invalid_tool_calls`). Also returns a copy of the reply whose
 * `tool_calls` hold all of them (unparseable arguments as `{}`), so each
 * gets an answering `ToolMessage` that providers accept.
 *
 * @example
 * import { AIMessage } from "@langchain/core/messages";
 * import { readToolCalls } from "toolforge";
 * const { calls } = readToolCalls(new AIMessage({ content: "", tool_calls: [{ id: "c1", name: "terminate", args: {} }] }), 1);
 * console.log(calls[0].name); // "terminate"
 */
export function readToolCalls(reply: AIMessage | AIMessageChunk, turn: number): { calls: ProposedCall[]; message: AIMessage } {
  const calls: ProposedCall[] = [];
  (reply.tool_calls ?? []).forEach((call, i) => {
    calls.push({ id: call.id || `call_${turn}_${i}`, name: call.name, args: call.args });
  });
  (reply.invalid_tool_calls ?? []).forEach((call, i) => {
    calls.push({
      id: call.id || `call_${turn}_invalid_${i}`,
      name: call.name ?? "(no name)",
      invalidJson: jsonError(call.args),
    });
  });
  // Restore the provider's order when it is known (valid and invalid calls are split by LangChain).
  const raw = reply.additional_kwargs?.tool_calls;
  if (Array.isArray(raw)) {
    const position = new Map(raw.map((r, i) => [(r as { id?: string }).id, i]));
    calls.sort((a, b) => (position.get(a.id) ?? Number.MAX_SAFE_INTEGER) - (position.get(b.id) ?? Number.MAX_SAFE_INTEGER));
  }
  const message = new AIMessage({
    content: reply.content,
    ...(reply.id !== undefined ? { id: reply.id } : {}),
    tool_calls: calls.map((c) => ({
      id: c.id,
      name: c.name,
      args: c.invalidJson !== undefined ? {} : isPlainObject(c.args) ? c.args : { value: c.args },
      type: "tool_call" as const,
    })),
  });
  return { calls, message };
}
