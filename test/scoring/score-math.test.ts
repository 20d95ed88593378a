import { describe, it, expect } from "vitest";
import { itGivesVerdicts, type VerdictCase } from "./verdict-cases.js";
import {
  evaluateLatexNumber,
  isMathEquivalent,
  normalizeMathAnswer,
  numericallyEquivalent,
  scoreMath,
} from "../../src/scoring/index.js";
import { DatasetError, scorerForFormat } from "../../src/datasets/index.js";

describe("normalizeMathAnswer (official MATH strip_string steps)", () => {
  const cases: [string, string][] = [
    ["\\dfrac{1}{2}", "\\frac{1}{2}"],
    ["\\tfrac{3}{4}", "\\frac{3}{4}"],
    ["\\left( 1, 2 \\right)", "(1,2)"],
    ["30^\\circ", "30"],
    ["30^{\\circ}", "30"],
    ["\\$6", "6"],
    ["12\\text{ square units}", "12"],
    ["50\\%", "50"],
    ["25%", "25"],
    [".5", "\\frac{1}{2}"],
    ["x = 3", "3"],
    ["\\sqrt3", "\\sqrt{3}"],
    ["\\frac12", "\\frac{1}{2}"],
    ["\\frac1{72}", "\\frac{1}{72}"],
    ["3/4", "\\frac{3}{4}"],
    ["10,\\!000", "10,000"],
    ["a\n b", "ab"],
    ["\\\\frac{1}{2}", "\\frac{1}{2}"],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      expect(normalizeMathAnswer(input)).toBe(expected);
    });
  }
  it("keeps a long left-hand side of an equation", () => {
    expect(normalizeMathAnswer("abc = 3")).toBe("abc=3");
  });
  it("leaves non-canonical a/b alone", () => {
    expect(normalizeMathAnswer("03/4")).toBe("03/4");
  });
  it("throws where the reference raises (two units)", () => {
    expect(() => normalizeMathAnswer("1\\text{ m} + 2\\text{ cm}")).toThrow();
  });
});

describe("isMathEquivalent", () => {
  it("falls back to raw equality when normalisation fails", () => {
    expect(isMathEquivalent("1\\text{ m} + 2\\text{ cm}", "1\\text{ m} + 2\\text{ cm}")).toBe(true);
    expect(isMathEquivalent("1\\text{ m} + 2\\text{ cm}", "1+2")).toBe(false);
  });
});

describe("evaluateLatexNumber", () => {
  it("evaluates numeric LaTeX", () => {
    expect(evaluateLatexNumber("\\frac{1}{4}")).toBe(0.25);
    expect(evaluateLatexNumber("\\sqrt[3]{27}")).toBeCloseTo(3, 12);
    expect(evaluateLatexNumber("2^{10}")).toBe(1024);
    expect(evaluateLatexNumber("3 \\cdot 4")).toBe(12);
    expect(evaluateLatexNumber("2\\pi")).toBeCloseTo(2 * Math.PI, 12);
    expect(evaluateLatexNumber("1,234")).toBe(1234);
  });
  it("refuses symbolic or non-numeric input", () => {
    expect(evaluateLatexNumber("x+1")).toBeNull();
    expect(evaluateLatexNumber("\\infty")).toBeNull();
    expect(evaluateLatexNumber("5!")).toBeNull();
    expect(evaluateLatexNumber("e")).toBeNull();
    expect(evaluateLatexNumber("\\frac{1}{0}")).toBeNull();
    expect(evaluateLatexNumber("")).toBeNull();
  });
});

describe("numericallyEquivalent", () => {
  it("compares tuples item by item with the same brackets", () => {
    expect(numericallyEquivalent("(0.5, 2)", "\\left(\\frac{1}{2}, 2\\right)")).toBe(true);
    expect(numericallyEquivalent("(0.5, 2)", "[0.5, 2]")).toBe(false);
    expect(numericallyEquivalent("(0.5, 2)", "(0.5, 3)")).toBe(false);
  });
});

