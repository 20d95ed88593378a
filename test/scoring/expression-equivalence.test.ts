import { describe, expect, it } from "vitest";
import { expressionsEquivalent } from "../../src/scoring/index.js";

describe("expressionsEquivalent", () => {
  const equal: [string, string][] = [
    ["6\\frac15", "6.2"],
    ["\\frac{31}{5}", "6\\frac{1}{5}"],
    ["0.5", "\\frac{1}{2}"],
    ["27i-11", "-11+27i"],
    ["\\sqrt{-2}", "i\\sqrt2"],
    ["96\\pi+120", "120+96\\pi"],
    ["\\frac{1}{\\sqrt3}", "\\frac{\\sqrt3}{3}"],
    ["2x+3", "3+2x"],
    ["\\frac{x}{2}", "0.5x"],
    ["(x+1)(x+2)", "(x+2)(x+1)"],
    ["\\sqrt[3]{8}", "2"],
    ["10\\,000", "10000"],
    ["1{,}008{,}016", "1008016"],
    ["0.1\\overline{6}", "\\frac16"],
    ["45^\\circ", "45"],
    ["12\\text{ cm}", "12"],
  ];
  for (const [a, b] of equal) {
    it(`${a} = ${b}`, () => expect(expressionsEquivalent(a, b)).toBe(true));
  }
  const different: [string, string][] = [
    ["3.14159", "\\pi"],
    ["3.141592653589793", "\\pi"],
    ["0.3333333333333333", "\\frac13"],
    ["1.2599210498948732", "\\sqrt[3]{2}"],
    ["1.26", "\\sqrt[3]{2}"],
    ["(x+1)^2", "x^2+2x+1"],
    ["-11-27i", "-11+27i"],
    ["\\frac65", "6\\frac15"],
    ["x", "y"],
    ["\\sin x", "\\sin x"],
  ];
  for (const [a, b] of different) {
    it(`${a} ≠ ${b}`, () => expect(expressionsEquivalent(a, b)).toBe(false));
  }
});
