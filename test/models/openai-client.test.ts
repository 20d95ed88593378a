import { afterEach, describe, expect, it } from "vitest";
import { AIMessage, AIMessageChunk, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { createModel } from "../../src/models/index.js";
import { startScriptedServer, scriptedSequence, scriptedModelSpec, type ScriptedServer } from "../../src/testing/index.js";

// Drives the real @langchain/openai client against the scripted server.

const add = tool(async ({ a, b }) => String(a + b), {
  name: "add",
  description: "Add two numbers",
  schema: z.object({ a: z.number(), b: z.number() }),
});

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("createModel against an OpenAI-compatible server", () => {
  it("returns plain text with usage_metadata from the server", async () => {
    server = await startScriptedServer({ respond: () => ({ content: "Paris", usage: { prompt_tokens: 12, completion_tokens: 1 } }) });
    const model = createModel({ baseURL: server.baseURL, model: "x" });
    const reply = await model.invoke([new HumanMessage("Capital of France?")]);
    expect(reply.content).toBe("Paris");
    expect((reply as AIMessage).usage_metadata).toMatchObject({ input_tokens: 12, output_tokens: 1, total_tokens: 13 });
    expect(server.requests[0]!.messages).toEqual([{ role: "user", content: "Capital of France?" }]);
  });

  it("estimates usage when the script gives none, growing with the prompt", async () => {
    server = await startScriptedServer({ respond: () => ({ content: "ok" }) });
    const model = createModel(scriptedModelSpec(server));
    const short = (await model.invoke("hi")) as AIMessage;
    const long = (await model.invoke("hi ".repeat(200))) as AIMessage;
    expect(short.usage_metadata!.input_tokens).toBeGreaterThan(0);
    expect(long.usage_metadata!.input_tokens).toBeGreaterThan(short.usage_metadata!.input_tokens);
  });

  it("sends temperature and seed with every request", async () => {
    server = await startScriptedServer({ respond: () => ({ content: "ok" }) });
    const model = createModel({ baseURL: server.baseURL, model: "x", seed: 42 }, { temperature: 0.25 });
    await model.invoke("a");
    for await (const _ of await model.stream("b"));
    expect(server.requests).toHaveLength(2);
    for (const req of server.requests) {
      expect(req.body.temperature).toBe(0.25);
      expect(req.body.seed).toBe(42);
    }
    expect(server.requests[1]!.stream).toBe(true);
  });

  it("round-trips tool calls with bindTools", async () => {
    server = await startScriptedServer({
      respond: scriptedSequence([
        { toolCalls: [{ name: "add", arguments: { a: 2, b: 3 }, id: "call_a" }] },
        (req) => ({ content: `sum is ${req.messages.at(-1)!.content}` }),
      ]),
    });
    const model = createModel({ baseURL: server.baseURL, model: "x" }).bindTools!([add]);
    const first = (await model.invoke([new HumanMessage("2+3?")])) as AIMessage;
    expect(first.tool_calls).toEqual([{ name: "add", args: { a: 2, b: 3 }, id: "call_a", type: "tool_call" }]);
    expect(server.requests[0]!.tools?.[0]?.function.name).toBe("add");
    expect(server.requests[0]!.tools?.[0]?.function.parameters).toMatchObject({ properties: { a: { type: "number" } } });

    const toolMessage = new ToolMessage({ content: "5", tool_call_id: "call_a" });
    const second = await model.invoke([new HumanMessage("2+3?"), first, toolMessage]);
    expect(second.content).toBe("sum is 5");
    const sent = server.requests[1]!.messages;
    expect(sent[1]!.tool_calls?.[0]).toMatchObject({ id: "call_a", function: { name: "add" } });
    expect(sent[2]).toMatchObject({ role: "tool", tool_call_id: "call_a", content: "5" });
  });

  it("streams text and tool-call deltas with usage", async () => {
    server = await startScriptedServer({
      respond: () => ({ content: "let me add", toolCalls: [{ name: "add", arguments: { a: 10, b: 20 } }], usage: { prompt_tokens: 30, completion_tokens: 9 } }),
    });
    const model = createModel({ baseURL: server.baseURL, model: "x" }).bindTools!([add]);
    let whole: AIMessageChunk | undefined;
    let chunks = 0;
    for await (const chunk of await model.stream("add 10 and 20")) {
      chunks++;
      whole = whole ? whole.concat(chunk) : chunk;
    }
    expect(chunks).toBeGreaterThan(3);
    expect(whole!.content).toBe("let me add");
    expect(whole!.tool_calls).toEqual([expect.objectContaining({ name: "add", args: { a: 10, b: 20 } })]);
    expect(whole!.usage_metadata).toMatchObject({ input_tokens: 30, output_tokens: 9, total_tokens: 39 });
    expect(server.requests[0]!.body.stream_options).toEqual({ include_usage: true });
  });

  it("keeps separate settings for an agent model and an optimizer model", async () => {
    server = await startScriptedServer({ respond: (req) => ({ content: req.model }) });
    const agent = createModel({ baseURL: server.baseURL, model: "small" }, { temperature: 0 });
    const optimizer = createModel({ baseURL: server.baseURL, model: "big" }, { temperature: 0.7 });
    expect((await agent.invoke("x")).content).toBe("small");
    expect((await optimizer.invoke("x")).content).toBe("big");
    expect(server.requests.map((r) => [r.model, r.body.temperature])).toEqual([["small", 0], ["big", 0.7]]);
  });
});
