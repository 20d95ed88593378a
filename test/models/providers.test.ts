import { afterEach, describe, expect, it } from "vitest";
import type { AIMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { MODEL_PROVIDER_CONFIG } from "langchain/chat_models/universal";
import { z } from "zod";
import { createModel, MODEL_PROVIDERS, ModelRequestError, ModelSpecError, ProviderChatModel } from "../../src/models/index.js";
import { withUsageCounter } from "../../src/training/usage-counter.js";
import { costOf, emptyUsage } from "../../src/training/usage.js";
import { useCleanEnv } from "./helpers/clean-env.js";
import { startFakeProvider, type FakeProvider } from "./helpers/fake-providers.js";

const add = tool(async ({ a, b }) => String(a + b), { name: "add", description: "Add two numbers", schema: z.object({ a: z.number(), b: z.number() }) });

useCleanEnv(["ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "ANTHROPIC_API_URL", "OLLAMA_BASE_URL", "GOOGLE_API_KEY", "GEMINI_API_KEY"]);
let fake: FakeProvider | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** Answers the question, or — when tools are bound and no tool result is in yet — calls `add`. */
const addThenAnswer = (req: { messages: { role: string; content: unknown }[]; tools?: unknown[] }) =>
  req.tools?.length && !req.messages.some((m) => m.role === "tool")
    ? { toolCalls: [{ name: "add", arguments: { a: 2, b: 3 }, id: "call_1" }], usage: { prompt_tokens: 20, completion_tokens: 5 } }
    : { content: `answer: ${String(req.messages.at(-1)!.content)}`, usage: { prompt_tokens: 30, completion_tokens: 4 } };

describe("provider prefixes are LangChain's initChatModel prefixes", () => {
  it("accepts exactly the providers of initChatModel, with the same packages and classes", () => {
    const ours = Object.fromEntries(Object.entries(MODEL_PROVIDERS).map(([name, p]) => [name, { package: p.package, className: p.className }]));
    const theirs = Object.fromEntries(Object.entries(MODEL_PROVIDER_CONFIG).map(([name, p]) => [name, { package: p.package, className: p.className }]));
    expect(ours).toEqual(theirs);
  });

  it("names the package to install when a provider's package is missing (typed, before any request)", () => {
    const build = () => createModel("mistralai:mistral-large-latest");
    expect(build).toThrow(ModelSpecError);
    expect(build).toThrow(expect.objectContaining({ code: "E_MODEL_PROVIDER_PACKAGE", context: expect.objectContaining({ package: "@langchain/mistralai" }) }));
    expect(build).toThrow(/npm install @langchain\/mistralai/);
  });

  it("asks for the provider's own key variable", () => {
    expect(() => createModel("anthropic:claude-sonnet-4-5")).toThrow(/ANTHROPIC_API_KEY/);
    expect(() => createModel("google-genai:gemini-2.5-flash")).toThrow(/GOOGLE_API_KEY or GEMINI_API_KEY/);
    // Ollama needs no key: the model is built (lazily) without one.
    expect(createModel("ollama:llama3.1")).toBeInstanceOf(ProviderChatModel);
  });
});

describe("ChatAnthropic against a local fake Messages API", () => {
  it("answers, counts usage and round-trips tool calls; the inline key goes to its host, the env key never does", async () => {
    process.env.ANTHROPIC_API_KEY = "sk-ant-env-never-sent";
    fake = await startFakeProvider("anthropic", addThenAnswer);
    const model = createModel({ provider: "anthropic", baseURL: fake.baseURL, model: "claude-test", apiKey: "sk-inline" });
    const { config, usage } = withUsageCounter({});
    const reply = (await model.invoke("hello", config)) as AIMessage;
    expect(reply.content).toBe("answer: hello");
    expect(reply.usage_metadata).toMatchObject({ input_tokens: 30, output_tokens: 4, total_tokens: 34 });
    expect(usage()).toMatchObject({ inputTokens: 30, outputTokens: 4, totalTokens: 34 });

    const called = (await model.bindTools!([add]).invoke("what is 2 + 3?")) as AIMessage;
    expect(called.tool_calls).toEqual([expect.objectContaining({ name: "add", args: { a: 2, b: 3 } })]);
    expect(fake.requests[1]!.body.tools).toEqual([expect.objectContaining({ name: "add", input_schema: expect.objectContaining({ type: "object" }) })]);

    expect(fake.requests.map((r) => r.path)).toEqual(["/v1/messages", "/v1/messages"]);
    for (const r of fake.requests) {
      expect(r.headers["x-api-key"]).toBe("sk-inline");
      expect(JSON.stringify(r.headers)).not.toContain("sk-ant-env-never-sent");
    }
    const noKey = createModel({ provider: "anthropic", baseURL: fake.baseURL, model: "claude-test" });
    await noKey.invoke("again");
    expect(JSON.stringify(fake.requests.at(-1)!.headers)).not.toContain("sk-ant-env-never-sent");
  });

  it("retries a 500 through toolforge's retry policy, then fails with ModelRequestError naming model and URL", async () => {
    let n = 0;
    fake = await startFakeProvider("anthropic", () => (n++ === 0 ? { status: 500 } : { content: "ok" }));
    const model = createModel({ provider: "anthropic", baseURL: fake.baseURL, model: "claude-test", apiKey: "k" }, { maxRetries: 2, retryBaseDelayMs: 1 });
    expect((await model.invoke("hi")).content).toBe("ok");
    expect(fake.requests).toHaveLength(2);

    await fake.close();
    fake = await startFakeProvider("anthropic", () => ({ status: 503 }));
    const failing = createModel({ provider: "anthropic", baseURL: fake.baseURL, model: "claude-down", apiKey: "k" }, { maxRetries: 1, retryBaseDelayMs: 1 });
    const error = await failing.invoke("hi").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelRequestError);
    expect((error as Error).message).toContain('model "claude-down"');
    expect((error as Error).message).toContain(fake.baseURL);
    expect(fake.requests).toHaveLength(2);
  });

  it("takes ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY from the environment for anthropic:<model>", async () => {
    fake = await startFakeProvider("anthropic", () => ({ content: "from env" }));
    process.env.ANTHROPIC_BASE_URL = fake.baseURL;
    process.env.ANTHROPIC_API_KEY = "sk-ant-env";
    const model = createModel("anthropic:claude-env");
    expect((await model.invoke("hi")).content).toBe("from env");
    expect(fake.requests[0]!.body.model).toBe("claude-env");
    expect(fake.requests[0]!.headers["x-api-key"]).toBe("sk-ant-env");
  });
});

describe("ChatOllama against a local fake /api/chat", () => {
  it("ollama:<model> is ChatOllama (native API), with usage and tool calls; an old /v1 OLLAMA_BASE_URL still works", async () => {
    fake = await startFakeProvider("ollama", addThenAnswer);
    process.env.OLLAMA_BASE_URL = `${fake.baseURL}/v1`;
    const model = createModel("ollama:llama3.1", { seed: 7 });
    const reply = (await model.invoke("hello")) as AIMessage;
    expect(reply.content).toBe("answer: hello");
    expect(reply.usage_metadata).toMatchObject({ input_tokens: 30, output_tokens: 4, total_tokens: 34 });
    expect(fake.requests[0]!.path).toBe("/api/chat");
    expect(fake.requests[0]!.body).toMatchObject({ model: "llama3.1", options: expect.objectContaining({ seed: 7, temperature: 0 }) });

    const called = (await model.bindTools!([add]).invoke("2 + 3?")) as AIMessage;
    expect(called.tool_calls).toEqual([expect.objectContaining({ name: "add", args: { a: 2, b: 3 } })]);
    expect((fake.requests[1]!.body.tools as { function: { name: string } }[])[0]!.function.name).toBe("add");
  });

  it("retries around ChatOllama (which bypasses its AsyncCaller)", async () => {
    let n = 0;
    fake = await startFakeProvider("ollama", () => (n++ < 2 ? { status: 500 } : { content: "back" }));
    const model = createModel({ provider: "ollama", baseURL: fake.baseURL, model: "m" }, { maxRetries: 3, retryBaseDelayMs: 1 });
    expect((await model.invoke("hi")).content).toBe("back");
    expect(fake.requests).toHaveLength(3);
  });
});

describe("ChatGoogleGenerativeAI against a local fake generateContent", () => {
  it("answers with usage and tool calls through baseUrl, sending only the inline key", async () => {
    process.env.GOOGLE_API_KEY = "google-env-never-sent";
    fake = await startFakeProvider("google", addThenAnswer);
    const model = createModel({ provider: "google-genai", baseURL: fake.baseURL, model: "gemini-test", apiKey: "g-inline" });
    const reply = (await model.invoke("hello")) as AIMessage;
    expect(reply.content).toBe("answer: hello");
    expect(reply.usage_metadata).toMatchObject({ input_tokens: 30, output_tokens: 4, total_tokens: 34 });
    expect(fake.requests[0]!.path).toContain("models/gemini-test:generateContent");

    const called = (await model.bindTools!([add]).invoke("2 + 3?")) as AIMessage;
    expect(called.tool_calls).toEqual([expect.objectContaining({ name: "add", args: { a: 2, b: 3 } })]);
    for (const r of fake.requests) {
      expect(r.headers["x-goog-api-key"]).toBe("g-inline");
      expect(JSON.stringify(r)).not.toContain("google-env-never-sent");
    }
  });
});

describe("cost for every provider", () => {
  it("prices a provider spec by its full text, then its bare model name", () => {
    const usage = { ...emptyUsage(), agent: { inputTokens: 1e6, outputTokens: 1e6, totalTokens: 2e6 } };
    const prices = { "claude-x": { inputPerMTok: 3, outputPerMTok: 15 }, qwen: { inputPerMTok: 1, outputPerMTok: 1 } };
    expect(costOf(usage, prices, { agent: "anthropic:claude-x" })).toBe(18);
    expect(costOf(usage, prices, { agent: "openai-compatible:qwen@http://127.0.0.1:8000/v1" })).toBe(2);
  });
});
