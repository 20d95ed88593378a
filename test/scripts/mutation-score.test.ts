import { describe, expect, it } from "vitest";
import { countMutants, mutationScore } from "../../scripts/mutation-score.mjs";

describe("countMutants / mutationScore", () => {
  const m = (status: string, statusReason?: string) => ({ status, ...(statusReason ? { statusReason } : {}) });

  it("counts killed and timed-out as detected, survived and uncovered as not, and keeps the two kinds of ignored apart", () => {
    const c = countMutants([
      m("Killed"),
      m("Timeout"),
      m("Survived"),
      m("NoCoverage"),
      m("Ignored", "Static mutant (and \"ignoreStatic\" was enabled)"),
      m("Ignored", "equivalent: the length only pre-sizes the array"),
      m("CompileError"),
    ]);
    expect(c).toEqual({ detected: 2, undetected: 2, ignored: 1, staticSkipped: 1 });
    expect(mutationScore(c)).toBe(50);
  });

  it("has no score when nothing valid was tested", () => {
    const c = countMutants([m("Ignored", 'Static mutant (and "ignoreStatic" was enabled)'), m("CompileError")]);
    expect(c).toEqual({ detected: 0, undetected: 0, ignored: 0, staticSkipped: 1 });
    expect(mutationScore(c)).toBeNaN();
  });
});