describe("scoreMath", () => {
  const equivalent: [string, string][] = [
    ["\\boxed{\\dfrac{1}{2}}", "\\frac{1}{2}"],
    ["\\boxed{\\tfrac12}", "\\frac{1}{2}"],
    ["\\boxed{0.5}", "\\frac{1}{2}"],
    ["\\boxed{1/2}", "\\frac{1}{2}"],
    ["\\boxed{.5}", "0.5"],
    ["\\boxed{0.25}", "\\frac{1}{4}"],
    ["\\boxed{\\sqrt{8}}", "2\\sqrt{2}"],
    ["\\boxed{2\\sqrt2}", "\\sqrt{8}"],
    ["\\boxed{2}", "\\sqrt[3]{8}"],
    ["\\boxed{5.0}", "5"],
    ["\\boxed{5}", "5.00"],
    ["\\boxed{12}", "12\\text{ square units}"],
    ["\\boxed{5\\text{ inches}}", "5"],
    ["\\boxed{144}", "144 \\mbox{ m}^3"],
    ["\\boxed{30^\\circ}", "30"],
    ["\\boxed{50}", "50^\\circ"],
    ["\\boxed{54\\%}", "54"],
    ["\\boxed{\\$6}", "6"],
    ["\\boxed{\\left(\\frac{17}{4}, 0\\right)}", "\\left(\\frac{17}{4},0\\right)"],
    ["\\boxed{(4.25, 0)}", "\\left(\\frac{17}{4},0\\right)"],
    ["\\boxed{(\\frac{27}{8}, \\frac{15}{8})}", "(\\tfrac{27}{8}, \\tfrac{15}{8})"],
    ["\\boxed{-1.5}", "-\\frac{3}{2}"],
    ["\\boxed{120 + 96\\pi}", "96\\pi+120"],
    ["\\boxed{10000}", "10,\\!000"],
    ["\\boxed{y=-2x}", "y = -2x"],
    ["\\boxed{k = 7}", "7"],
    ["FINAL ANSWER: $\\frac{9}{2}$", "\\frac{9}{2}"],
    ["FINAL ANSWER: 4.5", "\\frac{9}{2}"],
    ["the work... \\boxed{3} wait, actually \\boxed{\\frac{6\\sqrt{10}}{7}}", "\\frac{6\\sqrt{10}}{7}"],
    ["\\boxed{z^5-3z^4+6z^3-14z^2+14z-4}", "z^5-3z^4+6z^3-14z^2+14z-4"],
    ["\\boxed{(-\\infty, -7)\\cup(-7, 3)\\cup(3, \\infty)}", "(-\\infty, -7)\\cup(-7, 3)\\cup(3, \\infty)"],
  ];
  for (const [prediction, gold] of equivalent) {
    it(`accepts ${prediction} for ${gold}`, () => {
      expect(scoreMath(prediction, gold)).toEqual({ score: 1 });
    });
  }

  const different: [string, string][] = [
    ["\\boxed{6}", "5"],
    ["\\boxed{\\frac{1}{3}}", "\\frac{1}{2}"],
    ["\\boxed{0.333}", "\\frac{1}{3}"],
    ["\\boxed{\\sqrt{7}}", "2\\sqrt{2}"],
    ["\\boxed{x+1}", "x+2"],
    ["\\boxed{(1, 2)}", "(2, 1)"],
    ["\\boxed{(1, 2)}", "[1, 2]"],
    ["\\boxed{-5}", "5"],
    ["\\boxed{96\\pi}", "96\\pi+120"],
    ["\\boxed{(-\\infty, 4]}", "(-\\infty,4)"],
    ["", "0"],
    ["I could not solve it", "7"],
  ];
  for (const [prediction, gold] of different) {
    it(`rejects ${JSON.stringify(prediction)} for ${gold}`, () => {
      const result = scoreMath(prediction, gold);
      expect(result.score).toBe(0);
      expect(result.feedback).toMatch(/^expected /);
    });
  }

  it("gives short feedback naming both answers", () => {
    expect(scoreMath("FINAL ANSWER: 6", "5")).toEqual({ score: 0, feedback: "expected 5, got 6" });
    expect(scoreMath("", "5").feedback).toBe("expected 5, got no answer");
    expect(scoreMath("x".repeat(500), "5").feedback!.length).toBeLessThan(120);
  });
  it("scores a missing reply 0, never as an empty gold", () => {
    expect(scoreMath(null as unknown as string, "5")).toEqual({ score: 0, feedback: "expected 5, got no answer" });
    expect(scoreMath(undefined as unknown as string, "5")).toEqual({ score: 0, feedback: "expected 5, got no answer" });
    expect(scoreMath("", "").score).toBe(0);
    expect(scoreMath("  ", "\\boxed{}").score).toBe(0);
  });
  it("quotes the gold's final answer, not its whole solution", () => {
    expect(scoreMath("\\boxed{6}", "so it is \\boxed{5}")).toEqual({ score: 0, feedback: "expected 5, got 6" });
  });
});

