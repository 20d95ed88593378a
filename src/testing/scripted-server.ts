import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { chatCompletionBody, chatMessages, chatStreamFrames, chatTools } from "./chat-completions-api.js";
import { responsesBody, responsesMessages, responsesStreamFrames, responsesTools } from "./responses-api.js";
import type { ScriptedReply, ScriptedRequest, ScriptedServer, ScriptedServerOptions } from "./types.js";
import { CREATED } from "./wire-format.js";

/** How one OpenAI endpoint reads requests and writes replies; the scripted server serves both APIs through the same responder. */
interface WireApi {
  api: ScriptedRequest["api"];
  messages(body: Record<string, unknown>): ScriptedRequest["messages"];
  tools(body: Record<string, unknown>): ScriptedRequest["tools"];
  body(reply: ScriptedReply, request: ScriptedRequest): unknown;
  frames(reply: ScriptedReply, request: ScriptedRequest): string[];
}

const APIS: Record<string, WireApi> = {
  "/v1/chat/completions": { api: "chat.completions", messages: chatMessages, tools: chatTools, body: chatCompletionBody, frames: chatStreamFrames },
  "/v1/responses": { api: "responses", messages: responsesMessages, tools: responsesTools, body: responsesBody, frames: responsesStreamFrames },
};

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
 * including the final usage chunk when `stream_options.include_usage` is set),
 * `POST /v1/responses` (the Responses API, JSON and SSE, which `ChatOpenAI`
 * uses for some models; its input is handed to `respond` as chat-style
 * messages) and `GET /v1/models`. Each reply is decided by `respond(request)`, which
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

  async function handleRequest(req: IncomingMessage, res: ServerResponse, wire: WireApi) {
    const text = await readBody(req);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return sendJson(res, 400, errorBody(400, "scripted server: request body is not JSON"));
    }
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : String(v ?? "")]));
    const tools = wire.tools(body);
    const request: ScriptedRequest = {
      index: requests.length,
      api: wire.api,
      model: String(body.model ?? ""),
      messages: wire.messages(body),
      ...(tools ? { tools } : {}),
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
      const frames = wire.frames(reply, request);
      res.writeHead(status, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive", ...extraHeaders });
      const sent = reply.truncate ? frames.slice(0, Math.max(1, Math.floor(frames.length / 2))) : frames;
      for (const frame of sent) res.write(frame);
      if (reply.truncate) return void setImmediate(() => res.destroy());
      return void res.end();
    }

    const payload = JSON.stringify(wire.body(reply, request));
    if (!reply.truncate) return sendJson(res, status, payload, extraHeaders);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...extraHeaders });
    res.write(payload.slice(0, Math.floor(payload.length / 2)));
    setImmediate(() => res.destroy());
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    const wire = APIS[path ?? ""];
    if (req.method === "POST" && wire) {
      handleRequest(req, res, wire).catch((e: unknown) => {
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

  // Node closes idle keep-alive sockets after 5 s; a client on a loaded machine
  // can reuse one just as it closes and get ECONNRESET, which a test with
  // maxRetries 0 reports as a provider failure. Real endpoints keep them longer.
  server.keepAliveTimeout = 65_000;
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
