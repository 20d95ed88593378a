import { describe, it, expect } from "vitest";
import { lastNumber, scoreExactMatch, scoreGSM8K } from "../../src/scoring/index.js";

describe("lastNumber", () => {
  it("finds the last number and strips commas", () => {
    expect(lastNumber("paid $1,234.50 then 3 more")).toBe(3);
    expect(lastNumber("total: 1,234,567")).toBe(1234567);
    expect(lastNumber("it dropped to -12 degrees")).toBe(-12);
    expect(lastNumber("none")).toBeNull();
  });
});

describe("scoreGSM8K", () => {
  it("accepts the last number of free text", () => {
    expect(scoreGSM8K("3 + 4 = 7, so the total is $1,007.", "1007")).toEqual({ score: 1 });
  });
  it("prefers a FINAL ANSWER line or a box over later numbers", () => {
    expect(scoreGSM8K("FINAL ANSWER: 18\nHope this helps with step 2!", "18").score).toBe(1);
    expect(scoreGSM8K("\\boxed{72} (checked 3 times)", "72").score).toBe(1);
  });
  it("compares numerically", () => {
    expect(scoreGSM8K("FINAL ANSWER: 15.00", "15").score).toBe(1);
    expect(scoreGSM8K("FINAL ANSWER: 15.5", "15").score).toBe(0);
  });
  it("gives feedback for wrong and missing answers", () => {
    expect(scoreGSM8K("FINAL ANSWER: 12", "14")).toEqual({ score: 0, feedback: "expected 14, got 12" });
    expect(scoreGSM8K("I don't know", "14")).toEqual({ score: 0, feedback: "expected 14, got I don't know" });
  });
});

describe("scoreExactMatch", () => {
  it("matches text case- and space-insensitively and numbers numerically", () => {
    expect(scoreExactMatch("FINAL ANSWER: Paris.", "paris").score).toBe(1);
    expect(scoreExactMatch("1,000", "1000.0").score).toBe(1);
    expect(scoreExactMatch("Lyon", "Paris")).toEqual({ score: 0, feedback: "expected Paris, got Lyon" });
    expect(scoreExactMatch("", "").score).toBe(0);
  });
});
