import { afterEach, describe, expect, it } from "vitest";
import { ChatOpenAI, ChatOpenAICompletions } from "@langchain/openai";
import { fakeModel } from "@langchain/core/testing";
import { AIMessage } from "@langchain/core/messages";
import { createModel, describeModel, redactModelSpec, resolveModelSpec, ModelSpecError, ProviderChatModel } from "../../src/models/index.js";
import { DEFAULTS } from "../../src/defaults.js";

/** The provider client behind a model from createModel (built on first use). */
const clientOf = (model: unknown) => (model as ProviderChatModel).client();
import { startScriptedServer, type ScriptedServer } from "../../src/testing/index.js";
import { useCleanEnv } from "./helpers/clean-env.js";

useCleanEnv(["OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_API_BASE", "OLLAMA_BASE_URL"]);
let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("resolveModelSpec / createModel spec forms", () => {
  it("rejects unknown spec strings naming the spec and the accepted forms", () => {
    let error: unknown;
    try {
      createModel("claude:claude-3");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelSpecError);
    expect((error as ModelSpecError).code).toBe("E_MODEL_SPEC");
    expect((error as Error).message).toContain('"claude:claude-3"');
    expect((error as Error).message).toContain("initChatModel");
    expect((error as Error).message).toContain('"openai-compatible:<model>@<baseURL>"');
    expect((error as Error).message).toContain("baseURL");
    expect(() => createModel("openai-compatible:m")).toThrow(/openai-compatible:<model>@<baseURL>/);
    expect(() => createModel("openai-compatible:m@not a url")).toThrow(ModelSpecError);
    expect(() => createModel("openai:")).toThrow(ModelSpecError);
    expect(() => createModel("gpt-4o")).toThrow(ModelSpecError);
  });

  it("rejects object specs without baseURL/model or with a bad URL", () => {
    expect(() => createModel({ baseURL: "", model: "m" })).toThrow(/missing "baseURL"/);
    expect(() => createModel({ baseURL: "http://localhost:1/v1", model: "" })).toThrow(/missing "model"/);
    expect(() => createModel({ baseURL: "not a url", model: "m" })).toThrow(/not a valid URL/);
  });

  it("requires an OpenAI key for openai:<model>, naming OPENAI_API_KEY", () => {
    expect(() => createModel("openai:gpt-4o")).toThrow(/OPENAI_API_KEY/);
    try {
      createModel("openai:gpt-4o");
    } catch (e) {
      expect((e as ModelSpecError).code).toBe("E_MODEL_API_KEY");
    }
  });

  it("builds ChatOpenAI for openai:<model> with the key from the environment or overrides", async () => {
    process.env.OPENAI_API_KEY = "sk-env";
    const fromEnv = await clientOf(createModel("openai:gpt-4o"));
    expect(fromEnv).toBeInstanceOf(ChatOpenAI);
    expect((fromEnv as ChatOpenAI).model).toBe("gpt-4o");
    expect((fromEnv as ChatOpenAI).apiKey).toBe("sk-env");
    delete process.env.OPENAI_API_KEY;
    expect(((await clientOf(createModel("openai:gpt-4o", { apiKey: "sk-opt" }))) as ChatOpenAI).apiKey).toBe("sk-opt");
  });

  it("uses the Chat Completions client at OPENAI_BASE_URL when it is set", async () => {
    server = await startScriptedServer({ respond: () => ({ content: "from env url" }) });
    process.env.OPENAI_BASE_URL = server.baseURL;
    process.env.OPENAI_API_KEY = "sk-env";
    const model = createModel("openai:gpt-4o");
    expect(await clientOf(model)).toBeInstanceOf(ChatOpenAICompletions);
    expect(await clientOf(model)).not.toBeInstanceOf(ChatOpenAI);
    expect((await model.invoke("hi")).content).toBe("from env url");
    expect(server.requests[0]!.model).toBe("gpt-4o");
    expect(server.requests[0]!.headers.authorization).toBe("Bearer sk-env");
  });

  it("writes the old OpenAI-compatible meaning of ollama: as openai-compatible:<model>@<baseURL>", async () => {
    expect(resolveModelSpec("ollama:llama3.1")).toEqual({ provider: "ollama", model: "llama3.1" });
    server = await startScriptedServer({ respond: () => ({ content: "llama says hi" }) });
    process.env.OPENAI_API_KEY = "sk-openai-not-for-ollama";
    const model = createModel(`openai-compatible:llama3.1@${server.baseURL}`);
    expect(await clientOf(model)).toBeInstanceOf(ChatOpenAICompletions);
    expect((await model.invoke("hi")).content).toBe("llama says hi");
    expect(server.requests[0]!.model).toBe("llama3.1");
    expect(server.requests[0]!.headers.authorization).toBe("Bearer not-needed");
  });

  it("never sends OPENAI_API_KEY to a custom server", async () => {
    process.env.OPENAI_API_KEY = "sk-secret-openai";
    server = await startScriptedServer({ respond: () => ({ content: "ok" }) });
    const model = createModel({ baseURL: server.baseURL, model: "m" });
    expect(await clientOf(model)).toBeInstanceOf(ChatOpenAICompletions);
    await model.invoke("hi");
    expect(server.requests[0]!.headers.authorization).not.toContain("sk-secret-openai");
    const keyed = createModel({ baseURL: server.baseURL, model: "m", apiKey: "vllm-key" });
    await keyed.invoke("hi");
    expect(server.requests[1]!.headers.authorization).toBe("Bearer vllm-key");
  });

  it("returns an already-built chat model unchanged", () => {
    const model = fakeModel().respond(new AIMessage("hi"));
    expect(createModel(model as never, { temperature: 1 })).toBe(model);
  });

  it("layers overrides over the spec over DEFAULTS", async () => {
    const spec = { baseURL: "http://127.0.0.1:1/v1", model: "m", temperature: 0.5, timeoutMs: 1234 };
    const base = (await clientOf(createModel(spec))) as ChatOpenAICompletions;
    expect(base.temperature).toBe(0.5);
    expect(base.timeout).toBe(1234);
    const over = (await clientOf(createModel(spec, { temperature: 0.9, timeoutMs: 99 }))) as ChatOpenAICompletions;
    expect(over.temperature).toBe(0.9);
    expect(over.timeout).toBe(99);
    const plain = (await clientOf(createModel({ baseURL: "http://127.0.0.1:1/v1", model: "m" }))) as ChatOpenAICompletions;
    expect(plain.temperature).toBe(DEFAULTS.model.temperature);
    expect(plain.timeout).toBe(DEFAULTS.model.timeoutMs);
  });
});

