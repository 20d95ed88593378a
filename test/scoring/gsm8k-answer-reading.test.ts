import { describe, expect, it } from "vitest";
import { itGivesVerdicts } from "./verdict-cases.js";
import { lastNumber, scoreGSM8K } from "../../src/scoring/index.js";

// How scoreGSM8K reads the number a reply states (score-gsm8k.test.ts has
// the basics): every marker form, asides that contain a calculation, and
// the numbers people write.
describe("scoreGSM8K: the stated number wins over an explanation in every marker form", () => {
  itGivesVerdicts(
    [
      ["\\fbox{18 (3 boxes of 6)}", "18", 1, "an \\fbox"],
      ["\\boxed{18 (3 boxes of 6)}", "18", 1, "a box"],
      ["final_answer: 18 (3 boxes of 6)", "18", 1, "final_answer"],
      ["#### 18 (3 boxes of 6)", "18", 1, "GSM8K's ####"],
      ["Work: 3 x 6 = 18 (2 left)\nAnswer: 18 (3 boxes of 6)", "18", 1, "an Answer: line"],
      ["So the answer is 18 (3 boxes of 6).", "18", 1, "prose"],
      ["Final  Answer: 18 (3 boxes of 6)", "18", 1, "two spaces in Final  Answer"],
      ["The answer  is 18 (3 boxes of 6)", "18", 1, "two spaces in answer  is"],
      ["**Answer:** 18 (3 boxes of 6)", "18", 1, "a bold Answer: (a bug before: the 6 was read)"],
      ["Answer : 18 (3 boxes of 6)", "18", 1, "a space before the colon"],
    ],
    scoreGSM8K,
  );
});

describe("scoreGSM8K: an aside with its own calculation does not count", () => {
  itGivesVerdicts(
    [
      ["FINAL ANSWER: 18 (6 + 6 = 12, plus 6)", "18", 1, "calculation in parentheses"],
      ["FINAL ANSWER: 18(6 + 6 = 12, plus 6)", "18", 1, "parentheses without a space"],
      ["FINAL ANSWER: 3x6=18(6+6=12)", "18", 1, "a result followed by a check in parentheses"],
      ["FINAL ANSWER: 18. Then 6 + 6 = 12", "18", 1, "calculation after a full stop"],
      ["FINAL ANSWER: 18; 6 + 6 = 12", "18", 1, "calculation after a semicolon"],
      ["FINAL ANSWER: 18 because 6 + 6 = 12 and 6 more", "18", 1, "because"],
      ["FINAL ANSWER: 18 since 6 + 6 = 12 and 6 more", "18", 1, "since"],
      ["FINAL ANSWER: 18 as 6 + 6 = 12 and 6 more", "18", 1, "as"],
      ["FINAL ANSWER: 18 which is 6 + 6 = 12 and 6 more", "18", 1, "which"],
      ["FINAL ANSWER: 18 so 6 + 6 = 12 and 6 more", "18", 1, "so"],
      ["FINAL ANSWER: 3 x 6 = 18", "18", 1, "the result of the stated product"],
      ["FINAL ANSWER: 18 = the total", "18", 1, "nothing after the = but words"],
    ],
    scoreGSM8K,
  );
});

describe("scoreGSM8K: a range is not an answer", () => {
  itGivesVerdicts(
    [
      ["FINAL ANSWER: 12 to $15", "12", 0, "a price range"],
      ["FINAL ANSWER: 5 to -5", "5", 0, "a range through zero"],
      ["FINAL ANSWER: 12 and 15", "12", 0, "two numbers"],
      ["FINAL ANSWER: 12 to  15", "12", 0, "two spaces in the range"],
      ["FINAL ANSWER: it comes to 20", "20", 1, "'to' before the only number is no range"],
    ],
    scoreGSM8K,
  );
});

describe("scoreGSM8K compares numbers, not digits", () => {
  itGivesVerdicts(
    [
      ["FINAL ANSWER: 1/3", "0.3333333333", 1, "a fraction equals its decimal to ten places"],
      ["FINAL ANSWER: 1/3", "0.3333", 0, "but not a rounded one"],
      ["FINAL ANSWER: 0", "0", 1, "zero"],
      ["FINAL ANSWER: 0", "0.5", 0, "zero is not a half"],
      ["no idea", "unknown", 0, "no number in the reply nor in the gold answer"],
      ["FINAL ANSWER: 5", "unknown", 0, "a gold answer without a number matches no number"],
    ],
    scoreGSM8K,
  );
  it("scores a missing reply 0 with feedback instead of throwing", () => {
    expect(scoreGSM8K(undefined as unknown as string, "14")).toEqual({ score: 0, feedback: "expected 14, got no answer" });
  });
  it("quotes the number it read in the feedback, not the words around it", () => {
    expect(scoreGSM8K("FINAL ANSWER: 12 apples", "14")).toEqual({ score: 0, feedback: "expected 14, got 12" });
  });
});

describe("lastNumber reads numbers as people write them", () => {
  it.each([
    ["it takes 2  1/2 seconds", 2.5],
    ["a board of 2 12/25 inches", 2.48],
    ["a board of 2 1/25 inches", 2.04],
    ["it changed by -0 1/2 degrees", -0.5],
    ["7 apples in 5/0 boxes", 7],
    ["about .5 of it", 0.5],
    ["it fell by -.5", -0.5],
    ["12.75 dollars", 12.75],
    ["1,000 and 2,500,000", 2500000],
    ["12 1/2 hours", 12.5],
    ["12/25 of them", 0.48],
    ["1/25 of them", 0.04],
    ["about .25", 0.25],
    ["0 1/2 cup", 0.5],
  ])("%j → %d", (text, value) => {
    expect(lastNumber(text)).toBe(value);
  });
});
