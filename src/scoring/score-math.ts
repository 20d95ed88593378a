import type { ScoreResult } from "../evaluation/types.js";
import { extractFinalAnswer } from "./extract-answer.js";
import { feedbackFor } from "./feedback.js";
import { requireGold } from "./gold-answer.js";
import { mathAnswersEqual } from "./math-answers-equal.js";

/**
 * Scores a MATH answer. The prediction's final answer is the reply's last
 * statement (`\boxed{}`/`\fbox{}` or `FINAL ANSWER:` line, whichever comes
 * last), else a prose "The answer is …", else the whole text. It is correct
 * (score 1) if it matches `gold` under the official MATH normalisation
 * (`isMathEquivalent`) or is the same value exactly — decimals only when
 * exact (`6.2` = `6\frac15`, never `3.14159` for `\pi`), polynomials and
 * complex numbers in any order, lists of solutions and sets in any order,
 * tuples and intervals item by item, choice letters in any dress (`(E)`,
 * `\textbf{(E)}`), bases with or without subscript braces. Otherwise 0 with
 * feedback such as `expected 5, got 6`. A missing gold answer throws a
 * `DatasetError` (`E_DATASET_GOLD`).
 *
 * @example
 * import { scoreMath } from "toolforge";
 * scoreMath("so the answer is \\boxed{\\dfrac{1}{2}}", "0.5"); // { score: 1 }
 * scoreMath("FINAL ANSWER: 6", "5"); // { score: 0, feedback: "expected 5, got 6" }
 * scoreMath("\\boxed{3.14159}", "\\pi").score; // 0
 */
export function scoreMath(prediction: string, gold: string): ScoreResult {
  const expected = extractFinalAnswer(requireGold(gold, "scoreMath"));
  const predicted = extractFinalAnswer(prediction ?? "");
  // An empty reply is never equal (mathAnswersEqual refuses it), even to an empty gold.
  if (mathAnswersEqual(predicted, expected)) return { score: 1 };
  return { score: 0, feedback: feedbackFor(expected, predicted) };
}
