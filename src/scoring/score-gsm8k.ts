import type { ScoreResult } from "../evaluation/types.js";
import { extractFinalAnswer } from "./extract-answer.js";
import { feedbackFor } from "./feedback.js";
import { numbersClose } from "./math-numeric.js";

const NUMBER = /-?\d[\d,]*(?:\.\d+)?|-?\.\d+/g;

/**
 * The last number in `text` with thousands commas stripped, or `null`.
 *
 * @example
 * import { lastNumber } from "toolforge";
 * lastNumber("She pays $1,234.50 for 3 items"); // 3
 * lastNumber("no digits"); // null
 */
export function lastNumber(text: string): number | null {
  const matches = text.match(NUMBER);
  const last = matches?.[matches.length - 1];
  if (last === undefined) return null;
  const value = Number(last.replaceAll(",", ""));
  return Number.isFinite(value) ? value : null;
}

/**
 * Scores a GSM8K answer: the last number of the final answer (the last
 * `\boxed{}` / `FINAL ANSWER:` line if present, else the whole text), commas
 * stripped, compared numerically with the gold number.
 *
 * @example
 * import { scoreGSM8K } from "toolforge";
 * scoreGSM8K("3 + 4 = 7, so the total is $1,007.", "1007"); // { score: 1 }
 * scoreGSM8K("FINAL ANSWER: 12", "14"); // { score: 0, feedback: "expected 14, got 12" }
 */
export function scoreGSM8K(prediction: string, gold: string): ScoreResult {
  const answer = extractFinalAnswer(prediction ?? "");
  const got = lastNumber(answer);
  const expected = lastNumber(gold);
  if (got !== null && expected !== null && (got === expected || numbersClose(got, expected, 1e-9))) {
    return { score: 1 };
  }
  return { score: 0, feedback: feedbackFor(gold, got === null ? answer : String(got)) };
}
