import { describe, expect, it } from "vitest";
import { addUsage, budgetExceeded, costOf, createLimiter, emptyUsage, sampleBatch } from "../../src/training/index.js";

const tokens = (input: number, output: number) => ({ inputTokens: input, outputTokens: output, totalTokens: input + output });

describe("sampleBatch", () => {
  it("returns a reproducible, duplicate-free sample per (seed, step)", () => {
    const a = sampleBatch(50, 8, 3, 1);
    expect(a).toHaveLength(8);
    expect(new Set(a).size).toBe(8);
    expect(a.every((i) => i >= 0 && i < 50)).toBe(true);
    expect(sampleBatch(50, 8, 3, 1)).toEqual(a);
    expect(sampleBatch(50, 8, 3, 2)).not.toEqual(a);
    expect(sampleBatch(50, 8, 4, 1)).not.toEqual(a);
  });
  it("lists the sampled indices in ascending order, whatever order they were drawn in", () => {
    for (let step = 0; step < 20; step++) {
      const batch = sampleBatch(30, 6, 5, step);
      expect(batch).toEqual([...batch].sort((a, b) => a - b));
    }
  });
  it("samples every index of the set over many steps, not a fixed few", () => {
    const seen = new Set<number>();
    for (let step = 0; step < 200; step++) for (const i of sampleBatch(12, 3, 1, step)) seen.add(i);
    expect(seen.size).toBe(12);
  });
  it("returns everything when no batch size or a large one is given", () => {
    expect(sampleBatch(4, undefined, 0, 1)).toEqual([0, 1, 2, 3]);
    expect(sampleBatch(4, 10, 0, 1)).toEqual([0, 1, 2, 3]);
  });
});

describe("usage and budget", () => {
  it("prices each role by its model, by full spec or bare model name", () => {
    const usage = addUsage(emptyUsage(), { agent: tokens(2_000_000, 0), optimizer: tokens(0, 1_000_000) });
    const prices = { "gpt-4o-mini": { inputPerMTok: 0.15, outputPerMTok: 0.6 }, "gpt-4o": { inputPerMTok: 2.5, outputPerMTok: 10 } };
    expect(costOf(usage, prices, { agent: "openai:gpt-4o-mini", optimizer: "gpt-4o" })).toBeCloseTo(0.3 + 10);
    expect(costOf(usage, prices, { agent: "unknown" })).toBeUndefined();
  });
  it("is exceeded at the token or cost limit, never without a budget", () => {
    const usage = addUsage(emptyUsage(), { agent: tokens(60, 40) });
    expect(budgetExceeded(usage, undefined)).toBe(false);
    expect(budgetExceeded(usage, { maxTokens: 101 })).toBe(false);
    expect(budgetExceeded(usage, { maxTokens: 100 })).toBe(true);
    const prices = { m: { inputPerMTok: 1e6, outputPerMTok: 1e6 } };
    expect(budgetExceeded(usage, { maxCostUsd: 100, prices }, { agent: "m" })).toBe(true);
    expect(budgetExceeded(usage, { maxCostUsd: 101, prices }, { agent: "m" })).toBe(false);
  });
});

describe("createLimiter", () => {
  it("never runs more than the limit at once and runs everything", async () => {
    const limit = createLimiter(2);
    let active = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        limit(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 5));
          active--;
          return i;
        }),
      ),
    );
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(peak).toBe(2);
  });
  it("releases its slot when a call fails", async () => {
    const limit = createLimiter(1);
    await expect(limit(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(limit(async () => 1)).resolves.toBe(1);
  });
});

describe("usage by role", () => {
  it("adds each role apart, deriving a missing total and counting cached tokens", () => {
    const old = { agent: { inputTokens: 1, outputTokens: 1, totalTokens: 2 }, optimizer: { inputTokens: 0, outputTokens: 0, totalTokens: 0 } };
    const sum = addUsage(old, { agent: { inputTokens: 3, outputTokens: 2, cachedTokens: 4 } });
    expect(sum).toEqual({ agent: { inputTokens: 4, outputTokens: 3, totalTokens: 7, cachedTokens: 4 }, optimizer: { inputTokens: 0, outputTokens: 0, totalTokens: 0, cachedTokens: 0 } });
    expect(addUsage(sum, { optimizer: { outputTokens: 5 } }).optimizer).toEqual({ inputTokens: 0, outputTokens: 5, totalTokens: 5, cachedTokens: 0 });
    expect(addUsage(sum, { optimizer: { inputTokens: 6 } }).optimizer.totalTokens).toBe(6);
  });

  it("prices a model by its full spec before its bare name, and an OpenAI-compatible one without its URL", () => {
    const prices = { "openai:gpt-4o": { inputPerMTok: 5, outputPerMTok: 0 }, "gpt-4o": { inputPerMTok: 1, outputPerMTok: 0 }, m: { inputPerMTok: 2, outputPerMTok: 0 } };
    const usage = addUsage(emptyUsage(), { agent: tokens(1_000_000, 0) });
    expect(costOf(usage, prices, { agent: "openai:gpt-4o" })).toBe(5);
    expect(costOf(usage, prices, { agent: "azure:gpt-4o" })).toBe(1);
    expect(costOf(usage, prices, { agent: "openai-compatible:m@http://127.0.0.1:8000/v1" })).toBe(2);
    expect(costOf(usage, prices, { agent: "openai-compatible:m@https://llm.example/v1" })).toBe(2);
    expect(costOf(usage, undefined, { agent: "m" })).toBeUndefined();
    expect(costOf(usage, prices)).toBeUndefined();
  });

  it("counts both roles' tokens and cost against the budget", () => {
    const usage = addUsage(emptyUsage(), { agent: tokens(60, 0), optimizer: tokens(0, 40) });
    expect(budgetExceeded(usage, { maxTokens: 100 })).toBe(true);
    expect(budgetExceeded(usage, { maxTokens: 101 })).toBe(false);
    const prices = { a: { inputPerMTok: 1e6, outputPerMTok: 0 }, o: { inputPerMTok: 0, outputPerMTok: 1e6 } };
    expect(budgetExceeded(usage, { maxCostUsd: 100, prices }, { agent: "a", optimizer: "o" })).toBe(true);
    expect(budgetExceeded(usage, { maxCostUsd: 100.5, prices }, { agent: "a", optimizer: "o" })).toBe(false);
    // A cost nobody can price never stops the run; the option checks refuse that budget up front.
    expect(budgetExceeded(usage, { maxCostUsd: 0 })).toBe(false);
  });
});
