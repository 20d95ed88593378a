import { describe, expect, it } from "vitest";
import { cleanLatex } from "../../src/scoring/latex-clean.js";

// What cleanLatex does to numbers (latex-clean.test.ts has the forms it
// removes): separators go only where they separate thousands of one number.
describe("cleanLatex and the digits of a number", () => {
  it.each([
    ["10000", "10000"],
    ["1234.5", "1234.5"],
    ["1,234.56", "1234.56"],
    ["x = 1,234", "x = 1,234"], // not a whole number: its comma is left to the parser
    ["1,234, 5", "1,234, 5"], // a list keeps its commas
    ["\\text{about }5", "5"],
    ["1{,}5", "1,5"], // a braced decimal comma is still a comma, not a separator to drop
    ["45^ \\circ", "45"],
    ["^2\\text{cm", "^2\\text{cm"], // unbalanced after an exponent: kept as written
  ])("%j → %j", (input, cleaned) => {
    expect(cleanLatex(input)).toBe(cleaned);
  });

  it("turns a repeating decimal with several whole digits into the exact fraction", () => {
    expect(cleanLatex("12.\\overline{3}")).toBe("\\frac{111}{9}");
    expect(cleanLatex("12.34\\overline{5}")).toBe("\\frac{11111}{900}");
  });
});
