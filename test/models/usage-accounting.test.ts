import { afterEach, describe, expect, it } from "vitest";
import { createModel, createModelCache } from "../../src/models/index.js";
import { messageUsage } from "../../src/evaluation/index.js";
import { startScriptedServer, type ScriptedServer } from "../../src/testing/index.js";
import { tracingConfig } from "../../src/tracing/index.js";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function cachedModel(temperature: number) {
  let n = 0;
  server = await startScriptedServer({ respond: () => ({ content: `sample ${n++}`, usage: { prompt_tokens: 10, completion_tokens: 2 } }) });
  return createModel({ baseURL: server.baseURL, model: "m" }, { temperature, cache: createModelCache() });
}

const site = (step: number, taskId = "t1") => tracingConfig({ role: "agent", phase: "candidate", step, taskId });
const origin = (m: { response_metadata?: Record<string, unknown> }) => m.response_metadata?.toolforge_cache;

describe("response cache and billed usage", () => {
  it("a reply reused by another call site is a cache hit (not billed); the same call site repeating itself is a billed replay", async () => {
    const model = await cachedModel(0);
    const first = await model.invoke("q", site(1));
    const resumed = await model.invoke("q", site(1));
    const elsewhere = await model.invoke("q", site(2, "t2"));
    expect(server!.requests).toHaveLength(1);
    expect([origin(first), origin(resumed), origin(elsewhere)]).toEqual([undefined, "replay", "hit"]);
    expect(messageUsage(first.usage_metadata, first.response_metadata)).toMatchObject({ totalTokens: 12, cachedTokens: 0 });
    // A resumed run counts the call its interrupted predecessor paid for but never recorded.
    expect(messageUsage(resumed.usage_metadata, resumed.response_metadata)).toMatchObject({ totalTokens: 12, cachedTokens: 0 });
    expect(messageUsage(elsewhere.usage_metadata, elsewhere.response_metadata)).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0, cachedTokens: 12 });
  });

  it("at temperature > 0 another call site draws a fresh sample instead of replaying an identical prompt", async () => {
    const model = await cachedModel(0.7);
    const step1 = await model.invoke("same prompt", tracingConfig({ role: "optimizer", step: 1 }));
    const step2 = await model.invoke("same prompt", tracingConfig({ role: "optimizer", step: 2 }));
    expect(step1.content).toBe("sample 0");
    expect(step2.content).toBe("sample 1");
    // The same step resumed still replays its own sample.
    const again = await model.invoke("same prompt", tracingConfig({ role: "optimizer", step: 1 }));
    expect(again.content).toBe("sample 0");
    expect(origin(again)).toBe("replay");
    expect(server!.requests).toHaveLength(2);
  });

  it("at temperature 0 an identical prompt is answered from the cache whatever the call site", async () => {
    const model = await cachedModel(0);
    await model.invoke("same prompt", tracingConfig({ role: "optimizer", step: 1 }));
    const step2 = await model.invoke("same prompt", tracingConfig({ role: "optimizer", step: 2 }));
    expect(step2.content).toBe("sample 0");
    expect(server!.requests).toHaveLength(1);
  });
});
