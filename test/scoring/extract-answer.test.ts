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

describe("extractBoxed edge cases (issue 17)", () => {
  it("reads a box whose argument follows without a space or brace", () => {
    expect(extractBoxed("so \\boxed5")).toBe("5");
    expect(extractBoxed("so \\boxedanswer")).toBeNull();
  });
  it("keeps an escaped brace as content", () => {
    expect(extractBoxed("\\boxed{\\{}")).toBe("\\{");
    expect(extractBoxed("\\boxed{\\}}")).toBe("\\}");
  });
  it("trims spaces inside the braces", () => {
    expect(extractBoxed("\\boxed{ 5 }")).toBe("5");
  });
  it("reads inline math after the command", () => {
    expect(extractBoxed("\\boxed $5$")).toBe("5");
    expect(extractBoxed("\\boxed $\\frac{1}{2}$ done")).toBe("\\frac{1}{2}");
    expect(extractBoxed("\\boxed $5")).toBeNull();
  });
  it("skips a later incomplete box for an earlier complete one", () => {
    expect(extractBoxed("\\boxed{3} then \\boxed{")).toBe("3");
  });
});

describe("extractFinalAnswer edge cases (issue 17)", () => {
  it("accepts a full-width colon", () => {
    expect(extractFinalAnswer("FINAL ANSWER：12")).toBe("12");
  });
  it("strips bold around the answer", () => {
    expect(extractFinalAnswer("FINAL ANSWER: **12**")).toBe("12");
    expect(extractFinalAnswer("**Valentina**")).toBe("Valentina");
  });
  it("leaves a lone dollar sign alone", () => {
    expect(extractFinalAnswer("$")).toBe("$");
    expect(extractFinalAnswer("FINAL ANSWER: $")).toBe("$");
    expect(extractFinalAnswer("FINAL ANSWER: $5")).toBe("$5");
  });
});

describe("extractFinalAnswer: the final statement wins (issue 11)", () => {
  it("takes a FINAL ANSWER line that follows a box", () => {
    expect(extractFinalAnswer("First \\boxed{7}.\nFINAL ANSWER: 9")).toBe("9");
  });
  it("takes a box that follows a FINAL ANSWER line, or sits inside it", () => {
    expect(extractFinalAnswer("FINAL ANSWER: 4\nno wait: \\boxed{5}")).toBe("5");
    expect(extractFinalAnswer("FINAL ANSWER: \\boxed{5}")).toBe("5");
  });
  it("reads GSM8K's #### line", () => {
    expect(extractFinalAnswer("3 + 4 = 7\n#### 7\n")).toBe("7");
  });
  it("reads an answer stated in prose", () => {
    expect(extractFinalAnswer("Adding them, the answer is 45. Hope that helps!")).toBe("45");
    expect(extractFinalAnswer("So the answer is $\\frac{1}{2}$.")).toBe("\\frac{1}{2}");
    expect(extractFinalAnswer("Work.\nAnswer: 3.5")).toBe("3.5");
  });
  it("keeps the whole text when nothing marks the answer", () => {
    expect(extractFinalAnswer("It is 45")).toBe("It is 45");
  });
});

describe("extractFinalAnswer and markdown headings", () => {
  it("reads the line after a Final Answer heading", () => {
    expect(extractFinalAnswer("## Work\n3 + 4 = 7\n### Final Answer\n7")).toBe("7");
    expect(extractFinalAnswer("**Final Answer**\n\n$\\frac12$")).toBe("\\frac12");
  });
  it("does not take a #### heading for GSM8K's answer marker", () => {
    expect(extractFinalAnswer("#### Step 1\n3 + 4 = 7\nThe answer is 7.")).toBe("7");
    expect(extractFinalAnswer("work\n#### -12")).toBe("-12");
  });
  it("does not take a sentence about the final answer for a marker", () => {
    expect(extractFinalAnswer("Let me find the final answer.\nIt is 5")).toBe("Let me find the final answer.\nIt is 5");
  });
});
