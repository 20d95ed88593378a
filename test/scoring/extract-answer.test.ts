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

describe("extractBoxed: how the box's argument is read (issue 17)", () => {
  it("reads the last box whichever command it uses", () => {
    expect(extractBoxed("\\fbox{1} then \\boxed{2}")).toBe("2");
    expect(extractBoxed("\\boxed{2} then \\fbox{1}")).toBe("1");
  });
  it("lets blanks and a line break separate the command from its argument, as TeX does", () => {
    expect(extractBoxed("so \\boxed\n{12}")).toBe("12");
    expect(extractBoxed("so \\boxed\t5")).toBe("5");
    expect(extractBoxed("so \\boxed  $5$")).toBe("5");
  });
  it("ends a brace-less argument at a blank or a dollar sign", () => {
    expect(extractBoxed("\\boxed 12 apples")).toBe("12");
    expect(extractBoxed("$\\boxed 12$")).toBe("12");
    expect(extractBoxed("the end: \\boxed")).toBeNull();
    expect(extractBoxed("the end: \\boxed ")).toBeNull();
  });
  it("trims spaces inside inline math", () => {
    expect(extractBoxed("\\boxed $ 5 $")).toBe("5");
  });
});

describe("extractFinalAnswer: box or marker, whichever comes last (issue 17)", () => {
  it("takes a FINAL ANSWER written right after the box's closing brace", () => {
    expect(extractFinalAnswer("\\boxed{7}FINAL ANSWER: 9")).toBe("9");
  });
  it("reads a box inside the FINAL ANSWER line, however long its brace-less argument", () => {
    expect(extractFinalAnswer("FINAL ANSWER: \\boxed 3.14159265358979323846")).toBe("3.14159265358979323846");
  });
  it("never returns the box's closing delimiter when a marker is written inside the box", () => {
    expect(extractFinalAnswer("\\boxed{Final answer: 5}")).not.toContain("}");
    expect(extractFinalAnswer("\\boxed $Final answer: 5$")).not.toContain("$");
  });
});

describe("extractFinalAnswer: the FINAL ANSWER marker's spellings (issue 17)", () => {
  it.each([
    ["FinalAnswer: 12", "12"],
    ["Final  Answer: 12", "12"],
    ["Final Answer **: 12", "12"],
    ["**Final Answer** : 12", "12"],
    ["###Final Answer\n12", "12"],
    ["### FinalAnswer\n12", "12"],
    ["work\n####12", "12"],
    ["work\n####  12", "12"],
  ])("%j → %j", (reply, answer) => {
    expect(extractFinalAnswer(reply)).toBe(answer);
  });
  it("does not take a sentence ending in 'final answer' for a heading", () => {
    expect(extractFinalAnswer("I have not reached the final answer\nFirst, 7 + 5 = 12.\nThe answer is 12.")).toBe("12");
  });
  it("does not take a word that ends in 'final answer' for the heading", () => {
    expect(extractFinalAnswer("Semi-final answer\n44\nThe answer is 45.")).toBe("45");
  });
  it("does not take a level-5 heading that starts with a number for GSM8K's ####", () => {
    expect(extractFinalAnswer("##### 1. Add\n3 + 4 = 7\nThe answer is 7.")).toBe("7");
  });
  it("skips blank lines, blanks-only ones too, after a marker ending its line", () => {
    expect(extractFinalAnswer("FINAL ANSWER:\n \t \n7")).toBe("7");
  });
  it("gives an empty answer, not the whole reply, for a marker with nothing after it", () => {
    expect(extractFinalAnswer("3 + 4 = 7\nFINAL ANSWER:")).toBe("");
  });
  it("removes bold around the answer line, not a ** inside it", () => {
    expect(extractFinalAnswer("**FINAL ANSWER: 12**")).toBe("12");
    expect(extractFinalAnswer("FINAL ANSWER: 2**10")).toBe("2**10");
  });
});

describe("extractFinalAnswer: answers stated in prose (issue 17)", () => {
  it.each([
    ["The answer  is 45.", "45"],
    ["The answer is: 45", "45"],
    ["The answer is : 45", "45"],
    ["Answer : 45", "45"],
    ["Work.\nAnswer:45", "45"],
    ["The answer is\n45", "45"],
  ])("%j → %j", (reply, answer) => {
    expect(extractFinalAnswer(reply)).toBe(answer);
  });
  it("takes only a line that starts with 'Answer:' for that marker", () => {
    expect(extractFinalAnswer("The answer is 45.\nTo double-check the answer: 9 * 5 = 45")).toBe("45");
  });
  it("does not take a word that ends in 'answer:' for that marker", () => {
    expect(extractFinalAnswer("The answer is 45.\nWrong-answer: 44")).toBe("45");
  });
  it("keeps the whole reply when the prose marker is followed by nothing", () => {
    expect(extractFinalAnswer("I don't know what the answer is.")).toBe("I don't know what the answer is.");
  });
});

describe("extractFinalAnswer: wrappers around the answer (issue 17)", () => {
  it("removes inline and display math delimiters, and the blanks inside them", () => {
    expect(extractFinalAnswer("FINAL ANSWER: $ 5 $")).toBe("5");
    expect(extractFinalAnswer("FINAL ANSWER: $$12$$")).toBe("12");
    expect(extractFinalAnswer("FINAL ANSWER: \\( 5 \\)")).toBe("5");
    expect(extractFinalAnswer("FINAL ANSWER: \\[ 5 \\]")).toBe("5");
    expect(extractFinalAnswer("FINAL ANSWER: $$")).toBe("");
  });
  it("keeps delimiters that do not wrap the whole answer", () => {
    expect(extractFinalAnswer("FINAL ANSWER: x = $5$")).toBe("x = $5$");
    expect(extractFinalAnswer("FINAL ANSWER: $5$ cm")).toBe("$5$ cm");
    expect(extractFinalAnswer("FINAL ANSWER: 5$")).toBe("5$");
    expect(extractFinalAnswer("FINAL ANSWER: x = \\(5\\)")).toBe("x = \\(5\\)");
    expect(extractFinalAnswer("FINAL ANSWER: \\(5\\) cm")).toBe("\\(5\\) cm");
    expect(extractFinalAnswer("FINAL ANSWER: y = \\[5\\]")).toBe("y = \\[5\\]");
    expect(extractFinalAnswer("FINAL ANSWER: \\[5\\] cm")).toBe("\\[5\\] cm");
  });
  it("keeps the dollar signs of several math spans paired", () => {
    expect(extractFinalAnswer("FINAL ANSWER: $1$, $3$")).toBe("$1$, $3$");
  });
  it("removes emphasis on both sides only, and the blanks inside it", () => {
    expect(extractFinalAnswer("12 apples*")).toBe("12 apples*");
    expect(extractFinalAnswer("*12 apples")).toBe("*12 apples");
    expect(extractFinalAnswer("* 12 *")).toBe("12");
    expect(extractFinalAnswer("__ 12 __")).toBe("12");
  });
  it("keeps a lone asterisk or two as the answer", () => {
    expect(extractFinalAnswer("*")).toBe("*");
    expect(extractFinalAnswer("**")).toBe("**");
    expect(extractFinalAnswer("***")).toBe("*");
  });
  it("removes wrappers nested in any order", () => {
    expect(extractFinalAnswer("*$12$*")).toBe("12");
    expect(extractFinalAnswer("$\\(12\\)$")).toBe("12");
  });
});
