import { describe, expect, it } from "vitest";
import {
  baseNumber,
  choiceLetter,
  equationSides,
  orderedItems,
  sentenceEndsWithWord,
  splitTopLevel,
  tidyMathAnswer,
  unorderedItems,
  wordAnswer,
} from "../../src/scoring/math-answer-forms.js";

describe("MATH answer forms", () => {
  it("tidies presentation", () => {
    expect(tidyMathAnswer("4210_{7}")).toBe("4210_7");
    expect(tidyMathAnswer("30^\\circ.")).toBe("30^\\circ");
    expect(tidyMathAnswer("12 square units")).toBe("12");
    expect(tidyMathAnswer("99\\pi square inches")).toBe("99\\pi");
    expect(tidyMathAnswer("2 \\pi r")).toBe("2 \\pi r");
    expect(tidyMathAnswer("−3")).toBe("-3");
  });
  it("reads choice letters", () => {
    expect(choiceLetter("\\text{(E)}", true)).toBe("E");
    expect(choiceLetter("\\textbf{(E) }25", false)).toBe("E");
    expect(choiceLetter("\\textbf{(E) }25", true)).toBeNull();
    expect(choiceLetter("B. 12", false)).toBe("B");
    expect(choiceLetter("Every", false)).toBeNull();
  });
  it("reads words but not two-letter products", () => {
    expect(wordAnswer("\\text{Even}")).toBe("even");
    expect(wordAnswer("xy")).toBeNull();
    expect(wordAnswer("\\text{xy}")).toBe("xy");
    expect(wordAnswer("x+1")).toBeNull();
  });
  it("finds a word answer at the end of a plain sentence", () => {
    expect(sentenceEndsWithWord("The function is even.", "even")).toBe(true);
    expect(sentenceEndsWithWord("The function is not even.", "even")).toBe(false);
    expect(sentenceEndsWithWord("It is neither even nor odd.", "odd")).toBe(false);
    expect(sentenceEndsWithWord("It isn't odd", "odd")).toBe(false);
    expect(sentenceEndsWithWord("The function is odd.", "even")).toBe(false);
    expect(sentenceEndsWithWord("uneven", "even")).toBe(false);
  });
  it("splits unordered lists and sets, not thousands", () => {
    expect(unorderedItems("7, -2, \\text{ and } -5")).toEqual(["7", "-2", "-5"]);
    expect(unorderedItems("\\{1,3\\}")).toEqual(["1", "3"]);
    expect(unorderedItems("2 and 6")).toEqual(["2", "6"]);
    expect(unorderedItems("\\text{A,C}")).toEqual(["A", "C"]);
    expect(unorderedItems("14,\\!400")).toBeNull();
    expect(unorderedItems("(1,3)")).toBeNull();
    expect(unorderedItems("5")).toBeNull();
  });
  it("splits tuples, intervals and matrices in order", () => {
    expect(orderedItems("\\left(1, 2\\right)")).toEqual({ brackets: "()", items: ["1", "2"] });
    expect(orderedItems("[1, 2)")).toEqual({ brackets: "[)", items: ["1", "2"] });
    expect(orderedItems("\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}")).toEqual({
      brackets: "matrix2x2",
      items: ["1", "2", "3", "4"],
    });
    expect(orderedItems("(1)")).toBeNull();
  });
  it("reads equations and bases", () => {
    expect(equationSides("a+b+c = 5")).toEqual(["a+b+c", "5"]);
    expect(equationSides("a=b=c")).toBeNull();
    expect(baseNumber("4210_7")).toEqual({ digits: "4210", base: "7" });
    expect(baseNumber("4210")).toBeNull();
  });
});

describe("tidyMathAnswer: what it removes and what it keeps (issue 17)", () => {
  it("removes the blanks inside a subscript's braces, whatever the base", () => {
    expect(tidyMathAnswer("4210_{ 16 }")).toBe("4210_16");
  });
  it("removes unit words with a power, however many blanks precede them", () => {
    expect(tidyMathAnswer("12 cm^2")).toBe("12");
    expect(tidyMathAnswer("12 cm^{2}")).toBe("12");
    expect(tidyMathAnswer("12  cm")).toBe("12");
    expect(tidyMathAnswer(" 12 .")).toBe("12");
  });
  it("keeps words that do not end the answer, and answers over several lines", () => {
    expect(tidyMathAnswer("12 square units of area")).toBe("12 square units of area");
    expect(tidyMathAnswer("Step 1\n12 square units")).toBe("Step 1\n12 square units");
  });
  it("only trims a text longer than 500 characters, which is prose, not an answer", () => {
    const tail = " is 12 square units.";
    const long = "x".repeat(501 - tail.length) + tail;
    expect(tidyMathAnswer(`  ${long}  `)).toBe(long);
    const longest = "x".repeat(500 - tail.length) + tail;
    expect(tidyMathAnswer(longest)).toBe(longest.slice(0, -" square units.".length));
  });
  it("removes the unit words of an answer ending with a full stop", () => {
    expect(tidyMathAnswer("12 square units.")).toBe("12");
  });
});

