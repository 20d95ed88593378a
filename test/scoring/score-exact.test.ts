import { describe, expect, it } from "vitest";
import { itGivesVerdicts } from "./verdict-cases.js";
import { scoreExactMatch } from "../../src/scoring/index.js";

describe("scoreExactMatch on text", () => {
  itGivesVerdicts(
    [
      ["Paris", "  Paris \n", 1, "blanks around the gold"],
      ["New   York", "new york", 1, "runs of spaces are one space"],
      ["FINAL ANSWER: Paris.", "paris", 1, "a trailing full stop"],
      ["St. Louis", "St Louis", 0, "only a trailing full stop is dropped"],
      ["Straße", "STRASSE", 0, "case folding is lower-casing, not ß → ss"],
      ["x5", "x5", 1, "text ending in a digit equals itself"],
      ["5x", "5x", 1, "text starting with a digit equals itself"],
      ["A4 paper", "a4 paper", 1, "digits inside text"],
      ["1$2", "12", 0, "a dollar sign inside is not a currency sign"],
      ["New York", "NewYork", 0, "a space still separates words"],
    ],
    scoreExactMatch,
  );
});

describe("scoreExactMatch on numbers", () => {
  itGivesVerdicts(
    [
      ["$5", " 5.0 ", 1, "currency sign, blanks around the gold"],
      ["+5", "5", 1, "explicit plus sign"],
      ["-5", "-5.0", 1, "negative number"],
      ["-5", "5", 0, "the sign counts"],
      [".5", "0.5", 1, "no leading zero"],
      ["12.5", "12.50", 1, "trailing zero"],
      ["1e3", "1000", 1, "exponent"],
      ["1E3", "1000", 1, "capital exponent"],
      ["2.5e-3", "0.0025", 1, "negative exponent"],
      ["0", "none", 0, "a number against text"],
      ["none", "0", 0, "text against a number"],
      ["1.5.2", "1.52", 0, "not a number"],
      [".25", "0.25", 1, "two decimals without a leading zero"],
      ["1e10", "10000000000", 1, "two-digit exponent"],
    ],
    scoreExactMatch,
  );
});

describe("scoreExactMatch without a reply", () => {
  it("scores a missing or empty reply 0 with feedback", () => {
    expect(scoreExactMatch(null as unknown as string, "Paris")).toEqual({ score: 0, feedback: "expected Paris, got no answer" });
    expect(scoreExactMatch("", "")).toEqual({ score: 0, feedback: "expected , got no answer" });
  });
});
