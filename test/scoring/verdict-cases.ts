import { expect, it } from "vitest";
import type { ScoreResult } from "../../src/evaluation/types.js";

/** [prediction, gold, human verdict, why] */
export type VerdictCase = [string, string, 0 | 1, string];

/** One test per case: the scorer's verdict must be the human's. */
export function itGivesVerdicts(cases: readonly VerdictCase[], score: (prediction: string, gold: string) => ScoreResult): void {
  for (const [prediction, gold, label, why] of cases) {
    it(`${label ? "accepts" : "rejects"} ${JSON.stringify(prediction)} for ${gold} (${why})`, () => {
      expect(score(prediction, gold).score).toBe(label);
    });
  }
}
