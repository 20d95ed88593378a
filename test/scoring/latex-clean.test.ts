import { describe, expect, it } from "vitest";
import { cleanLatex, matchingBrace } from "../../src/scoring/latex-clean.js";

// cleanLatex feeds every MATH / TabMWP comparison: what it removes must be
// presentation only, and what it keeps must still be the answer.
describe("cleanLatex", () => {
  it.each([
    // Thousands separators: thin spaces, `{,}`, `,\!`, and plain commas of a whole number.
    ["10\\,000", "10000"],
    ["10\\;000", "10000"],
    ["10\\:000", "10000"],
    ["10\\!000", "10000"],
    ["10\u2009000", "10000"],
    ["10\u202f000", "10000"],
    ["1{,}008{,}016", "1008016"],
    ["14,\\!400", "14400"],
    ["1,234,567", "1234567"],
    ["-1,234.5", "-1234.5"],
    // Units and text.
    ["5\\text{ cm}", "5"],
    ["5 \\text {cm}", "5"],
    ["5\\mbox{ cm}", "5"],
    ["144 \\mbox{ m}^3", "144"],
    ["144 \\mbox{ m}^{3}", "144"],
    ["3\\textrm{ kg} + 2\\textrm{ kg}", "3 + 2"],
    ["7\\textbf{ dogs}", "7"],
    ["7\\mathrm{ dogs}", "7"],
    ["7\\textnormal{ dogs}", "7"],
    // Delimiters, spacing, degrees, percent, dollars, a trailing period.
    ["\\left( 1, 2 \\right)", "( 1, 2 )"],
    ["\\displaystyle 5", "5"],
    ["a\\,b", "a b"],
    ["a\\ b", "a b"],
    ["\\dfrac{1}{2}", "\\frac{1}{2}"],
    ["\\tfrac{1}{2}", "\\frac{1}{2}"],
    ["45^\\circ", "45"],
    ["45^{\\circ}", "45"],
    ["45 ^ { \\circ }", "45"],
    ["45\\circ", "45"],
    ["45°", "45"],
    ["50\\%", "50"],
    ["50%", "50"],
    ["\\$5", "5"],
    ["$5$", "5"],
    ["  12.  ", "12"],
    ["x .", "x"],
  ])("%j → %j", (input, cleaned) => {
    expect(cleanLatex(input)).toBe(cleaned);
  });

  it("keeps what is not a thousands separator", () => {
    expect(cleanLatex("1\\,0000")).toBe("1 0000"); // four digits after a thin space: not a group
    expect(cleanLatex("1,23")).toBe("1,23"); // a list or a decimal comma, not thousands
    expect(cleanLatex("1,2345")).toBe("1,2345");
    expect(cleanLatex("(1,234)")).toBe("(1,234)"); // a tuple keeps its comma
    expect(cleanLatex("12.5")).toBe("12.5"); // only a trailing period goes
  });

  it("keeps text it cannot read as a unit group", () => {
    expect(cleanLatex("5\\text{cm")).toBe("5\\text{cm"); // unbalanced
    expect(cleanLatex("\\textstyle{5}")).toBe("\\textstyle{5}"); // another command
    expect(cleanLatex("144 \\mbox{ m}^{3")).toBe("144 \\mbox{ m}^{3"); // unbalanced exponent
  });

  it("turns a repeating decimal into the exact fraction", () => {
    expect(cleanLatex("0.\\overline{3}")).toBe("\\frac{3}{9}");
    expect(cleanLatex("0.1\\overline{6}")).toBe("\\frac{15}{90}");
    expect(cleanLatex("1.\\overline{27}")).toBe("\\frac{126}{99}");
    expect(cleanLatex(".\\overline {3}")).toBe("\\frac{3}{9}");
    expect(cleanLatex("2.25\\overline{0}")).toBe("\\frac{2025}{900}");
  });
});

describe("matchingBrace", () => {
  it("finds the brace closing the one at the given index, skipping nested pairs", () => {
    expect(matchingBrace("{a{b}c}", 0)).toBe(6);
    expect(matchingBrace("{a{b}c}", 2)).toBe(4);
    expect(matchingBrace("x{}", 1)).toBe(2);
    expect(matchingBrace("{a{b}", 0)).toBe(-1);
  });
});
