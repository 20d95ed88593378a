import { describe, it, expect } from "vitest";
import { extractBoxed, extractFinalAnswer } from "../../src/scoring/index.js";

describe("extractBoxed", () => {
  it("returns the last box with nested braces intact", () => {
    expect(extractBoxed("first \\boxed{1} then \\boxed{\\frac{\\sqrt{2}}{2}} done")).toBe("\\frac{\\sqrt{2}}{2}");
  });
  it("handles \\fbox and the brace-less form", () => {
    expect(extractBoxed("\\fbox{7}")).toBe("7");
    expect(extractBoxed("so \\boxed 5.")).toBe("5.");
    expect(extractBoxed("so \\boxed {12}")).toBe("12");
  });
  it("returns null for a missing or unbalanced box", () => {
    expect(extractBoxed("no box here")).toBeNull();
    expect(extractBoxed("\\boxed{\\frac{1}{2}")).toBeNull();
  });
  it("ignores escaped braces when balancing", () => {
    expect(extractBoxed("\\boxed{\\{1,2\\}}")).toBe("\\{1,2\\}");
  });
});

describe("extractFinalAnswer", () => {
  it("prefers a box over a FINAL ANSWER line", () => {
    expect(extractFinalAnswer("FINAL ANSWER: 3\n\\boxed{4}")).toBe("4");
  });
  it("reads the last FINAL ANSWER line, case-insensitively, without math delimiters", () => {
    expect(extractFinalAnswer("Final answer: 1\nmore work\nFINAL ANSWER: $\\frac{3}{4}$\nthanks")).toBe("\\frac{3}{4}");
  });
  it("tolerates markdown emphasis and an answer on the next line", () => {
    expect(extractFinalAnswer("**Final Answer:** 12")).toBe("12");
    expect(extractFinalAnswer("FINAL ANSWER:\n\n  7.5\nbye")).toBe("7.5");
    expect(extractFinalAnswer("final_answer: yes")).toBe("yes");
  });
  it("falls back to the trimmed text", () => {
    expect(extractFinalAnswer("  \\(42\\)  ")).toBe("42");
  });
});
