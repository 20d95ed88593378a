import { ChatOpenAI } from "@langchain/openai";
import { tool } from "@langchain/core/tools";
import { createAgent } from "langchain";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { startScriptedServer, scriptedSequence, type ScriptedServer } from "../../src/testing/index.js";

let server: ScriptedServer | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

const add = tool(({ a, b }: { a: number; b: number }) => String(a + b), {
  name: "add",
  description: "Add a and b.",
  schema: z.object({ a: z.number(), b: z.number() }),
});

/** A tool call first, then the tool's result read back as the answer. */
function addThenAnswer() {
  return scriptedSequence([
    { toolCalls: [{ name: "add", arguments: { a: 2, b: 40 } }] },
    (req) => ({ content: `FINAL ANSWER: ${String(req.messages.at(-1)!.content)}` }),
  ]);
}

describe("scripted server: the Responses API (POST /v1/responses)", () => {
  it("hands respond() chat-style messages: instructions, function calls and their outputs", async () => {
    server = await startScriptedServer({ respond: (req) => ({ content: `${req.api}: ${req.messages.map((m) => m.role).join(",")}; tools ${req.tools?.map((t) => t.function.name)}` }) });
    const res = await fetch(`${server.baseURL}/responses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        model: "m",
        instructions: "be brief",
        input: [
          { role: "user", content: [{ type: "input_text", text: "2+40?" }] },
          { type: "function_call", call_id: "c1", name: "add", arguments: '{"a":2,"b":40}' },
          { type: "function_call_output", call_id: "c1", output: "42" },
        ],
        tools: [{ type: "function", name: "add", parameters: { type: "object" } }],
      }),
    });
    const json = (await res.json()) as { object: string; output: { type: string; content: { text: string }[] }[]; usage: Record<string, number> };
    expect(json.object).toBe("response");
    expect(json.output[0]!.content[0]!.text).toBe("responses: system,user,assistant,tool; tools add");
    expect(json.usage.total_tokens).toBe(json.usage.input_tokens! + json.usage.output_tokens!);
    const [request] = server.requests;
    expect(request!.messages[2]!.tool_calls![0]!.function).toEqual({ name: "add", arguments: '{"a":2,"b":40}' });
    expect(request!.messages[3]).toEqual({ role: "tool", tool_call_id: "c1", content: "42" });
  });

  for (const streaming of [false, true]) {
    it(`ChatOpenAI on the Responses API gets tool calls, text and usage (${streaming ? "streaming" : "JSON"})`, async () => {
      server = await startScriptedServer({ respond: addThenAnswer() });
      const model = new ChatOpenAI({ model: "scripted", apiKey: "scripted", useResponsesApi: true, streaming, configuration: { baseURL: server.baseURL } }).bindTools([add]);
      const first = await model.invoke("What is 2 + 40?");
      expect(first.tool_calls?.map((c) => [c.name, c.args])).toEqual([["add", { a: 2, b: 40 }]]);
      expect(first.usage_metadata?.total_tokens).toBeGreaterThan(0);
      expect(server.requests.every((r) => r.api === "responses" && r.stream === streaming)).toBe(true);
    });
  }

  it('createAgent({ model: "openai:<a Responses-API model>" }) runs a tool loop against it', async () => {
    server = await startScriptedServer({ respond: addThenAnswer() });
    vi.stubEnv("OPENAI_BASE_URL", server.baseURL);
    vi.stubEnv("OPENAI_API_KEY", "scripted");
    // ChatOpenAI sends codex models to the Responses API.
    const agent = createAgent({ model: "openai:gpt-5.2-codex", tools: [add] });
    const out = await agent.invoke({ messages: [{ role: "user", content: "What is 2 + 40?" }] });
    expect(out.messages.at(-1)!.text).toBe("FINAL ANSWER: 42");
    expect(server.requests.map((r) => r.api)).toEqual(["responses", "responses"]);
    expect(server.requests[1]!.messages.at(-1)).toMatchObject({ role: "tool", content: "42" });
  });
});
