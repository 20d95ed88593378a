import { describe, expect, it } from "vitest";
import { chiSquare1Survival } from "../../src/report/chi-square.js";
import { mcnemarTest, pairedMcNemar } from "../../src/report/mcnemar.js";
import { wilsonInterval } from "../../src/evaluation/index.js";

describe("chiSquare1Survival", () => {
  it("matches the textbook critical values of χ²(1)", () => {
    expect(chiSquare1Survival(3.841459)).toBeCloseTo(0.05, 6);
    expect(chiSquare1Survival(6.634897)).toBeCloseTo(0.01, 6);
    expect(chiSquare1Survival(10.827566)).toBeCloseTo(0.001, 6);
    expect(chiSquare1Survival(0)).toBe(1);
  });
});

describe("mcnemarTest", () => {
  it("exact test: two-sided binomial tail of the discordant pairs", () => {
    // 2 * P(X <= 2 | n=10, p=1/2) = 2 * (1 + 10 + 45) / 1024
    expect(mcnemarTest({ b: 2, c: 8 }, "exact").pValue).toBeCloseTo(112 / 1024, 12);
    // 2 * (1/2)^5
    expect(mcnemarTest({ b: 0, c: 5 }, "exact").pValue).toBeCloseTo(0.0625, 12);
    // symmetric and capped at 1
    expect(mcnemarTest({ b: 3, c: 3 }, "exact").pValue).toBe(1);
    expect(mcnemarTest({ b: 0, c: 0 }, "exact").pValue).toBe(1);
  });

  it("χ² test with continuity correction: the Wikipedia example (b=121, c=59)", () => {
    const r = mcnemarTest({ b: 121, c: 59 }, "chi-square");
    expect(r.statistic).toBeCloseTo(61 ** 2 / 180, 10); // 20.672
    expect(r.pValue).toBeLessThan(1e-5);
    expect(r.pValue).toBeGreaterThan(1e-6); // p ≈ 5.45e-6
  });

  it("auto picks the exact test for few discordant pairs and χ² for many", () => {
    expect(mcnemarTest({ b: 2, c: 8 }).method).toBe("exact");
    expect(mcnemarTest({ b: 121, c: 59 }).method).toBe("chi-square");
  });

  it("exact and χ² agree for large balanced samples", () => {
    const exact = mcnemarTest({ b: 60, c: 40 }, "exact").pValue;
    const chi = mcnemarTest({ b: 60, c: 40 }, "chi-square").pValue;
    expect(Math.abs(exact - chi)).toBeLessThan(0.01);
  });

  it("rejects counts that are not non-negative integers", () => {
    expect(() => mcnemarTest({ b: -1, c: 2 })).toThrow(/b must be a non-negative integer/);
    expect(() => mcnemarTest({ b: 1, c: 2.5 })).toThrow(/c must be/);
  });
});

describe("pairedMcNemar", () => {
  it("counts discordant pairs in task order", () => {
    const r = pairedMcNemar([1, 1, 0, 1, 0], [0, 1, 1, 0, 0]);
    expect([r.b, r.c]).toEqual([2, 1]);
  });
  it("refuses lists of different lengths", () => {
    expect(() => pairedMcNemar([1], [1, 0])).toThrow(/differ in length/);
  });
});

describe("Wilson interval (from src/evaluation), textbook value", () => {
  it("8 of 10 gives [0.490, 0.943] at 95 %", () => {
    const { low, high } = wilsonInterval(8, 10);
    expect(low).toBeCloseTo(0.4902, 3);
    expect(high).toBeCloseTo(0.9433, 3);
  });
});
