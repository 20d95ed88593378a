import { describe, it, expect } from "vitest";
import {
  evaluateLatexNumber,
  isMathEquivalent,
  normalizeMathAnswer,
  numericallyEquivalent,
  scoreMath,
} from "../../src/scoring/index.js";

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
});
