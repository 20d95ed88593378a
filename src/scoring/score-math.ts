import type { ScoreResult } from "../evaluation/types.js";
import { extractFinalAnswer } from "./extract-answer.js";
import { isMathEquivalent } from "./math-equivalence.js";
import { numericallyEquivalent } from "./math-numeric.js";
import { feedbackFor } from "./feedback.js";

/** Official string equivalence first, then numeric equivalence (items of tuples may mix both). */
function mathAnswersEqual(a: string, b: string): boolean {
  return isMathEquivalent(a, b) || numericallyEquivalent(a, b, mathAnswersEqual);
}

/**
 * Scores a MATH answer. The prediction's final answer is the last
 * `\boxed{}`/`\fbox{}`, else a `FINAL ANSWER:` line, else the whole text.
 * It is correct (score 1) if it matches `gold` under the official MATH
 * normalisation (`isMathEquivalent`) or is numerically equal
 * (`numericallyEquivalent`, e.g. `0.5` vs `\frac{1}{2}`, `\sqrt{8}` vs
 * `2\sqrt{2}`); otherwise 0 with feedback such as `expected 5, got 6`.
 *
 * @example
 * import { scoreMath } from "toolforge";
 * scoreMath("so the answer is \\boxed{\\dfrac{1}{2}}", "0.5"); // { score: 1 }
 * scoreMath("FINAL ANSWER: 6", "5"); // { score: 0, feedback: "expected 5, got 6" }
 */
export function scoreMath(prediction: string, gold: string): ScoreResult {
  const predicted = extractFinalAnswer(prediction ?? "");
  const expected = extractFinalAnswer(gold);
  if (predicted !== "" && mathAnswersEqual(predicted, expected)) return { score: 1 };
  return { score: 0, feedback: feedbackFor(expected, predicted) };
}
