import { describe, expect, it } from "vitest";
import { wilsonInterval } from "../../src/evaluation/index.js";

describe("wilsonInterval", () => {
  it("matches the textbook 95 % interval for 8 of 10", () => {
    const { low, high } = wilsonInterval(8, 10);
    expect(low).toBeCloseTo(0.4902, 3);
    expect(high).toBeCloseTo(0.9433, 3);
  });

  it("has the closed form z²/(n+z²) as upper bound at zero successes", () => {
    const { low, high } = wilsonInterval(0, 10);
    expect(low).toBe(0);
    expect(high).toBeCloseTo(1.96 ** 2 / (10 + 1.96 ** 2), 10);
  });

  it("is symmetric, narrows with n, and is [0,1] for n = 0", () => {
    const a = wilsonInterval(3, 10);
    const b = wilsonInterval(7, 10);
    expect(a.low).toBeCloseTo(1 - b.high, 12);
    const wide = wilsonInterval(50, 100);
    const narrow = wilsonInterval(500, 1000);
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });
});
