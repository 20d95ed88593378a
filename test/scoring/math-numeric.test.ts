import { describe, expect, it } from "vitest";
import { latexToMathjs, numbersClose, numericallyEquivalent } from "../../src/scoring/math-numeric.js";

// Spacing in the mathjs text is not part of the contract; the tokens are.
const mathjs = (latex: string): string | null => latexToMathjs(latex)?.replace(/\s+/g, "") ?? null;

describe("latexToMathjs", () => {
  it("rewrites fractions, roots and operators into mathjs syntax", () => {
    expect(mathjs("2\\sqrt{2}+\\frac{1}{2}")).toBe("2sqrt((2))+((1)/(2))");
    expect(mathjs("\\sqrt[3]{8}")).toBe("nthRoot((8),(3))");
    expect(mathjs("3\\pi")).toBe("3pi");
    expect(mathjs("2\\cdot3\\times4\\div5")).toBe("2*3*4/5");
    expect(mathjs("x^{2}")).toBe("x^(2)");
  });
  it("reads unbraced and spaced macro arguments", () => {
    expect(mathjs("\\frac12")).toBe("((1)/(2))");
    expect(mathjs("\\frac {1} {2}")).toBe("((1)/(2))");
    expect(mathjs("\\sqrt {9}")).toBe("sqrt((9))");
    expect(mathjs("\\frac{\\sqrt{3}}{\\frac{1}{2}}")).toBe("((sqrt((3)))/(((1)/(2))))");
    expect(mathjs("\\sqrt[\\frac{1}{2}]{4}+1")).toBe("nthRoot((4),(((1)/(2))))+1");
  });
  it("keeps the text after a macro in order", () => {
    expect(mathjs("\\frac{1}{2}+\\sqrt{3}-4")).toBe("((1)/(2))+sqrt((3))-4");
    expect(mathjs("\\frac{10}{20}3")).toBe("((10)/(20))3");
  });
  it("gives up on macros without numeric meaning and on broken arguments", () => {
    for (const latex of [
      "\\alpha",
      "\\",
      "\\frac{1}",
      "\\frac{1}{2",
      "\\frac{\\alpha}{1}",
      "\\frac{1}{\\alpha}",
      "\\sqrt",
      "\\sqrt{2",
      "\\sqrt[3{8}",
      "\\sqrt[\\beta]{8}",
      "\\sqrt{\\gamma}",
      "1+\\infty",
    ]) {
      expect(latexToMathjs(latex), latex).toBeNull();
    }
  });
});

describe("numbersClose", () => {
  it("scales the tolerance by the larger magnitude", () => {
    expect(numbersClose(100, 100.5, 0.01)).toBe(true);
    expect(numbersClose(100, 102, 0.01)).toBe(false);
    expect(numbersClose(100, 101.005, 0.01)).toBe(true);
    expect(numbersClose(101.005, 100, 0.01)).toBe(true);
    expect(numbersClose(Math.sqrt(8), 2 * Math.SQRT2)).toBe(true);
    expect(numbersClose(1, 1.00001)).toBe(false);
    expect(numbersClose(0, 0)).toBe(true);
  });
});

describe("numericallyEquivalent", () => {
  it("compares tuples item by item only under the same brackets", () => {
    expect(numericallyEquivalent("(0.5, 2)", "[0.5, 2]")).toBe(false);
    expect(numericallyEquivalent("[0.5, 2]", "[\\frac{1}{2}, 2]")).toBe(true);
    expect(numericallyEquivalent("(1, 2, 3)", "(1, 2)")).toBe(false);
  });
  it("uses the item check it is given", () => {
    const seen: Array<[string, string]> = [];
    const equal = numericallyEquivalent("(a, b)", "(c, d)", (x, y) => {
      seen.push([x, y]);
      return true;
    });
    expect(equal).toBe(true);
    expect(seen).toEqual([
      ["a", "c"],
      ["b", "d"],
    ]);
  });
});