describe("official normalisation edge cases (issue 17)", () => {
  it("leaves a bare \\frac1 as the reference does", () => {
    expect(normalizeMathAnswer("\\frac1")).toBe("\\frac1");
    expect(isMathEquivalent("\\frac1", "\\frac1")).toBe(true);
    expect(isMathEquivalent("\\frac1", "1")).toBe(false);
  });
  it("anchors a/b at both ends: 1/2x is not 1/2", () => {
    expect(normalizeMathAnswer("1/2x")).toBe("1/2x");
    expect(normalizeMathAnswer("x1/2")).toBe("x1/2");
    expect(isMathEquivalent("1/2x", "1/2")).toBe(false);
    expect(scoreMath("\\boxed{1/2x}", "1/2").score).toBe(0);
  });
  it("adds the leading zero inside braces", () => {
    expect(normalizeMathAnswer("\\frac{.5}{2}")).toBe("\\frac{0.5}{2}");
    expect(normalizeMathAnswer("{.5}")).toBe("{0.5}");
  });
  it("treats only \\text{ with a space as a unit", () => {
    expect(normalizeMathAnswer("12\\text{ cm}")).toBe("12");
    expect(normalizeMathAnswer("12\\text{cm}")).toBe("12\\text{cm}");
  });
});

describe("scoreMath agrees with a careful human (issue 11)", () => {
  const cases: VerdictCase[] = [
    ["\\boxed{3.14159}", "\\pi", 0, "decimal approximation of pi"],
    ["\\boxed{0.3333333333333333}", "\\frac13", 0, "approximation of 1/3"],
    ["\\boxed{12862.83}", "27000-4500\\pi", 0, "rounded value of an exact answer"],
    ["\\boxed{0.\\overline{3}}", "\\frac13", 1, "a repeating decimal is exact"],
    ["\\boxed{6\\frac15}", "\\frac{31}{5}", 1, "mixed number"],
    ["\\boxed{6.2}", "6\\frac15", 1, "mixed number as a decimal"],
    ["\\boxed{\\frac65}", "6\\frac15", 0, "a mixed number is not a product"],
    ["\\boxed{4}\nOn reflection:\nFINAL ANSWER: 5", "5", 1, "final statement wins"],
    ["\\boxed{5}\nOn reflection:\nFINAL ANSWER: 4", "5", 0, "final statement wins"],
    ["\\boxed{3, 1}", "1, 3", 1, "unordered solutions"],
    ["\\boxed{\\{1,3\\}}", "1, 3", 1, "a set of solutions"],
    ["\\boxed{1, 3, 5}", "1, 3", 0, "an extra solution"],
    ["\\boxed{(3, 1)}", "(1, 3)", 0, "an ordered pair is ordered"],
    ["\\boxed{E}", "\\text{(E)}", 1, "choice letter"],
    ["\\boxed{(E)}", "\\text{(E)}", 1, "choice letter in parentheses"],
    ["\\boxed{\\textbf{(E)}}", "\\text{(E)}", 1, "choice letter in bold"],
    ["\\boxed{\\textbf{(D)}}", "\\text{(E)}", 0, "another letter"],
    ["\\boxed{27i-11}", "-11 + 27i", 1, "complex number reordered"],
    ["\\boxed{-11-27i}", "-11 + 27i", 0, "conjugate"],
    ["\\boxed{-4+14z-14z^2+6z^3-3z^4+z^5}", "z^5-3z^4+6z^3-14z^2+14z-4", 1, "polynomial reordered"],
    ["\\boxed{3x^2-3x-6}", "3(x-2)(x+1)", 0, "expanded where factored is asked"],
    ["\\boxed{4210_{7}}", "4210_7", 1, "braced subscript"],
    ["\\boxed{4210_7}", "4210_{7}", 1, "unbraced subscript"],
    ["\\boxed{14\\,400}", "14,\\!400", 1, "thin space separator"],
    ["\\boxed{a+b+c=5}", "5", 1, "sum stated as an equation"],
    ["\\boxed{a+b+c=6}", "5", 0, "wrong sum"],
    ["\\boxed{30^\\circ}", "30^\\circ.", 1, "trailing period in gold"],
    ["The answer is 45.", "45", 1, "prose"],
    ["The answer is 46.", "45", 0, "prose, wrong"],
    ["\\boxed{5\\text{ or }6}", "5", 0, "hedged answer"],
    ["\\boxed{yx}", "xy", 1, "product of two variables"],
    ["\\boxed{\\text{Even}}", "\\text{even}", 1, "word, any case"],
  ];
  itGivesVerdicts(cases, scoreMath);
});

