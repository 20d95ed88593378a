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

describe("expressionsEquivalent beyond exact arithmetic", () => {
  it("compares cube roots by value, either side, negative radicands included", () => {
    expect(expressionsEquivalent("2", "\\sqrt[3]{8}")).toBe(true);
    expect(expressionsEquivalent("\\sqrt[3]{-8}", "-2")).toBe(true);
    expect(expressionsEquivalent("\\sqrt[3]{16}", "2\\sqrt[3]{2}")).toBe(true);
    expect(expressionsEquivalent("\\sqrt[3]{9}", "2")).toBe(false);
    expect(expressionsEquivalent("\\sqrt[3]{x}", "2")).toBe(false);
    // An even root of a negative number is not real.
    expect(expressionsEquivalent("\\sqrt[4]{-16}", "-2")).toBe(false);
  });
  it("accepts equal large values whatever their rounding", () => {
    expect(expressionsEquivalent("10^{9}\\sqrt[3]{2}", "\\sqrt[3]{2\\cdot 10^{27}}")).toBe(true);
    expect(expressionsEquivalent("10^{6}\\sqrt[3]{2}", "\\sqrt[3]{2000000000000000000}")).toBe(true);
  });
  it("refuses a decimal approximation on either side", () => {
    expect(expressionsEquivalent("\\sqrt[3]{2}", "1.2599210498948732")).toBe(false);
  });
  it("accepts an exact decimal coefficient of a value that needs floating point, on either side", () => {
    expect(expressionsEquivalent("0.5\\sqrt[3]{16}", "\\sqrt[3]{2}")).toBe(true);
    expect(expressionsEquivalent("\\sqrt[3]{2}", "0.5\\sqrt[3]{16}")).toBe(true);
  });
  it("reads fractional exponents and square roots with an index 2", () => {
    expect(expressionsEquivalent("2^{1/2}", "\\sqrt{2}")).toBe(true);
    expect(expressionsEquivalent("\\sqrt[2]{9}", "3.0")).toBe(true);
  });
  it("takes answers longer than 500 characters for prose, not expressions", () => {
    const at500 = `10${"+0".repeat(249)}`;
    expect(at500).toHaveLength(500);
    expect(expressionsEquivalent(at500, "10")).toBe(true);
    expect(expressionsEquivalent(`1${"+0".repeat(250)}`, "1")).toBe(false);
  });
});
