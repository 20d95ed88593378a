import { describe, expect, it } from "vitest";
import { mathAnswersEqual } from "../../src/scoring/math-answers-equal.js";

describe("mathAnswersEqual", () => {
  it("accepts whatever the official is_equiv accepts", () => {
    expect(mathAnswersEqual("\\dfrac{1}{2}", "0.5")).toBe(true);
    expect(mathAnswersEqual("x = 3", "3")).toBe(true);
  });
  it("compares by the gold answer's shape", () => {
    expect(mathAnswersEqual("3, 1", "1,3")).toBe(true); // unordered list
    expect(mathAnswersEqual("(3, 1)", "(1,3)")).toBe(false); // ordered pair
    expect(mathAnswersEqual("(C)", "\\text{C}")).toBe(true); // choice letter
    expect(mathAnswersEqual("Odd", "\\text{odd}")).toBe(true); // word
    expect(mathAnswersEqual("4210", "4210_7")).toBe(true); // base-n numeral
    expect(mathAnswersEqual("y=-2x", "y = -2x")).toBe(true); // equation, side by side
    expect(mathAnswersEqual("3.14159", "\\pi")).toBe(false); // single value, exactly
  });
  it("matches each gold item with a different predicted item", () => {
    expect(mathAnswersEqual("1, 1", "1, 2")).toBe(false);
    expect(mathAnswersEqual("2, 1, 1", "1, 2, 1")).toBe(true);
  });
  it("rejects empty and hedged answers", () => {
    expect(mathAnswersEqual(" ", "0")).toBe(false);
    expect(mathAnswersEqual("3 or 4", "3")).toBe(false);
  });
});
