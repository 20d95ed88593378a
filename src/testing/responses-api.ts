import type { ScriptedMessage, ScriptedReply, ScriptedRequest, ScriptedToolDefinition } from "./types.js";
import { CREATED, pieces, sseFrame, tokenCounts, wireToolCalls } from "./wire-format.js";

// The OpenAI Responses API (`POST /v1/responses`) as the scripted server
// speaks it: requests are translated into the chat-style `ScriptedRequest`
// every responder already understands, replies into Responses output items.
// `ChatOpenAI` switches to this API for some model names and built-in tools.

type InputItem = {
  type?: string;
  role?: string;
  content?: unknown;
  call_id?: string;
  name?: string;
  arguments?: string;
  output?: unknown;
};

/** The text of a Responses content value: a string, or `input_text` / `output_text` parts. */
function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part: { text?: unknown }) => (typeof part?.text === "string" ? part.text : "")).join("");
}

/**
 * The chat-style messages of a Responses request: `instructions` become a
 * system message, consecutive `function_call` items one assistant message
 * with `tool_calls`, and `function_call_output` items tool messages.
 */
export function responsesMessages(body: Record<string, unknown>): ScriptedMessage[] {
  const messages: ScriptedMessage[] = [];
  if (typeof body.instructions === "string" && body.instructions !== "") messages.push({ role: "system", content: body.instructions });
  const input: InputItem[] = typeof body.input === "string" ? [{ role: "user", content: body.input }] : Array.isArray(body.input) ? (body.input as InputItem[]) : [];
  for (const item of input) {
    if (item.type === "function_call") {
      const call = { id: String(item.call_id ?? ""), type: "function" as const, function: { name: String(item.name ?? ""), arguments: String(item.arguments ?? "") } };
      const last = messages.at(-1);
      if (last?.role === "assistant" && last.tool_calls) last.tool_calls.push(call);
      else messages.push({ role: "assistant", content: null, tool_calls: [call] });
    } else if (item.type === "function_call_output") {
      messages.push({ role: "tool", tool_call_id: String(item.call_id ?? ""), content: typeof item.output === "string" ? item.output : contentText(item.output) });
    } else if (item.role) {
      messages.push({ role: item.role, content: contentText(item.content) });
    }
  }
  return messages;
}

/** Responses tool definitions (`{ type, name, parameters }`) in the chat format responders read. */
export function responsesTools(body: Record<string, unknown>): ScriptedToolDefinition[] | undefined {
  if (!Array.isArray(body.tools)) return undefined;
  return (body.tools as { type?: string; name?: string; description?: string; parameters?: unknown }[]).map((t) => ({
    type: String(t.type ?? "function"),
    function: { name: String(t.name ?? ""), ...(t.description !== undefined && { description: t.description }), ...(t.parameters !== undefined && { parameters: t.parameters }) },
  }));
}

function outputItems(reply: ScriptedReply, request: ScriptedRequest) {
  const items: Record<string, unknown>[] = [];
  if (reply.content !== undefined || !reply.toolCalls?.length) {
    items.push({ type: "message", id: `msg_scripted_${request.index}`, status: "completed", role: "assistant", content: [{ type: "output_text", text: reply.content ?? "", annotations: [] }] });
  }
  for (const call of wireToolCalls(reply, request.index)) {
    items.push({ type: "function_call", id: `fc_${call.id}`, call_id: call.id, name: call.name, arguments: call.arguments, status: "completed" });
  }
  return items;
}

/** The complete `response` object of a reply (the non-streaming body, and the payload of `response.completed`). */
export function responsesBody(reply: ScriptedReply, request: ScriptedRequest) {
  const tokens = tokenCounts(reply, request, wireToolCalls(reply, request.index));
  return {
    id: `resp_scripted_${request.index}`,
    object: "response",
    created_at: CREATED,
    status: "completed",
    error: null,
    incomplete_details: null,
    model: request.model,
    output: outputItems(reply, request),
    parallel_tool_calls: true,
    tool_choice: request.body.tool_choice ?? "auto",
    tools: request.body.tools ?? [],
    usage: {
      input_tokens: tokens.input,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: tokens.output,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: tokens.input + tokens.output,
    },
  };
}

/** The server-sent events of a streamed reply: created, text and argument deltas per output item, completed. */
export function responsesStreamFrames(reply: ScriptedReply, request: ScriptedRequest): string[] {
  const response = responsesBody(reply, request);
  const events: Record<string, unknown>[] = [{ type: "response.created", response: { ...response, status: "in_progress", output: [] } }];
  response.output.forEach((item, output_index) => {
    if (item.type === "message") {
      events.push({ type: "response.output_item.added", output_index, item: { ...item, status: "in_progress", content: [] } });
      const text = (item.content as { text: string }[])[0]!.text;
      for (const delta of pieces(text)) events.push({ type: "response.output_text.delta", item_id: item.id, output_index, content_index: 0, delta });
    } else {
      events.push({ type: "response.output_item.added", output_index, item: { ...item, status: "in_progress", arguments: "" } });
      for (const delta of pieces(String(item.arguments))) events.push({ type: "response.function_call_arguments.delta", item_id: item.id, output_index, delta });
    }
    events.push({ type: "response.output_item.done", output_index, item });
  });
  events.push({ type: "response.completed", response });
  return events.map((event, sequence_number) => sseFrame({ ...event, sequence_number }, String(event.type)));
}
