import { describe, it, expect } from "vitest";
import {
  extractTabMWPNumber,
  matchChoice,
  normalizeTabMWPAnswer,
  scoreTabMWP,
} from "../../src/scoring/index.js";

describe("normalizeTabMWPAnswer (official PromptPG normalisation)", () => {
  const cases: [string, string | null, string][] = [
    ["1,000", null, "1000"],
    ["123", null, "123"],
    ["3/4", null, "0.75"],
    ["5/18", null, "0.278"],
    ["56.456", null, "56.456"],
    ["56.4567", null, "56.457"],
    ["$56.40", null, "56.4"],
    ["-3", null, "-3"],
    ["-10.02", null, "-10.02"],
    ["-3/2", null, "-1.5"],
    ["7.", null, "7"],
    ["3.000", null, "3"],
    ["Reardon Corporation", null, "Reardon Corporation"],
    ["12 pages", "pages", "12"],
    ["$4.50 per year", "per year", "4.5"],
    ["tan pages", "pages", "tan"],
  ];
  for (const [input, unit, expected] of cases) {
    it(`${JSON.stringify(input)} (unit ${unit}) → ${expected}`, () => {
      expect(normalizeTabMWPAnswer(input, unit)).toBe(expected);
    });
  }
  it("keeps large integers exact", () => {
    expect(normalizeTabMWPAnswer("12,345,678,901,234,567,890")).toBe("12345678901234567890");
  });
});

describe("matchChoice", () => {
  const options = ["Henderson Co.", "Brave New Day Corporation", "Reardon Corporation"];
  it("matches option text exactly, any case", () => {
    expect(matchChoice("reardon corporation", options)).toBe("Reardon Corporation");
  });
  it("matches option letters", () => {
    expect(matchChoice("B", options)).toBe("Brave New Day Corporation");
    expect(matchChoice("(c)", options)).toBe("Reardon Corporation");
    expect(matchChoice("The answer is A.", options)).toBe("Henderson Co.");
    expect(matchChoice("(C) Reardon", options)).toBe("Reardon Corporation");
  });
  it("ignores letters beyond the options", () => {
    expect(matchChoice("F", ["yes", "no"])).toBeNull();
  });
  it("falls back to word overlap", () => {
    expect(matchChoice("Brave New Day", options)).toBe("Brave New Day Corporation");
  });
  it("matches nothing when no word is shared", () => {
    expect(matchChoice("no idea", options)).toBeNull();
  });
});

describe("extractTabMWPNumber", () => {
  it("takes the text after 'The answer is'", () => {
    expect(extractTabMWPNumber("Add them up. The answer is 1,204.")).toBe("1,204");
  });
  it("takes the last '= number'", () => {
    expect(extractTabMWPNumber("3 + 4 = $7.40 total, that is all")).toBe("$7.40");
  });
  it("converts \\frac to a/b and keeps times", () => {
    expect(extractTabMWPNumber("probability $\\frac{5}{18}$")).toBe("5/18");
    expect(extractTabMWPNumber("It leaves at 7:25 P.M.")).toBe("7:25 P.M.");
  });
});

describe("scoreTabMWP", () => {
  const correct: [string, string, { choices?: string[]; unit?: string }][] = [
    ["FINAL ANSWER: 1,000", "1000", {}],
    ["\\boxed{84}", "84", {}],
    ["The answer is 3/4.", "0.75", {}],
    ["FINAL ANSWER: 5/18", "5/18", {}],
    ["FINAL ANSWER: 0.278", "5/18", {}],
    ["FINAL ANSWER: $\\frac{5}{18}$", "5/18", {}],
    ["FINAL ANSWER: $12.50", "12.50", { unit: "$" }],
    ["FINAL ANSWER: 79 years old", "79", { unit: "years old" }],
    ["So the total is 3 + 4 = 7.", "7", {}],
    ["\\boxed{B}", "no", { choices: ["yes", "no"] }],
    ["FINAL ANSWER: Yes", "yes", { choices: ["yes", "no"] }],
    ["FINAL ANSWER: Reardon Corporation", "Reardon Corporation", { choices: ["Henderson Co.", "Reardon Corporation"] }],
    ["FINAL ANSWER: (A)", "Henderson Co.", { choices: ["Henderson Co.", "Reardon Corporation"] }],
  ];
  for (const [prediction, gold, options] of correct) {
    it(`accepts ${JSON.stringify(prediction)} for ${gold}`, () => {
      expect(scoreTabMWP(prediction, gold, options)).toEqual({ score: 1 });
    });
  }
  const wrong: [string, string, { choices?: string[]; unit?: string }][] = [
    ["FINAL ANSWER: 1,001", "1000", {}],
    ["FINAL ANSWER: 0.27", "5/18", {}],
    ["\\boxed{A}", "no", { choices: ["yes", "no"] }],
    ["FINAL ANSWER: no", "yes", { choices: ["yes", "no"] }],
    ["", "Reardon Corporation", { choices: ["Henderson Co.", "Reardon Corporation"] }],
    ["", "5", {}],
    ["FINAL ANSWER: dog", "cat", {}],
  ];
  for (const [prediction, gold, options] of wrong) {
    it(`rejects ${JSON.stringify(prediction)} for ${gold}`, () => {
      const result = scoreTabMWP(prediction, gold, options);
      expect(result.score).toBe(0);
      expect(result.feedback).toContain(`expected ${gold}`);
    });
  }
});

describe("scoreTabMWP agrees with a careful human (issue 11)", () => {
  const months = ["December", "January", "February", "March"];
  const yesNo = ["yes", "no"];
  const cases: [string, string, { choices?: string[]; unit?: string }, 0 | 1, string][] = [
    ["FINAL ANSWER: **Valentina**", "Valentina", { choices: ["Valentina", "Tom"] }, 1, "markdown bold"],
    ["**Valentina**", "Valentina", {}, 1, "markdown bold, free text"],
    ["FINAL ANSWER: 20 silver buttons", "20", {}, 1, "unit word the unit field lacks"],
    ["FINAL ANSWER: $\\dfrac{5}{18}$", "5/18", {}, 1, "\\dfrac"],
    ["Yes, Emma has enough money.", "yes", { choices: yesNo }, 1, "yes in a sentence"],
    ["No, she does not have enough.", "no", { choices: yesNo }, 1, "no in a sentence"],
    ["No, she does not have enough.", "yes", { choices: yesNo }, 0, "says no"],
    ["The company made the most tractors in March.", "March", { choices: months }, 1, "option in a sentence"],
    ["It was not March.", "March", { choices: months }, 0, "negated option"],
    ["Not in March but in February.", "February", { choices: months }, 1, "rules one out, names another"],
    ["Not in March but in February.", "March", { choices: months }, 0, "rules March out"],
    ["FINAL ANSWER: 20 or 21", "21", {}, 0, "hedged"],
    [
      "FINAL ANSWER: the dance class",
      "swing dance class",
      { choices: ["swing dance class", "hip hop dance class"] },
      0,
      "overlap shared by two options",
    ],
  ];
  for (const [prediction, gold, options, label, why] of cases) {
    it(`${label ? "accepts" : "rejects"} ${JSON.stringify(prediction)} for ${gold} (${why})`, () => {
      expect(scoreTabMWP(prediction, gold, options).score).toBe(label);
    });
  }
});