describe("a missing gold answer", () => {
  it("is a typed dataset error, not a TypeError", () => {
    const error = (() => {
      try {
        scoreMath("\\boxed{1}", null as unknown as string);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).code).toBe("E_DATASET_GOLD");
    expect((error as DatasetError).message).toMatch(/scoreMath: the gold answer is missing \(got null\)/);
  });
  it("names the task when scored through a dataset's scorer", async () => {
    for (const format of ["math", "gsm8k", "tabmwp", "generic"] as const) {
      const scorer = scorerForFormat(format);
      const task = { id: "row-7", question: "q?", answer: null as unknown as string };
      await expect(async () => scorer("FINAL ANSWER: 1", task)).rejects.toThrow(/gold answer of task "row-7" is missing/);
    }
  });
});

describe("scoreMath: an equation states a value only for the quantity it names", () => {
  itGivesVerdicts(
    [
      ["\\boxed{a+b+c=5}", "5", 1, "names the sum asked for"],
      ["\\boxed{f(2) = 5}", "5", 1, "names the value asked for"],
      ["\\boxed{mn = 12}", "12", 1, "names the product asked for"],
      ["\\boxed{2x = 10}", "10", 0, "states 2x, not a named quantity"],
      ["\\boxed{x^2 = 5}", "5", 0, "x is the square root of 5"],
      ["\\boxed{x = y}", "5", 0, "no value"],
    ],
    scoreMath,
  );
});

describe("MATH normaliser: where the reference raises, raw strings are compared (issue 17)", () => {
  it("names the problem when a \\frac or \\sqrt has no argument, or there are two units", () => {
    expect(() => normalizeMathAnswer("1+\\frac")).toThrow("empty \\frac argument");
    expect(() => normalizeMathAnswer("2\\sqrt")).toThrow("empty \\sqrt argument");
    expect(() => normalizeMathAnswer("3\\text{ m}\\text{ s}")).toThrow("more than one unit");
    expect(isMathEquivalent("\\frac", "\\frac ")).toBe(false);
    expect(isMathEquivalent("\\sqrt", "\\sqrt ")).toBe(false);
  });
  it("treats a braced \\sqrt like the brace-less form", () => {
    expect(isMathEquivalent("\\sqrt{3}", "\\sqrt3")).toBe(true);
    expect(normalizeMathAnswer("2\\sqrt{3}")).toBe("2\\sqrt{3}");
  });
  it("reads a leading-dot decimal after an equals sign", () => {
    expect(isMathEquivalent("x = .5", "\\frac12")).toBe(true);
  });
});
