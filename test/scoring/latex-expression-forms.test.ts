import { describe, expect, it } from "vitest";
import { hasDecimalLiteral, isFactoredForm, parseLatexExpression, type LatexNode } from "../../src/scoring/latex-expression.js";
import { floatValueOf } from "../../src/scoring/latex-value.js";

function value(latex: string): number | null {
  const tree = parseLatexExpression(latex);
  return tree && floatValueOf(tree);
}

const num = (literal: string): LatexNode => ({ kind: "number", literal });
const sym = (name: string): LatexNode => ({ kind: "symbol", name });
const neg = (node: LatexNode): LatexNode => ({ kind: "sum", terms: [{ negative: true, node }] });

describe("parseLatexExpression: the LaTeX spellings models use", () => {
  it("reads every multiplication and fraction command", () => {
    expect(value("3\\times 4")).toBe(12);
    expect(value("3\\ast 4")).toBe(12);
    expect(value("\\tfrac{3}{4}")).toBe(0.75);
    expect(value("\\cfrac{1}{4}")).toBe(0.25);
  });
  it("ignores sizing commands around brackets", () => {
    expect(value("\\left(1+2\\right)\\cdot 3")).toBe(9);
    expect(value("\\displaystyle\\frac{1}{2}")).toBe(0.5);
    expect(value("\\big(2\\big)\\Big(3\\Big)")).toBe(6);
  });
  it("reads square brackets as parentheses", () => {
    expect(value("[1+2]\\cdot 2")).toBe(6);
    expect(parseLatexExpression("[x]")).toEqual({ kind: "group", inner: sym("x") });
  });
  it("reads Unicode π, spacing macros and surrounding newlines", () => {
    expect(value("2π")).toBeCloseTo(2 * Math.PI, 12);
    expect(value("2\\,x")).toBeNull(); // a variable, but parsed
    expect(parseLatexExpression("2\\,x")).toEqual({ kind: "product", factors: [{ divide: false, node: num("2") }, { divide: false, node: sym("x") }] });
    // A spacing macro separates digits like a space: "1\,5" is not 15.
    expect(parseLatexExpression("1\\,5")).toBeNull();
    expect(value("\t3\n")).toBe(3);
    expect(parseLatexExpression("\\,")).toBeNull();
  });
  it("reads numbers written with a leading decimal point", () => {
    expect(value(".25")).toBe(0.25);
    expect(parseLatexExpression(".5")).toEqual(num("0.5"));
    expect(parseLatexExpression("2.5")).toEqual(num("2.5"));
  });
});

describe("parseLatexExpression: signs", () => {
  it("puts a leading minus on the first term of the sum", () => {
    expect(parseLatexExpression("-x+1")).toEqual({
      kind: "sum",
      terms: [
        { negative: true, node: sym("x") },
        { negative: false, node: num("1") },
      ],
    });
    expect(parseLatexExpression("x-1")).toEqual({
      kind: "sum",
      terms: [
        { negative: false, node: sym("x") },
        { negative: true, node: num("1") },
      ],
    });
    expect(parseLatexExpression("+x")).toEqual(sym("x"));
  });
  it("reads a signed factor after × and ÷", () => {
    expect(value("2*-3")).toBe(-6);
    expect(value("6/-3")).toBe(-2);
    expect(value("2\\times +3")).toBe(6);
    expect(parseLatexExpression("2*-3")).toEqual({ kind: "product", factors: [{ divide: false, node: num("2") }, { divide: false, node: neg(num("3")) }] });
  });
  it("reads a negative exponent or fraction argument", () => {
    expect(value("2^-1")).toBe(0.5);
    expect(value("\\frac-12")).toBe(-0.5);
    expect(parseLatexExpression("x^-2")).toEqual({ kind: "power", base: sym("x"), exponent: neg(num("2")) });
  });
});

describe("parseLatexExpression: mixed numbers and roots", () => {
  it("reads a proper fraction after a whole number as a mixed number", () => {
    expect(value("6\\frac25")).toBeCloseTo(6.4, 12);
    expect(value("2\\frac{2}{2}")).toBe(2); // not proper: a product
    expect(value("1.5\\frac12")).toBe(0.75); // a decimal is no whole part
    expect(value("2\\frac{0.5}{3}")).toBeCloseTo(1 / 3, 12);
    expect(value("2\\frac{1}{2.5}")).toBeCloseTo(0.8, 12);
  });
  it("keeps a mixed number whole before × and ÷", () => {
    expect(value("6\\frac15\\cdot 2")).toBeCloseTo(12.4, 12);
    expect(value("6\\frac15 \\div 2")).toBeCloseTo(3.1, 12);
  });
  it("gives up on an unclosed root index", () => {
    expect(parseLatexExpression("\\sqrt[3)8")).toBeNull();
    expect(parseLatexExpression("\\sqrt[3}{8}")).toBeNull();
    expect(value("\\sqrt[3]8")).toBeCloseTo(2, 12);
  });
});

describe("isFactoredForm and hasDecimalLiteral", () => {
  const tree = (latex: string): LatexNode => parseLatexExpression(latex)!;
  it("needs a bracketed sum for a factored form", () => {
    expect(isFactoredForm(tree("2(x)"))).toBe(false);
    expect(isFactoredForm(tree("(2x)^2"))).toBe(false);
    expect(isFactoredForm(tree("((x+1)(x+2))"))).toBe(true);
    expect(isFactoredForm(tree("-(x+1)(x+2)"))).toBe(true);
  });
  it("finds a decimal anywhere in the tree", () => {
    expect(hasDecimalLiteral(tree("0.5+x"))).toBe(true);
    expect(hasDecimalLiteral(tree("x+0.5"))).toBe(true);
    expect(hasDecimalLiteral(tree("x^{0.5}"))).toBe(true);
    expect(hasDecimalLiteral(tree("0.5^x"))).toBe(true);
    expect(hasDecimalLiteral(tree("x^2"))).toBe(false);
    expect(hasDecimalLiteral(tree("\\sqrt{0.5}"))).toBe(true);
    expect(hasDecimalLiteral(tree("\\sqrt[0.5]{x}"))).toBe(true);
    expect(hasDecimalLiteral(tree("\\sqrt[3]{x}"))).toBe(false);
    expect(hasDecimalLiteral(tree("\\sqrt{x}"))).toBe(false);
    expect(hasDecimalLiteral(tree("(0.5)"))).toBe(true);
    expect(hasDecimalLiteral(tree("(5)"))).toBe(false);
  });
});

describe("parseLatexExpression: hostile nesting", () => {
  it("gives up, rather than throwing, on nesting deeper than the call stack", () => {
    const depth = 100_000;
    expect(parseLatexExpression(`${"(".repeat(depth)}1${")".repeat(depth)}`)).toBeNull();
    expect(parseLatexExpression(`2*${"-".repeat(depth)}1`)).toBeNull();
    expect(parseLatexExpression(`${"{".repeat(depth)}1${"}".repeat(depth)}`)).toBeNull();
  });
});
