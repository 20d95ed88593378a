import { describe, expect, it } from "vitest";
import { createModel } from "../../src/models/create-model.js";
import { rateLimitWaitMs, RequestGate } from "../../src/models/request-gate.js";
import { scriptedModelSpec, startScriptedServer } from "../../src/testing/index.js";

/** A fake clock: sleeping advances it, so no test waits on real time. */
function fakeClock() {
  let now = 1_000_000;
  const slept: number[] = [];
  return { now: () => now, sleep: async (ms: number) => void (slept.push(ms), (now += ms)), slept };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("RequestGate", () => {
  it("keeps at most maxConcurrency requests in flight", async () => {
    const gate = new RequestGate({ maxConcurrency: 2 });
    let active = 0;
    let peak = 0;
    const releases = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    const runs = releases.map((d, i) =>
      gate.run("m", async () => {
        started.push(i);
        peak = Math.max(peak, ++active);
        await d.promise;
        active--;
      }),
    );
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1]);
    for (const d of releases) d.resolve();
    await Promise.all(runs);
    expect(peak).toBe(2);
    expect(started).toHaveLength(5);
  });

  it("starts at most rpm requests in any minute", async () => {
    const clock = fakeClock();
    const gate = new RequestGate({ rpm: 2, now: clock.now, sleep: clock.sleep });
    const at: number[] = [];
    for (let i = 0; i < 5; i++) await gate.run("m", async () => void at.push(clock.now()));
    const t0 = at[0]!;
    expect(at.map((t) => t - t0)).toEqual([0, 0, 60_000, 60_000, 120_000]);
  });

  it("counts reported tokens against tpm and passes usage on", async () => {
    const clock = fakeClock();
    const seen: unknown[] = [];
    const gate = new RequestGate({ tpm: 1_000, now: clock.now, sleep: clock.sleep, onUsage: (u) => seen.push(u) });
    await gate.run("gpt-4o", async () => ({ usage: { prompt_tokens: 900, completion_tokens: 100 } }));
    await gate.run("gpt-4o", async () => ({ usage: { input_tokens: 5, output_tokens: 5 } }));
    expect(clock.slept).toEqual([60_000]);
    expect(seen).toEqual([
      { model: "gpt-4o", inputTokens: 900, outputTokens: 100 },
      { model: "gpt-4o", inputTokens: 5, outputTokens: 5 },
    ]);
  });

  it("a 429 with Retry-After or an exhausted x-ratelimit counter pauses every later request", async () => {
    const clock = fakeClock();
    const gate = new RequestGate({ now: clock.now, sleep: clock.sleep });
    const limited = Object.assign(new Error("429"), { status: 429, headers: { "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "6m0s" } });
    await expect(gate.run("m", async () => Promise.reject(limited))).rejects.toBe(limited);
    await gate.run("m", async () => "ok");
    expect(clock.slept).toEqual([360_000]);
  });

  it("reads the provider's headers", () => {
    expect(rateLimitWaitMs({ headers: { "retry-after": "2" } })).toBe(2_000);
    expect(rateLimitWaitMs({ headers: new Headers({ "x-ratelimit-remaining-tokens": "0", "x-ratelimit-reset-tokens": "1.5s", "retry-after": "1" }) })).toBe(1_500);
    expect(rateLimitWaitMs({ headers: { "x-ratelimit-remaining-requests": "3", "x-ratelimit-reset-requests": "20ms" } })).toBeUndefined();
    expect(rateLimitWaitMs(new Error("no headers"))).toBeUndefined();
  });

  it("every attempt of a model built with the gate passes it, retries included, and its usage is counted", async () => {
    let calls = 0;
    const server = await startScriptedServer({
      respond: () => (++calls === 1 ? { status: 429, headers: { "retry-after": "0", "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "5ms" } } : { content: "hi", usage: { prompt_tokens: 7, completion_tokens: 3 } }),
    });
    try {
      const usages: unknown[] = [];
      const paused: (number | undefined)[] = [];
      const gate = new RequestGate({ maxConcurrency: 1, onUsage: (u) => usages.push(u) });
      const pauseFor = gate.pauseFor.bind(gate);
      gate.pauseFor = (ms) => (paused.push(ms), pauseFor(ms));
      const model = createModel(scriptedModelSpec(server), { requestGate: gate, retryBaseDelayMs: 1 });
      expect((await model.invoke("hello")).content).toBe("hi");
      expect(server.requests).toHaveLength(2);
      expect(paused).toEqual([5]);
      expect(usages).toEqual([{ model: "scripted", inputTokens: 7, outputTokens: 3 }]);
    } finally {
      await server.close();
    }
  });
});
