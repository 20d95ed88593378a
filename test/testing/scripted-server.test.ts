import { afterEach, describe, expect, it } from "vitest";
import { startScriptedServer, scriptedSequence, scriptedModelSpec, type ScriptedServer } from "../../src/testing/index.js";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function post(body: unknown) {
  return fetch(`${server!.baseURL}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("startScriptedServer", () => {
  it("listens on 127.0.0.1 with an ephemeral port and lists models", async () => {
    server = await startScriptedServer({ respond: () => ({ content: "x" }), models: ["a", "b"] });
    expect(server.baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const res = await fetch(`${server.baseURL}/models`);
    const json = (await res.json()) as { data: { id: string }[] };
    expect(json.data.map((m) => m.id)).toEqual(["a", "b"]);
  });

  it("decides replies from the request and records it", async () => {
    server = await startScriptedServer({
      respond: (req) => ({ content: `${req.messages.length} msgs, tools: ${req.tools?.map((t) => t.function.name).join(",")}` }),
    });
    const res = await post({
      model: "m",
      messages: [{ role: "system", content: "s" }, { role: "user", content: "u" }],
      tools: [{ type: "function", function: { name: "add", parameters: { type: "object" } } }],
      temperature: 0.3,
    });
    const json = (await res.json()) as any;
    expect(json.choices[0].message.content).toBe("2 msgs, tools: add");
    expect(json.usage.prompt_tokens).toBeGreaterThan(0);
    expect(json.usage.total_tokens).toBe(json.usage.prompt_tokens + json.usage.completion_tokens);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.body.temperature).toBe(0.3);
    expect(server.requests[0]!.stream).toBe(false);
  });

  it("uses given usage numbers and encodes tool calls", async () => {
    server = await startScriptedServer({
      respond: () => ({ toolCalls: [{ name: "f", arguments: { x: 1 } }], usage: { prompt_tokens: 11, completion_tokens: 5 } }),
    });
    const json = (await (await post({ model: "m", messages: [] })).json()) as any;
    expect(json.usage).toEqual({ prompt_tokens: 11, completion_tokens: 5, total_tokens: 16 });
    expect(json.choices[0].finish_reason).toBe("tool_calls");
    expect(JSON.parse(json.choices[0].message.tool_calls[0].function.arguments)).toEqual({ x: 1 });
  });

  it("streams SSE deltas with a final usage chunk when asked", async () => {
    server = await startScriptedServer({ respond: () => ({ content: "hello world", usage: { prompt_tokens: 3, completion_tokens: 2 } }) });
    const res = await post({ model: "m", messages: [], stream: true, stream_options: { include_usage: true } });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const frames = (await res.text()).split("\n\n").filter(Boolean).map((f) => f.replace(/^data: /, ""));
    expect(frames.at(-1)).toBe("[DONE]");
    const chunks = frames.slice(0, -1).map((f) => JSON.parse(f));
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? "").join("");
    expect(text).toBe("hello world");
    expect(chunks.filter((c) => c.choices[0]?.delta?.content).length).toBeGreaterThan(1);
    expect(chunks.at(-1).usage).toEqual({ prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 });
  });

  it("omits the usage chunk when include_usage is not set", async () => {
    server = await startScriptedServer({ respond: () => ({ content: "hi" }) });
    const text = await (await post({ model: "m", messages: [], stream: true })).text();
    expect(text).not.toContain('"usage"');
  });

  it("injects error statuses with headers", async () => {
    server = await startScriptedServer({ respond: () => ({ status: 429, headers: { "retry-after": "3" }, content: "slow down" }) });
    const res = await post({ model: "m", messages: [] });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3");
    expect(((await res.json()) as any).error.message).toBe("slow down");
  });

  it("sends raw bodies verbatim", async () => {
    server = await startScriptedServer({ respond: () => ({ rawBody: "{not json" }) });
    expect(await (await post({ model: "m", messages: [] })).text()).toBe("{not json");
  });

  it("truncates bodies by dropping the connection", async () => {
    server = await startScriptedServer({ respond: () => ({ content: "a long enough reply", truncate: true }) });
    await expect(post({ model: "m", messages: [] }).then((r) => r.text())).rejects.toThrow();
  });

  it("close() ends pending delayed replies and open sockets", async () => {
    server = await startScriptedServer({ respond: () => ({ content: "late", delayMs: 60_000 }) });
    const pending = post({ model: "m", messages: [] }).then(
      () => "answered",
      () => "dropped",
    );
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    const started = Date.now();
    await server.close();
    expect(await pending).toBe("dropped");
    expect(Date.now() - started).toBeLessThan(30_000); // not the 60 s delay
  });

  it("answers 400 naming the failure when respond throws", async () => {
    server = await startScriptedServer({ respond: () => { throw new Error("boom"); } });
    const res = await post({ model: "m", messages: [] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.message).toContain("boom");
    expect(server.errors.map((e) => e.message)).toEqual(["boom"]);
  });
});

describe("scriptedSequence", () => {
  it("replies in order and fails clearly when exhausted", async () => {
    const respond = scriptedSequence([{ content: "one" }, (req) => ({ content: `two:${req.index}` })]);
    const req = (index: number) => ({ index, model: "m", messages: [{ role: "user", content: "q" }], stream: false, body: {}, headers: {} });
    expect(await respond(req(0))).toEqual({ content: "one" });
    expect(await respond(req(1))).toEqual({ content: "two:1" });
    expect(() => respond(req(2))).toThrow(/all 2 scripted replies were used; unexpected request #2/);
  });
});

describe("scriptedModelSpec", () => {
  it("points at the server", () => {
    expect(scriptedModelSpec({ baseURL: "http://127.0.0.1:1/v1" }, "m")).toEqual({ baseURL: "http://127.0.0.1:1/v1", model: "m", apiKey: "scripted" });
  });
});