describe("describeModel / redactModelSpec", () => {
  it("never shows the API key", () => {
    const spec = { baseURL: "http://localhost:8000/v1", model: "qwen", apiKey: "sk-very-secret", seed: 3 };
    const text = describeModel(spec);
    expect(text).toContain("qwen");
    expect(text).toContain("http://localhost:8000/v1");
    expect(text).toContain("seed: 3");
    expect(text).not.toContain("sk-very-secret");
    expect(JSON.stringify(redactModelSpec(spec))).not.toContain("sk-very-secret");
    expect(redactModelSpec(spec)).toMatchObject({ baseURL: spec.baseURL, model: "qwen", seed: 3 });
    expect(spec.apiKey).toBe("sk-very-secret");
  });

  it("renders strings and built models", () => {
    expect(describeModel("ollama:llama3.1")).toBe("ollama:llama3.1");
    expect(redactModelSpec("openai:gpt-4o")).toBe("openai:gpt-4o");
    const built = createModel({ baseURL: "http://127.0.0.1:1/v1", model: "mm", apiKey: "sk-x" });
    expect(describeModel(built)).toBe("openai-compatible:mm");
    expect(describeModel({ provider: "anthropic", model: "c", apiKey: "sk-x" })).toBe("anthropic:c @ its default endpoint (apiKey: [redacted])");
  });
});
