import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ScriptedReply, ScriptedRequest, ScriptedServer, ScriptedServerOptions } from "./types.js";

// Fixed so that identical scripts produce byte-identical responses.
const CREATED = 1_700_000_000;

interface WireToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function wireToolCalls(reply: ScriptedReply, requestIndex: number): WireToolCall[] {
  return (reply.toolCalls ?? []).map((call, i) => ({
    id: call.id ?? `call_${requestIndex}_${i}`,
    type: "function",
    function: {
      name: call.name,
      arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments ?? {}),
    },
  }));
}

function usageOf(reply: ScriptedReply, request: ScriptedRequest, toolCalls: WireToolCall[]) {
  const prompt = reply.usage?.prompt_tokens ?? estimateTokens(JSON.stringify([request.messages, request.tools ?? []]));
  const completion =
    reply.usage?.completion_tokens ??
    estimateTokens((reply.content ?? "") + toolCalls.map((c) => c.function.name + c.function.arguments).join(""));
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/** Splits text into a few pieces so streaming clients really assemble deltas. */
function pieces(text: string, count = 3): string[] {
  if (text.length <= 1) return [text];
  const size = Math.ceil(text.length / count);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function completionBody(reply: ScriptedReply, request: ScriptedRequest) {
  const toolCalls = wireToolCalls(reply, request.index);
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
    usage: usageOf(reply, request, toolCalls),
  };
}

function streamFrames(reply: ScriptedReply, request: ScriptedRequest): string[] {
  const toolCalls = wireToolCalls(reply, request.index);
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
  if (streamOptions?.include_usage) frames.push({ ...base, choices: [], usage: usageOf(reply, request, toolCalls) });
  return [...frames.map((f) => `data: ${JSON.stringify(f)}\n\n`), "data: [DONE]\n\n"];
}

function errorBody(status: number, message: string) {
  const type = status === 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request_error";
  return JSON.stringify({ error: { message, type, param: null, code: null } });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function sendJson(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

/**
 * Starts a scripted OpenAI-compatible server on 127.0.0.1 (ephemeral port)
 * so tests can drive the real `@langchain/openai` client offline. It serves
 * `POST /v1/chat/completions` (JSON and SSE streaming, tool calls, usage,
 * including the final usage chunk when `stream_options.include_usage` is set)
 * and `GET /v1/models`. Each reply is decided by `respond(request)`, which
 * can also inject faults: error statuses with headers such as `Retry-After`,
 * delays, truncated or malformed bodies. `close()` drops every open socket.
 *
 * @example
 * import { startScriptedServer } from "toolforge/testing";
 * import { createModel } from "toolforge";
 * const server = await startScriptedServer({ respond: (req) => ({ content: `you said ${req.messages.length} message(s)` }) });
 * const model = createModel({ baseURL: server.baseURL, model: "scripted" });
 * console.log((await model.invoke("hi")).content); // "you said 1 message(s)"
 * await server.close();
 */
export async function startScriptedServer(options: ScriptedServerOptions): Promise<ScriptedServer> {
  const requests: ScriptedRequest[] = [];
  const errors: Error[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const wait = (ms: number, res: ServerResponse) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve(!res.destroyed && !closed);
      }, ms);
      timers.add(timer);
      // A client that gave up (timeout) should not keep the delay alive.
      res.once("close", () => {
        clearTimeout(timer);
        timers.delete(timer);
        resolve(false);
      });
    });

  async function handleCompletion(req: IncomingMessage, res: ServerResponse) {
    const text = await readBody(req);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return sendJson(res, 400, errorBody(400, "scripted server: request body is not JSON"));
    }
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : String(v ?? "")]));
    const request: ScriptedRequest = {
      index: requests.length,
      model: String(body.model ?? ""),
      messages: (Array.isArray(body.messages) ? body.messages : []) as ScriptedRequest["messages"],
      ...(Array.isArray(body.tools) ? { tools: body.tools as ScriptedRequest["tools"] } : {}),
      stream: body.stream === true,
      body,
      headers,
    };
    requests.push(request);

    let reply: ScriptedReply;
    try {
      reply = await options.respond(request);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      errors.push(error);
      return sendJson(res, 400, errorBody(400, `scripted server: respond() threw for request #${request.index}: ${error.message}`));
    }

    if (reply.delayMs && !(await wait(reply.delayMs, res))) return;
    const status = reply.status ?? 200;
    const extraHeaders = reply.headers ?? {};

    if (reply.rawBody !== undefined || status >= 400) {
      const payload = reply.rawBody ?? errorBody(status, reply.content ?? `scripted error ${status}`);
      if (!reply.truncate) return sendJson(res, status, payload, extraHeaders);
      res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...extraHeaders });
      res.write(payload.slice(0, Math.floor(payload.length / 2)));
      return void setImmediate(() => res.destroy());
    }

    if (request.stream) {
      const frames = streamFrames(reply, request);
      res.writeHead(status, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive", ...extraHeaders });
      const sent = reply.truncate ? frames.slice(0, Math.max(1, Math.floor(frames.length / 2))) : frames;
      for (const frame of sent) res.write(frame);
      if (reply.truncate) return void setImmediate(() => res.destroy());
      return void res.end();
    }

    const payload = JSON.stringify(completionBody(reply, request));
    if (!reply.truncate) return sendJson(res, status, payload, extraHeaders);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...extraHeaders });
    res.write(payload.slice(0, Math.floor(payload.length / 2)));
    setImmediate(() => res.destroy());
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method === "POST" && path === "/v1/chat/completions") {
      handleCompletion(req, res).catch((e: unknown) => {
        errors.push(e instanceof Error ? e : new Error(String(e)));
        if (!res.headersSent) sendJson(res, 500, errorBody(500, `scripted server failure: ${String(e)}`));
        else res.destroy();
      });
      return;
    }
    if (req.method === "GET" && path === "/v1/models") {
      const data = (options.models ?? ["scripted"]).map((id) => ({ id, object: "model", created: CREATED, owned_by: "toolforge" }));
      return sendJson(res, 200, JSON.stringify({ object: "list", data }));
    }
    sendJson(res, 404, errorBody(404, `scripted server: no route for ${req.method} ${path}`));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    errors,
    close: () =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        closed = true;
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
