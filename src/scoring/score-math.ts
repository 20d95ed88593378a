import type { ScoreResult } from "../evaluation/types.js";
import { expressionsEquivalent } from "./expression-equivalence.js";
import { extractFinalAnswer } from "./extract-answer.js";
import { feedbackFor } from "./feedback.js";
import { offersAlternatives } from "./hedged-answer.js";
import { requireGold } from "./gold-answer.js";
import {
  baseNumber,
  choiceLetter,
  equationSides,
  orderedItems,
  sentenceEndsWithWord,
  tidyMathAnswer,
  unorderedItems,
  wordAnswer,
} from "./math-answer-forms.js";
import { isMathEquivalent } from "./math-equivalence.js";
import { numericallyEquivalent } from "./math-numeric.js";
import { parseLatexExpression } from "./latex-expression.js";
import { cleanLatex } from "./latex-clean.js";

/** Each gold item is matched by a different predicted item, in any order. */
function sameMultiset(predicted: string[], gold: string[]): boolean {
  if (predicted.length !== gold.length) return false;
  const unused = [...predicted];
  return gold.every((g) => {
    const k = unused.findIndex((p) => mathAnswersEqual(p, g));
    if (k < 0) return false;
    unused.splice(k, 1);
    return true;
  });
}

// What `a+b+c = 5`, `k = 7` or `f(2) = 5` names: variables or calls, added.
// `2x = 10` or `x^2 = 5` state something else than the value asked for.
const NAMED_QUANTITY = /^(?:[a-zA-Z](?:\([^()]*\))?(?:\s*[+-]\s*[a-zA-Z](?:\([^()]*\))?)*|[a-zA-Z]{2,3})$/;

/** `a+b+c = 5` states the value 5 of the quantity asked for; `2x = 10` does not. */
function statedValue(equation: [string, string]): string | null {
  const [left, right] = equation;
  const value = cleanLatex(right);
  const variableFree = !/[a-zA-Z]/.test(value.replace(/\\(?:frac|dfrac|tfrac|sqrt|pi|cdot|times)/g, ""));
  return NAMED_QUANTITY.test(left.trim()) && variableFree && parseLatexExpression(value) !== null ? right : null;
}

/** Equality of a predicted and a gold MATH answer, by the gold answer's shape. */
function mathAnswersEqual(predictedRaw: string, goldRaw: string): boolean {
  if (predictedRaw.trim() === "" || offersAlternatives(predictedRaw, goldRaw)) return false;
  if (isMathEquivalent(predictedRaw, goldRaw)) return true;
  const predicted = tidyMathAnswer(predictedRaw);
  const gold = tidyMathAnswer(goldRaw);
  if (isMathEquivalent(predicted, gold)) return true;
  const letter = choiceLetter(gold, true);
  if (letter !== null) return choiceLetter(predicted, false) === letter;
  const word = wordAnswer(gold);
  if (word !== null) return wordAnswer(predicted) === word || sentenceEndsWithWord(predicted, word);
  const base = baseNumber(gold);
  if (base !== null) return predicted === base.digits || predicted === `${base.digits}_${base.base}`;
  const goldItems = unorderedItems(gold);
  if (goldItems !== null) {
    const predictedItems = unorderedItems(predicted);
    return predictedItems !== null && sameMultiset(predictedItems, goldItems);
  }
  const goldEquation = equationSides(gold);
  const predictedEquation = equationSides(predicted);
  if (goldEquation && predictedEquation) {
    return goldEquation.every((side, k) => mathAnswersEqual(predictedEquation[k] ?? "", side));
  }
  const value = !goldEquation && predictedEquation ? statedValue(predictedEquation) : null;
  if (value !== null) return mathAnswersEqual(value, gold);
  if (orderedItems(gold) !== null) return numericallyEquivalent(predicted, gold, mathAnswersEqual);
  return expressionsEquivalent(predicted, gold);
}

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
  if (predicted !== "" && mathAnswersEqual(predicted, expected)) return { score: 1 };
  return { score: 0, feedback: feedbackFor(expected, predicted) };
}
