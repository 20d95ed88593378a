import { offersAlternatives } from "./hedged-answer.js";
import { cleanLatex } from "./latex-clean.js";
import { parseLatexExpression } from "./latex-expression.js";
import {
  baseNumber,
  choiceLetter,
  equationSides,
  sentenceEndsWithWord,
  tidyMathAnswer,
  unorderedItems,
  wordAnswer,
} from "./math-answer-forms.js";
import { isMathEquivalent } from "./math-equivalence.js";
import { numericallyEquivalent } from "./math-numeric.js";

// When a predicted MATH answer equals the gold one: the official is_equiv
// first (an answer it accepts is accepted), then by the gold answer's shape —
// choice letter, word, base-n numeral, unordered list or set, equation,
// tuple/interval/matrix, or a single value compared exactly.

/** Longest list of solutions compared item by item; longer "lists" are prose. */
const MAX_LIST_ITEMS = 64;

/** Each gold item is matched by a different predicted item, in any order. */
function sameMultiset(predicted: string[], gold: string[]): boolean {
  if (predicted.length !== gold.length || gold.length > MAX_LIST_ITEMS) return false;
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
  return NAMED_QUANTITY.test(left) && variableFree && parseLatexExpression(value) !== null ? right : null;
}

/**
 * Equality of a predicted and a gold MATH answer, by the gold answer's shape.
 *
 * @example
 * mathAnswersEqual("3, 1", "1,3"); // true
 * mathAnswersEqual("3.14159", "\\pi"); // false
 */
export function mathAnswersEqual(predictedRaw: string, goldRaw: string): boolean {
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
  // `4210_7` itself was accepted above (the same string).
  if (base !== null) return predicted === base.digits;
  const goldItems = unorderedItems(gold);
  if (goldItems !== null) {
    const predictedItems = unorderedItems(predicted);
    return predictedItems !== null && sameMultiset(predictedItems, goldItems);
  }
  const goldEquation = equationSides(gold);
  const predictedEquation = equationSides(predicted);
  if (goldEquation && predictedEquation) {
    return mathAnswersEqual(predictedEquation[0], goldEquation[0]) && mathAnswersEqual(predictedEquation[1], goldEquation[1]);
  }
  const value = !goldEquation && predictedEquation ? statedValue(predictedEquation) : null;
  if (value !== null) return mathAnswersEqual(value, gold);
  // A tuple, interval or matrix item by item (so `(x=1, y=2)` is `(1, 2)`); else one value, exactly.
  return numericallyEquivalent(predicted, gold, mathAnswersEqual);
}
