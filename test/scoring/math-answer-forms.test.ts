import { describe, expect, it } from "vitest";
import {
  baseNumber,
  choiceLetter,
  equationSides,
  orderedItems,
  sentenceEndsWithWord,
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
