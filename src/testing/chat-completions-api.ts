import type { ScriptedMessage, ScriptedReply, ScriptedRequest, ScriptedToolDefinition } from "./types.js";
import { CREATED, pieces, sseFrame, tokenCounts, wireToolCalls } from "./wire-format.js";

// The Chat Completions API (`POST /v1/chat/completions`) as the scripted server speaks it.

/** The messages of a Chat Completions request, as sent. */
export function chatMessages(body: Record<string, unknown>): ScriptedMessage[] {
  return (Array.isArray(body.messages) ? body.messages : []) as ScriptedMessage[];
}

/** The tool definitions of a Chat Completions request, as sent. */
export function chatTools(body: Record<string, unknown>): ScriptedToolDefinition[] | undefined {
  return Array.isArray(body.tools) ? (body.tools as ScriptedToolDefinition[]) : undefined;
}

function chatToolCalls(reply: ScriptedReply, request: ScriptedRequest) {
  return wireToolCalls(reply, request.index).map((c) => ({ id: c.id, type: "function" as const, function: { name: c.name, arguments: c.arguments } }));
}

function usageOf(reply: ScriptedReply, request: ScriptedRequest) {
  const tokens = tokenCounts(reply, request, wireToolCalls(reply, request.index));
  return { prompt_tokens: tokens.input, completion_tokens: tokens.output, total_tokens: tokens.input + tokens.output };
}

/** The `chat.completion` body of a reply. */
export function chatCompletionBody(reply: ScriptedReply, request: ScriptedRequest) {
  const toolCalls = chatToolCalls(reply, request);
  return {
    id: `chatcmpl-scripted-${request.index}`,
    object: "chat.completion",
    created: CREATED,
    model: request.model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: reply.content ?? (toolCalls.length ? null : ""),
          ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: reply.finishReason ?? (toolCalls.length ? "tool_calls" : "stop"),
      },
    ],
    usage: usageOf(reply, request),
  };
}

/** The SSE frames of a streamed reply: text and tool-call deltas, and a usage chunk when the client asks. */
export function chatStreamFrames(reply: ScriptedReply, request: ScriptedRequest): string[] {
  const toolCalls = chatToolCalls(reply, request);
  const base = { id: `chatcmpl-scripted-${request.index}`, object: "chat.completion.chunk", created: CREATED, model: request.model };
  const chunk = (delta: Record<string, unknown>, finish_reason: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason }],
  });
  const frames: unknown[] = [chunk({ role: "assistant", content: "" })];
  if (reply.content) for (const piece of pieces(reply.content)) frames.push(chunk({ content: piece }));
  toolCalls.forEach((call, index) => {
    frames.push(chunk({ tool_calls: [{ index, id: call.id, type: "function", function: { name: call.function.name, arguments: "" } }] }));
    for (const piece of pieces(call.function.arguments)) frames.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
  });
  frames.push(chunk({}, reply.finishReason ?? (toolCalls.length ? "tool_calls" : "stop")));
  const streamOptions = request.body.stream_options as { include_usage?: boolean } | undefined;
  if (streamOptions?.include_usage) frames.push({ ...base, choices: [], usage: usageOf(reply, request) });
  return [...frames.map((f) => sseFrame(f)), "data: [DONE]\n\n"];
}
