import { describe, expect, it, vi } from "vitest";

// `import("toolforge")` must stay fast: the scorers do exact arithmetic
// themselves and never load mathjs.
vi.mock("mathjs", () => {
  throw new Error("the scorers must not load mathjs");
});

describe("scorers", () => {
  it("load and score without mathjs", async () => {
    const { scoreMath, evaluateLatexNumber } = await import("../../src/scoring/index.js");
    expect(scoreMath("\\boxed{\\sqrt8}", "2\\sqrt2").score).toBe(1);
    expect(evaluateLatexNumber("\\sqrt[3]{27}")).toBeCloseTo(3, 12);
  });
});
