import type { ScoreResult } from "../evaluation/types.js";
import { extractFinalAnswer } from "./extract-answer.js";
import { feedbackFor } from "./feedback.js";

const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/** Python's `float(s)` acceptance (what GAIA's scorer calls `is_float`). */
function pyFloat(text: string): number | null {
  const s = text.trim().replace(/_/g, "");
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith("-") ? -Infinity : Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return null;
  return Number(s);
}

/**
 * GAIA's `normalize_number_str`: drops `$`, `%` and commas — and, beyond
 * the official scorer, a trailing unit word (`42 km` → 42), as the GAIA
 * instructions ask for numbers without units. Unreadable → `Infinity`,
 * which equals no gold number.
 */
function normalizeNumber(text: string): number {
  const stripped = text.replace(/[$%,]/g, "").trim();
  // The whole text first: "-inf" is a number, not -1 times a unit "inf".
  return pyFloat(stripped) ?? pyFloat(stripped.replace(/\s*[A-Za-z°µ²³/]+\.?$/u, "")) ?? Infinity;
}

/** GAIA's `normalize_str`: no whitespace at all, lower case, punctuation dropped unless kept for list elements. */
function normalizeString(text: string, removePunctuation = true): string {
  const s = text.replace(/\s/g, "").toLowerCase();
  return removePunctuation ? s.replace(PUNCTUATION, "") : s;
}

/**
 * GAIA's official quasi-exact match (`question_scorer` of the benchmark's
 * scorer): a numeric gold answer is compared as a number after removing
 * `$`, `%`, commas (and a trailing unit); a gold answer containing `,` or
 * `;` is a list compared element by element (same length; numbers as
 * numbers, strings without spaces, case-insensitively); anything else is a
 * string compared without spaces, case or punctuation. The prediction's
 * final answer is read from `FINAL ANSWER:` (or `\boxed{}`) first.
 *
 * @example
 * import { scoreGaia } from "toolforge";
 * scoreGaia("FINAL ANSWER: $1,234", "1234").score;          // 1
 * scoreGaia("FINAL ANSWER: apples; Pears", "apples, pears").score; // 1
 * scoreGaia("FINAL ANSWER: St. Petersburg", "Saint Petersburg").score; // 0
 */
export function scoreGaia(prediction: string, gold: string): ScoreResult {
  const answer = extractFinalAnswer(prediction ?? "");
  const ok = gaiaQuasiExactMatch(answer, gold);
  return ok ? { score: 1 } : { score: 0, feedback: feedbackFor(gold, answer) };
}

/**
 * The boolean core of {@link scoreGaia} on an already extracted answer.
 *
 * @example
 * import { gaiaQuasiExactMatch } from "toolforge";
 * gaiaQuasiExactMatch("17%", "17"); // true
 */
export function gaiaQuasiExactMatch(answer: string, gold: string): boolean {
  if (pyFloat(gold) !== null) return normalizeNumber(answer) === pyFloat(gold);
  if (/[,;]/.test(gold)) {
    const goldItems = gold.split(/[,;]/);
    const answerItems = answer.split(/[,;]/);
    if (goldItems.length !== answerItems.length) return false;
    return goldItems.every((g, i) => {
      const a = answerItems[i] as string;
      const n = pyFloat(g);
      return n !== null ? normalizeNumber(a) === n : normalizeString(a, false) === normalizeString(g, false);
    });
  }
  return normalizeString(answer) === normalizeString(gold);
}
