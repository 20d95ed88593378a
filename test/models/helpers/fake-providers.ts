// Local fake endpoints speaking Anthropic's Messages API, Ollama's /api/chat
// and Google's generateContent, so each provider's real LangChain client is
// exercised over HTTP on 127.0.0.1. Requests are translated into the
// scripted server's ScriptedRequest shape, so the same scripted policies
// (test/training/fixtures/scripted-run.ts) answer every provider.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ScriptedMessage, ScriptedReply, ScriptedRequest } from "../../../src/testing/types.js";

export interface FakeRequest {
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  scripted: ScriptedRequest;
}

export interface FakeProvider {
  baseURL: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

type Respond = (req: ScriptedRequest) => ScriptedReply | Promise<ScriptedReply>;
type Json = Record<string, any>;

interface Dialect {
  /** Request body → the scripted view of it (model name from the path for Google). */
  toScripted(body: Json, path: string): Omit<ScriptedRequest, "index" | "headers" | "body">;
  /** Reply → response: one JSON body, or NDJSON lines when `lines` is set. */
  toResponse(reply: ScriptedReply, req: ScriptedRequest): { json?: unknown; lines?: unknown[] };
}

const text = (content: unknown) => (typeof content === "string" ? content : JSON.stringify(content));
const usageOf = (reply: ScriptedReply) => reply.usage ?? { prompt_tokens: 11, completion_tokens: 3 };

/** Anthropic Messages API: POST /v1/messages. */
const anthropic: Dialect = {
  toScripted(body) {
    const messages: ScriptedMessage[] = body.system ? [{ role: "system", content: text(body.system) }] : [];
    for (const m of body.messages as Json[]) {
      const blocks: Json[] = typeof m.content === "string" ? [{ type: "text", text: m.content }] : m.content;
      if (m.role === "assistant") {
        const calls = blocks.filter((b) => b.type === "tool_use");
        messages.push({
          role: "assistant",
          content: blocks.filter((b) => b.type === "text").map((b) => b.text).join(""),
          ...(calls.length && { tool_calls: calls.map((b) => ({ id: b.id, type: "function" as const, function: { name: b.name, arguments: JSON.stringify(b.input) } })) }),
        });
        continue;
      }
      for (const b of blocks) {
        if (b.type === "tool_result") messages.push({ role: "tool", tool_call_id: b.tool_use_id, content: typeof b.content === "string" ? b.content : (b.content as Json[]).map((c) => c.text).join("") });
        else if (b.type === "text") messages.push({ role: "user", content: b.text });
      }
    }
    const tools = (body.tools as Json[] | undefined)?.map((t) => ({ type: "function", function: { name: t.name, description: t.description, parameters: t.input_schema } }));
    return { model: body.model, messages, tools, stream: body.stream === true };
  },
  toResponse(reply, req) {
    const content: Json[] = [];
    if (reply.content) content.push({ type: "text", text: reply.content });
    reply.toolCalls?.forEach((c, i) => content.push({ type: "tool_use", id: c.id ?? `toolu_${i}`, name: c.name, input: c.arguments }));
    const u = usageOf(reply);
    return {
      json: {
        id: `msg_${req.index}`,
        type: "message",
        role: "assistant",
        model: req.model,
        content,
        stop_reason: reply.toolCalls?.length ? "tool_use" : "end_turn",
        stop_sequence: null,
        usage: { input_tokens: u.prompt_tokens, output_tokens: u.completion_tokens },
      },
    };
  },
};

/** Ollama's native API: POST /api/chat, streamed as NDJSON. */
const ollama: Dialect = {
  toScripted(body) {
    const messages = (body.messages as Json[]).map((m) => ({
      role: m.role,
      content: m.content,
      ...(m.tool_calls && { tool_calls: (m.tool_calls as Json[]).map((c, i) => ({ id: `call_${i}`, type: "function" as const, function: { name: c.function.name, arguments: JSON.stringify(c.function.arguments) } })) }),
    }));
    return { model: body.model, messages, tools: body.tools, stream: body.stream !== false };
  },
  toResponse(reply, req) {
    const u = usageOf(reply);
    const message = {
      role: "assistant",
      content: reply.content ?? "",
      ...(reply.toolCalls?.length && { tool_calls: reply.toolCalls.map((c) => ({ function: { name: c.name, arguments: c.arguments } })) }),
    };
    const created_at = new Date(0).toISOString();
    return {
      lines: [
        { model: req.model, created_at, message, done: false },
        { model: req.model, created_at, message: { role: "assistant", content: "" }, done: true, done_reason: "stop", prompt_eval_count: u.prompt_tokens, eval_count: u.completion_tokens },
      ],
    };
  },
};

/** Google Generative Language API: POST /v1beta/models/<model>:generateContent. */
const google: Dialect = {
  toScripted(body, path) {
    const model = /models\/([^:]+):/.exec(path)?.[1] ?? "";
    const system = body.systemInstruction?.parts?.map((p: Json) => p.text).join("");
    const messages: ScriptedMessage[] = system ? [{ role: "system", content: system }] : [];
    for (const c of body.contents as Json[]) {
      for (const p of c.parts as Json[]) {
        if (p.text !== undefined) messages.push({ role: c.role === "model" ? "assistant" : "user", content: p.text });
        if (p.functionCall) messages.push({ role: "assistant", content: "", tool_calls: [{ id: p.functionCall.name, type: "function", function: { name: p.functionCall.name, arguments: JSON.stringify(p.functionCall.args) } }] });
        if (p.functionResponse) messages.push({ role: "tool", name: p.functionResponse.name, content: text(p.functionResponse.response?.result ?? p.functionResponse.response) });
      }
    }
    const tools = (body.tools as Json[] | undefined)?.flatMap((t) => (t.functionDeclarations ?? []).map((f: Json) => ({ type: "function", function: { name: f.name, description: f.description, parameters: f.parameters } })));
    return { model, messages, tools, stream: false };
  },
  toResponse(reply) {
    const parts: Json[] = [];
    if (reply.content) parts.push({ text: reply.content });
    for (const c of reply.toolCalls ?? []) parts.push({ functionCall: { name: c.name, args: c.arguments } });
    const u = usageOf(reply);
    return {
      json: {
        candidates: [{ content: { role: "model", parts }, finishReason: "STOP", index: 0 }],
        usageMetadata: { promptTokenCount: u.prompt_tokens, candidatesTokenCount: u.completion_tokens, totalTokenCount: u.prompt_tokens + u.completion_tokens },
      },
    };
  },
};

const DIALECTS = { anthropic, ollama, google } as const;

async function readBody(req: IncomingMessage): Promise<string> {
  let data = "";
  for await (const chunk of req) data += chunk;
  return data;
}

/**
 * Starts a fake endpoint of one provider on 127.0.0.1 (`port` 0: any free
 * one). A reply with `status` >= 400 is sent as an error with that status.
 */
export async function startFakeProvider(dialect: keyof typeof DIALECTS, respond: Respond, port = 0): Promise<FakeProvider> {
  const d = DIALECTS[dialect];
  const requests: FakeRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    try {
      const body = JSON.parse((await readBody(req)) || "{}") as Json;
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const scripted: ScriptedRequest = { index: requests.length, ...d.toScripted(body, req.url ?? ""), headers, body };
      requests.push({ path: req.url ?? "", headers, body, scripted });
      const reply = await respond(scripted);
      if ((reply.status ?? 200) >= 400) {
        res.writeHead(reply.status!, { "content-type": "application/json", ...reply.headers });
        res.end(JSON.stringify({ type: "error", error: { type: "api_error", message: reply.content ?? "scripted failure" } }));
        return;
      }
      const out = d.toResponse(reply, scripted);
      if (out.lines) {
        res.writeHead(200, { "content-type": "application/x-ndjson" });
        res.end(out.lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
      } else {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(out.json));
      }
    } catch (error) {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: String(error) } }));
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${bound}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
