import { describe, it, expect } from "vitest";
import { itGivesVerdicts, type VerdictCase } from "./verdict-cases.js";
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

describe("scoreGSM8K agrees with a careful human (issue 11)", () => {
  const cases: VerdictCase[] = [
    ["#### 18\nBecause 3 x 6 = 18 and 2 extra.", "18", 1, "#### wins over the explanation"],
    ["FINAL ANSWER: 18 (3 boxes of 6)", "18", 1, "aside after the answer"],
    ["FINAL ANSWER: 18 (3 boxes of 6)", "6", 0, "a number in the aside"],
    ["FINAL ANSWER: 18. Each of the 3 boxes has 6.", "18", 1, "explanation after a full stop"],
    ["FINAL ANSWER: She has 5 + 3 = 8 apples", "8", 1, "result of the stated sum"],
    ["FINAL ANSWER: 460 minutes, which is 7 hours 40 minutes", "460", 1, "conversion after the answer"],
    ["It takes 2 1/2 seconds.", "2", 0, "2 1/2 is one number"],
    ["FINAL ANSWER: 2 1/2 seconds", "2", 0, "2 1/2 is one number"],
    ["FINAL ANSWER: 18 or 20", "18", 0, "hedged"],
    ["FINAL ANSWER: 18 hours and 30 minutes", "18", 0, "18.5 hours"],
    ["The answer is 45 apples because 9 x 5 = 45.", "45", 1, "prose"],
    ["The answer is 45 apples because 9 x 5 = 45.", "9", 0, "a factor in the explanation"],
  ];
  itGivesVerdicts(cases, scoreGSM8K);
  it("reads mixed numbers and fractions as one number", () => {
    expect(lastNumber("it takes 2 1/2 seconds")).toBe(2.5);
    expect(lastNumber("about -1 1/4 degrees")).toBe(-1.25);
    expect(lastNumber("3/4 of the pie")).toBe(0.75);
  });
});

describe("scoreGSM8K and prose markers", () => {
  itGivesVerdicts(
    [
      ["The answer is not obvious at first. 3 + 4 = 7", "7", 1, "the prose marker states no number: the last number counts"],
      ["The answer is not obvious at first. 3 + 4 = 7", "3", 0, "3 is an operand"],
      ["FINAL ANSWER: unknown\n3 + 4 = 7", "7", 0, "the marked answer states no number"],
    ],
    scoreGSM8K,
  );
});
