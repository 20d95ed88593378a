import { describe, expect, it } from "vitest";
import { hasDecimalLiteral, isFactoredForm, parseLatexExpression } from "../../src/scoring/latex-expression.js";
import { exactValueOf, floatValueOf } from "../../src/scoring/latex-value.js";
import { exactEqual } from "../../src/scoring/exact-algebra.js";

function value(latex: string): number | null {
  const tree = parseLatexExpression(latex);
  return tree && floatValueOf(tree);
}

describe("parseLatexExpression", () => {
  it("reads fractions, roots, powers and implicit products", () => {
    expect(value("\\frac12")).toBe(0.5);
    expect(value("\\dfrac{3}{4}")).toBe(0.75);
    expect(value("2\\sqrt{9}")).toBe(6);
    expect(value("\\sqrt[3]{-8}")).toBeCloseTo(-2, 12);
    expect(value("2^{10}")).toBe(1024);
    expect(value("x^23")).toBeNull(); // a variable
    expect(value("3 \\cdot 4 \\div 2")).toBe(6);
    expect(value("\\frac\\pi 2")).toBeCloseTo(Math.PI / 2, 12);
    expect(value("−3 × 2")).toBe(-6);
  });
  it("reads a superscript digit as one digit: x^23 is 3x^2", () => {
    const a = exactValueOf(parseLatexExpression("x^23")!)!;
    expect(exactEqual(a, exactValueOf(parseLatexExpression("3x^2")!)!)).toBe(true);
    expect(exactEqual(a, exactValueOf(parseLatexExpression("x^{23}")!)!)).toBe(false);
  });
  it("reads a mixed number as a sum", () => {
    expect(value("6\\frac15")).toBeCloseTo(6.2, 12);
    expect(value("-6\\frac15")).toBeCloseTo(-6.2, 12);
    expect(value("2\\frac{3}{2}")).toBe(3); // improper: a product
    expect(value("3\\frac{1}{2}\\pi")).toBeCloseTo(1.5 * Math.PI, 12); // followed by a factor: a product
  });
  it("gives up on what it does not understand", () => {
    for (const latex of ["2 3", "\\sin x", "5!", "(1,2)", "x=3", "\\infty", "", "(1+2", "\\frac{1}"]) {
      expect(parseLatexExpression(latex)).toBeNull();
    }
  });
  it("tells factored from expanded forms", () => {
    expect(isFactoredForm(parseLatexExpression("3(x-2)(x+1)")!)).toBe(true);
    expect(isFactoredForm(parseLatexExpression("(x+1)^2")!)).toBe(true);
    expect(isFactoredForm(parseLatexExpression("3x^2-3x-6")!)).toBe(false);
    expect(isFactoredForm(parseLatexExpression("\\frac{x+1}{2}")!)).toBe(false);
  });
  it("spots decimal literals", () => {
    expect(hasDecimalLiteral(parseLatexExpression("1.5x")!)).toBe(true);
    expect(hasDecimalLiteral(parseLatexExpression("\\frac{3}{2}x")!)).toBe(false);
  });
});
