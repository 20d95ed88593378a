import type { ScriptedReply, ScriptedRequest } from "./types.js";

// Pieces shared by the Chat Completions and Responses wire formats of the scripted server.

/** Fixed so that identical scripts produce byte-identical responses. */
export const CREATED = 1_700_000_000;

/** A scripted tool call as both APIs carry it: an id, a name and JSON-encoded arguments. */
export interface WireToolCall {
  id: string;
  name: string;
  arguments: string;
}

function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** The reply's tool calls with ids and JSON-encoded arguments (strings are sent verbatim). */
export function wireToolCalls(reply: ScriptedReply, requestIndex: number): WireToolCall[] {
  return (reply.toolCalls ?? []).map((call, i) => ({
    id: call.id ?? `call_${requestIndex}_${i}`,
    name: call.name,
    arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments ?? {}),
  }));
}

/** Token counts: the reply's own, else an estimate of about 4 characters per token. */
export function tokenCounts(reply: ScriptedReply, request: ScriptedRequest, toolCalls: WireToolCall[]): { input: number; output: number } {
  const input = reply.usage?.prompt_tokens ?? estimateTokens(JSON.stringify([request.messages, request.tools ?? []]));
  const output = reply.usage?.completion_tokens ?? estimateTokens((reply.content ?? "") + toolCalls.map((c) => c.name + c.arguments).join(""));
  return { input, output };
}

/** Splits text into a few pieces so streaming clients really assemble deltas. */
export function pieces(text: string, count = 3): string[] {
  if (text.length <= 1) return [text];
  const size = Math.ceil(text.length / count);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** One server-sent event frame. */
export function sseFrame(data: unknown, event?: string): string {
  return `${event ? `event: ${event}\n` : ""}data: ${JSON.stringify(data)}\n\n`;
}
