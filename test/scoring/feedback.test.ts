import { describe, expect, it } from "vitest";
import { feedbackFor } from "../../src/scoring/index.js";

describe("feedbackFor", () => {
  it("names the expected and the given answer", () => {
    expect(feedbackFor("5", "6")).toBe("expected 5, got 6");
  });

  it("says 'no answer' for an empty or blank reply", () => {
    expect(feedbackFor("5", "")).toBe("expected 5, got no answer");
    expect(feedbackFor("5", " \n\t ")).toBe("expected 5, got no answer");
  });

  it("quotes both answers on one line, blanks collapsed", () => {
    expect(feedbackFor(" 1\n\n2 ", "  New \n\t  York  ")).toBe("expected 1 2, got New York");
  });

  it("quotes at most 80 characters of each answer", () => {
    const eighty = "x".repeat(80);
    expect(feedbackFor("5", eighty)).toBe(`expected 5, got ${eighty}`);
    expect(feedbackFor("5", `${eighty}yz`)).toBe(`expected 5, got ${eighty}…`);
    expect(feedbackFor(`${eighty}!`, "5")).toBe(`expected ${eighty}…, got 5`);
    // The limit applies to the one-line form: collapsed blanks do not count.
    expect(feedbackFor("5", `a${" ".repeat(200)}b`)).toBe("expected 5, got a b");
  });
});
