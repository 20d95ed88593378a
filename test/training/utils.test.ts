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