describe("choiceLetter and wordAnswer: text and math wrappers (issue 17)", () => {
  it("unwraps text commands written with a blank or blanks inside, and math delimiters", () => {
    expect(choiceLetter("\\text {(E)}", true)).toBe("E");
    expect(choiceLetter("\\text{ (E) }", true)).toBe("E");
    expect(choiceLetter("$(E)$", true)).toBe("E");
    expect(wordAnswer("$\\text{even}$")).toBe("even");
  });
  it("reads a letter only at the start of the answer", () => {
    expect(choiceLetter("2D", false)).toBeNull();
    expect(choiceLetter("2D", true)).toBeNull();
    expect(choiceLetter("f(A) = 2", false)).toBeNull();
    expect(choiceLetter("(C)12", false)).toBeNull();
  });
  it("reads a letter followed by a full stop", () => {
    expect(choiceLetter("B.", false)).toBe("B");
    expect(choiceLetter("B)", false)).toBe("B");
  });
  it("collapses blanks inside a word answer", () => {
    expect(wordAnswer("\\text{no  solution}")).toBe("no solution");
  });
  it("reads no word in an answer with digits or symbols around letters", () => {
    expect(wordAnswer("3 apples")).toBeNull();
    expect(wordAnswer("odd 3")).toBeNull();
    expect(wordAnswer("xy^2")).toBeNull();
  });
});

describe("sentenceEndsWithWord: the sentence's last word (issue 17)", () => {
  it("ignores a blank before the full stop", () => {
    expect(sentenceEndsWithWord("The function is even .", "even")).toBe(true);
    expect(sentenceEndsWithWord("The function is even!", "even")).toBe(true);
  });
  it("ends the sentence at its last full stop only", () => {
    expect(sentenceEndsWithWord("Since f(-x) = f(x). It is even.", "even")).toBe(true);
  });
  it("does not take the word alone for a sentence", () => {
    expect(sentenceEndsWithWord("even", "even")).toBe(false);
    expect(sentenceEndsWithWord("Even.", "even")).toBe(false);
  });
});

describe("splitTopLevel (issue 17)", () => {
  it("keeps commas inside parentheses, brackets and braces", () => {
    expect(splitTopLevel("(1, 2), [3, 4], \\{5, 6\\}, 7")).toEqual(["(1, 2)", "[3, 4]", "\\{5, 6\\}", "7"]);
    expect(splitTopLevel("\\frac{1,2}{3}, (4, 5], 6")).toEqual(["\\frac{1,2}{3}", "(4, 5]", "6"]);
  });
  it("splits after every closed group", () => {
    expect(splitTopLevel("(1), 2")).toEqual(["(1)", "2"]);
    expect(splitTopLevel("[1], 2")).toEqual(["[1]", "2"]);
    expect(splitTopLevel("{1}, 2")).toEqual(["{1}", "2"]);
  });
});

describe("unorderedItems (issue 17)", () => {
  it("reads a set written with \\left and \\right and blanks", () => {
    expect(unorderedItems("\\left\\{1, 3\\right\\}")).toEqual(["1", "3"]);
    expect(unorderedItems("\\{ 1, 3 \\}")).toEqual(["1", "3"]);
    expect(unorderedItems("\\{5\\}")).toEqual(["5"]);
  });
  it("reads 'and' or 'or' between solutions, in text or not", () => {
    expect(unorderedItems("1 \\text{ or } 3")).toEqual(["1", "3"]);
    expect(unorderedItems("1 \\text{or} 3")).toEqual(["1", "3"]);
    expect(unorderedItems("1 \\text{  or  } 3")).toEqual(["1", "3"]);
    expect(unorderedItems("1 \\text {or} 3")).toEqual(["1", "3"]);
    expect(unorderedItems("1 or 3")).toBeNull();
    expect(unorderedItems("1\\text{ and }3")).toEqual(["1", "3"]);
    expect(unorderedItems("x = 1, x = 2 or x = 3")).toEqual(["x = 1", "x = 2", "x = 3"]);
  });
  it("reads a list of tuples as a list, a lone tuple or interval as none", () => {
    expect(unorderedItems("(1, 2), (3, 4)")).toEqual(["(1, 2)", "(3, 4)"]);
    expect(unorderedItems("[1, 2]")).toBeNull();
  });
  it("needs two items, or a set", () => {
    expect(unorderedItems("5,")).toBeNull();
    expect(unorderedItems("\\{\\}")).toBeNull();
  });
});

describe("orderedItems (issue 17)", () => {
  it("reads \\left ( with a blank", () => {
    expect(orderedItems("\\left (1, 2\\right )")).toEqual({ brackets: "()", items: ["1", "2"] });
  });
  it("reads a plain matrix environment", () => {
    expect(orderedItems("\\begin{matrix} 1 & 2 \\end{matrix}")).toEqual({ brackets: "matrix1x2", items: ["1", "2"] });
    expect(orderedItems("\\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix}")).toEqual({ brackets: "matrix2x1", items: ["1", "2"] });
  });
  it("does not read a matrix with something before or after it", () => {
    expect(orderedItems("2\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}")).toBeNull();
    expect(orderedItems("\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}^T")).toBeNull();
  });
  it("needs both brackets and no empty item", () => {
    expect(orderedItems("10, 20)")).toBeNull();
    expect(orderedItems("(1, 20")).toBeNull();
    expect(orderedItems("(1, )")).toBeNull();
    expect(orderedItems("(, 2)")).toBeNull();
    expect(orderedItems("")).toBeNull();
    expect(orderedItems("()")).toBeNull();
  });
});

describe("baseNumber (issue 17)", () => {
  it("reads a whole numeral with a base of several digits", () => {
    expect(baseNumber("FF_16")).toEqual({ digits: "FF", base: "16" });
  });
  it("reads no numeral inside a sum", () => {
    expect(baseNumber("11_2 + 1_2")).toBeNull();
    expect(baseNumber("1 + 11_2")).toBeNull();
  });
});
