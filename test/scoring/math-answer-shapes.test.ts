import { describe, expect, it } from "vitest";
import { mathAnswersEqual } from "../../src/scoring/math-answers-equal.js";

// mathAnswersEqual by the shape of the gold answer (math-answers-equal.test.ts
// has one case of each shape): the edges of each shape.
describe("mathAnswersEqual: lists of solutions", () => {
  it("needs as many predicted solutions as gold ones", () => {
    expect(mathAnswersEqual("1, 2, 3", "1, 2")).toBe(false);
    expect(mathAnswersEqual("2", "1, 2")).toBe(false);
    expect(mathAnswersEqual("13", "1, 3")).toBe(false);
  });
  it("compares a list of more than 64 items as text, not item by item", () => {
    const items = Array.from({ length: 65 }, (_, i) => String(i + 1));
    expect(mathAnswersEqual([...items].reverse().join(", "), items.join(", "))).toBe(false);
    const fewer = items.slice(0, 64);
    expect(mathAnswersEqual([...fewer].reverse().join(", "), fewer.join(", "))).toBe(true);
  });
});

describe("mathAnswersEqual: an equation that states the value asked for", () => {
  it.each([
    ["k = 7", "7", true],
    ["a+b+c = 5", "5", true],
    ["a + b - c = 5", "5", true],
    ["f(2) = 5", "5", true],
    ["f(x) + g(x) = 5", "5", true],
    ["f(10) = 5", "5", true],
    ["f(x) + g(10) = 5", "5", true],
    ["abc = 7", "7", true],
    // Left sides of more than two characters: the official is_equiv keeps those.
    ["abc = \\frac{1}{2}", "0.5", true],
    ["f(1) = 3\\pi", "3\\pi", true],
    ["f(2) = 2\\sqrt{3}", "2\\sqrt{3}", true],
    ["f(3) = 2 \\cdot 3", "6", true],
    ["f(3) = 2 \\times 3", "6", true],
    ["f(3) = 2y", "6", false],
    ["2x = 10", "10", false],
    ["2x = 10", "5", false],
    ["x^2 = 5", "5", false],
    ["x = y", "5", false],
    ["k = 7 +", "7", false],
    ["k = 8", "7", false],
  ])("%j for gold %j → %s", (predicted, gold, expected) => {
    expect(mathAnswersEqual(predicted, gold)).toBe(expected);
  });
  it("compares two equations side by side", () => {
    expect(mathAnswersEqual("y = 3x", "y = -2x")).toBe(false);
    expect(mathAnswersEqual("abc = 3", "abd = 3")).toBe(false);
    expect(mathAnswersEqual("y = -2x + 0", "y = -2x")).toBe(true);
  });
});

describe("mathAnswersEqual: other shapes", () => {
  it("never accepts an empty reply, not even for an empty gold answer", () => {
    expect(mathAnswersEqual(" ", "")).toBe(false);
  });
  it("accepts what the official is_equiv accepts before tidying units away", () => {
    expect(mathAnswersEqual("3 xy", "3xy")).toBe(true); // tidied alone, "3 xy" would read as 3 with a unit
  });
  it("reads the letter of a choice written with its value", () => {
    expect(mathAnswersEqual("\\textbf{(E) }25", "E")).toBe(true);
    expect(mathAnswersEqual("(B) 12", "B")).toBe(true);
    expect(mathAnswersEqual("(B) 12", "C")).toBe(false);
  });
  it("reads a word answer at the end of a sentence", () => {
    expect(mathAnswersEqual("The function is odd.", "\\text{odd}")).toBe(true);
    expect(mathAnswersEqual("The function is even.", "\\text{odd}")).toBe(false);
  });
  it("reads a numeral in the base the gold answer names", () => {
    expect(mathAnswersEqual("4210_7", "4210_{7}")).toBe(true);
    expect(mathAnswersEqual("4211", "4210_7")).toBe(false);
    expect(mathAnswersEqual("4210_8", "4210_7")).toBe(false);
  });
  it("compares ordered pairs item by item, each item by its own shape", () => {
    expect(mathAnswersEqual("(x=1, y=2)", "(1, 2)")).toBe(true);
    expect(mathAnswersEqual("(0.5, 2)", "\\left(\\frac{1}{2}, 2\\right)")).toBe(true);
    expect(mathAnswersEqual("(1, 2)", "[1, 2)")).toBe(false);
  });
});

describe("mathAnswersEqual: a list of points (issue 17)", () => {
  it("accepts the points in any order, each point in its own order", () => {
    expect(mathAnswersEqual("(3, 4), (1, 2)", "(1, 2), (3, 4)")).toBe(true);
    expect(mathAnswersEqual("(4, 3), (1, 2)", "(1, 2), (3, 4)")).toBe(false);
    expect(mathAnswersEqual("(1, 2)", "(1, 2), (3, 4)")).toBe(false);
  });
});

describe("mathAnswersEqual: units after the answer (issue 17)", () => {
  it("drops unit words even when the answer ends with a full stop", () => {
    expect(mathAnswersEqual("12 square units.", "12")).toBe(true);
    expect(mathAnswersEqual("13 square units.", "12")).toBe(false);
  });
});
