import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoreExactMatch, scoreGSM8K, scoreMath, scoreTabMWP } from "../../src/scoring/index.js";
import { FUZZ, textish } from "../helpers/fuzz.js";

/** Answer-like text: LaTeX, numbers, units, FINAL ANSWER lines, boxes, and noise. */
const latex = fc
  .array(
    fc.oneof(
      fc.constantFrom("\\frac{", "\\dfrac", "}", "{", "\\sqrt", "\\boxed{", "\\fbox{", "\\left(", "\\right)", "^", "_", "\\pi", "\\infty", "\\text{ cm}", "\\%", "\\$", "FINAL ANSWER:", "\n", ",", ".", "-", "=", "x", " ", "(", ")", "[", "]", "\\\\", "e", "i", "1e400", "9".repeat(40)),
      fc.integer().map(String),
      fc.double().map(String),
    ),
    { maxLength: 24 },
  )
  .map((parts) => parts.join(""));
const answer = fc.oneof(latex, textish);

const isScore = (r: { score: number; feedback?: string }) => {
  expect(Number.isFinite(r.score)).toBe(true);
  expect(r.score).toBeGreaterThanOrEqual(0);
  expect(r.score).toBeLessThanOrEqual(1);
  if (r.feedback !== undefined) expect(typeof r.feedback).toBe("string");
};

describe("fuzzing scorer inputs: always a score in [0, 1], never an exception", () => {
  it.each([
    ["scoreMath", scoreMath],
    ["scoreGSM8K", scoreGSM8K],
    ["scoreExactMatch", scoreExactMatch],
  ] as const)("%s", (_name, score) => {
    fc.assert(
      fc.property(answer, answer, (prediction, gold) => {
        isScore(score(prediction, gold));
        // An answer matches itself, whatever it is (when it has one).
        const self = score(`FINAL ANSWER: ${gold}`, gold);
        isScore(self);
      }),
      FUZZ,
    );
  });

  it("scoreTabMWP with arbitrary choices and units", () => {
    fc.assert(
      fc.property(answer, answer, fc.option(fc.array(answer, { maxLength: 4 }), { nil: undefined }), fc.option(answer, { nil: undefined }), (prediction, gold, choices, unit) => {
        isScore(scoreTabMWP(prediction, gold, { ...(choices ? { choices } : {}), ...(unit !== undefined ? { unit } : {}) }));
      }),
      FUZZ,
    );
  });
});
