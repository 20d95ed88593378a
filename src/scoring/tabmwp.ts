import type { ScoreResult } from "../evaluation/types.js";
import { extractFinalAnswer } from "./extract-answer.js";
import { feedbackFor } from "./feedback.js";
import { requireGold } from "./gold-answer.js";
import { offersAlternatives } from "./hedged-answer.js";

// Follows the evaluation of the TabMWP authors (lupantech/PromptPG,
// run_gpt3/run_gpt3.py `normalize_answer` and run_gpt3/utilities.py
// `extract_prediction`): pick an option for multiple-choice questions,
// otherwise extract a number; normalise both sides; compare case-insensitively.
// Two deliberate differences: an answer that matches an option exactly (any
// case) wins before letter patterns are tried, and an answer that shares no
// word with any option matches none (the reference falls back to the first
// option, which would reward empty answers).

const OPTION_LETTERS = "ABCDEFGH";

/** Python-style `round(x, 3)` then `str()` with a trailing `.0…` removed. */
function formatNumber(value: number): string {
  // String(-0) is "0", so a value rounding to -0 prints as 0.
  return String(Number(value.toFixed(3)));
}

/**
 * The official TabMWP answer normalisation: a leading `$` and one trailing
 * `,` `.` or `/` are dropped; numbers lose thousands commas, fractions `a/b`
 * become decimals, decimals are rounded to 3 places (`3.50` → `3.5`,
 * `1,000` → `1000`, `3/4` → `0.75`); text answers lose the unit, if given.
 *
 * @example
 * import { normalizeTabMWPAnswer } from "toolforge";
 * normalizeTabMWPAnswer("$1,234.50"); // "1234.5"
 * normalizeTabMWPAnswer("5/18"); // "0.278"
 * normalizeTabMWPAnswer("12 pages", "pages"); // "12"
 */
export function normalizeTabMWPAnswer(text: string, unit?: string | null): string {
  let s = text.trim().replace(/^\$/, "").replace(/[,./]$/, "");
  if (/^[-+]?[\d,./]+$/.test(s)) {
    s = s.replaceAll(",", "");
    let value: number;
    if (/^[-+]?\d+$/.test(s)) return String(BigInt(s));
    if (s.includes("/")) {
      const [num, den, ...extra] = s.split("/");
      value = extra.length === 0 ? Number(num) / Number(den) : Number.NaN;
    } else {
      value = Number(s);
    }
    return Number.isFinite(value) ? formatNumber(value) : s;
  }
  // A number followed by its unit ("12 pages", "$3.50 per year") is still a number.
  if (unit) {
    const stripped = s.replaceAll(unit, "").trim();
    if (stripped !== s && /^\$?[-+]?[\d,./]+$/.test(stripped)) return normalizeTabMWPAnswer(stripped);
    return stripped;
  }
  return s;
}

/**
 * Word-overlap similarity from the reference: shared words / longer length.
 * (The reference's 2 for identical texts cannot arise here: an exact option
 * has already been matched.)
 */
function similarity(a: string, b: string): number {
  const wa = a.split(" ");
  const wb = new Set(b.split(" "));
  const shared = new Set(wa.filter((w) => wb.has(w)));
  return shared.size / Math.max(wa.length, b.split(" ").length);
}

/**
 * "the dance class" shares words with "swing dance class" but also with "hip
 * hop dance class": overlap only picks an option when a shared word belongs
 * to that option alone.
 */
function sharesDistinguishingWord(answer: string, option: string, choices: readonly string[]): boolean {
  const words = new Set(answer.split(/\s+/));
  const others = choices.filter((c) => c !== option).flatMap((c) => c.toLowerCase().split(/\s+/));
  return option
    .toLowerCase()
    .split(/\s+/)
    .some((w) => words.has(w) && !others.includes(w));
}

const LETTER_PATTERNS: RegExp[] = [
  /^\(([A-Za-z])\)$/,
  /^([A-Za-z])$/,
  /^([A-Za-z])\. /,
  /[Tt]he answer is \(?([A-Z])\)?(?:\s|$|\.)/,
  /^\(([A-Za-z])\) [\s\S]+$/,
];

const NEGATION = /\b(?:not|never|no|isn't|aren't|wasn't|weren't|doesn't|don't|didn't|cannot|can't)\s+(?:\S+\s+){0,3}$/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Options a sentence names as whole words: "Yes, she has enough" names
 * `yes`; "It is March" names `March`. A mention after a negation ("not
 * March") does not count, and `negated` tells the caller the sentence ruled
 * an option out.
 */
function namedOptions(text: string, choices: readonly string[]): { named: string[]; negated: boolean } {
  const named: string[] = [];
  let negated = false;
  for (const choice of choices) {
    const option = choice.trim().replace(/\.$/, "");
    if (option === "") continue;
    const pattern = new RegExp(`(?<![\\w$])${escapeRegExp(option)}(?![\\w])`, "gi");
    for (const match of text.matchAll(pattern)) {
      // A leading "No," is the answer itself, not a negation of what follows.
      if (NEGATION.test(text.slice(0, match.index)) && !/^no\b/i.test(option)) negated = true;
      else if (!named.includes(choice)) named.push(choice);
    }
  }
  // "Brave New Day Corporation" also contains the option "Corporation": keep the longest.
  const longest = named.filter((c) => !named.some((d) => d !== c && d.toLowerCase().includes(c.toLowerCase())));
  return { named: longest, negated };
}

/**
 * The option a multiple-choice answer refers to, or `null`: an exact option
 * text (case-insensitive), an option letter (`B`, `(b)`, `The answer is C`),
 * the one option a sentence names ("Yes, Emma has enough money."), or else
 * the option with the largest word overlap. A sentence that negates an
 * option ("It is not March.") matches nothing.
 *
 * @example
 * import { matchChoice } from "toolforge";
 * matchChoice("(B)", ["yes", "no"]); // "no"
 * matchChoice("Reardon Corp", ["Henderson Co.", "Reardon Corp."]); // "Reardon Corp."
 * matchChoice("Yes, she has enough.", ["yes", "no"]); // "yes"
 * matchChoice("It was not March.", ["March", "May"]); // null
 */
export function matchChoice(answer: string, choices: readonly string[]): string | null {
  const text = answer.trim().replace(/(?<![AP]\.M)\.$/, "");
  const exact = choices.find((c) => c.trim().toLowerCase() === text.toLowerCase());
  if (exact !== undefined) return exact;
  for (const pattern of LETTER_PATTERNS) {
    // Stryker disable next-line OptionalChaining: every letter pattern's group 1 is mandatory
    const letter = pattern.exec(text)?.[1]?.toUpperCase();
    const index = letter ? OPTION_LETTERS.indexOf(letter) : -1;
    if (index >= 0 && index < choices.length) return choices[index] ?? null;
  }
  const { named, negated } = namedOptions(text, choices);
  // "not March but February" names one option and rules out another: February.
  if (named.length === 1) return named[0] ?? null;
  // Several options named, or one ruled out.
  if (named.length > 0 || negated) return null;
  const lower = text.toLowerCase();
  let best: string | null = null;
  let bestScore = 0;
  for (const choice of choices) {
    const score = similarity(choice.toLowerCase(), lower);
    if (score > bestScore) {
      best = choice;
      bestScore = score;
    }
  }
  return best !== null && sharesDistinguishingWord(lower, best, choices) ? best : null;
}

const NUMBER_PATTERNS: RegExp[] = [
  /[Tt]he answer is ([\s\S]+)$/g,
  / = ([\d$.,/:]+)/g,
  / ([\d$.,/:]+ [AP]\.M\.)/g,
  /([-\d$.,/:]*\d)/g,
];

/**
 * The official free-text extraction: the text after `The answer is`, else
 * the last `= number`, else the last number-like token (`$1.40`, `3/4`,
 * `7:25 P.M.`). Returns the input when nothing matches.
 *
 * @example
 * import { extractTabMWPNumber } from "toolforge";
 * extractTabMWPNumber("He pays 3 + 4 = $7.40 in total."); // "$7.40"
 */
export function extractTabMWPNumber(output: string): string {
  const text = output
    .replace(/\$?\\[dt]?frac\{([\d.,-]+)\}\{([\d.,]+)\}\$?/g, "$1/$2")
    .replace(/(?<![AP]\.M)\.$/, "")
    .replace(/\u2212/g, "-");
  for (const pattern of NUMBER_PATTERNS) {
    const matches = [...text.matchAll(pattern)];
    // Stryker disable next-line OptionalChaining: every number pattern's group 1 is mandatory
    const last = matches[matches.length - 1]?.[1]?.trim();
    if (last !== undefined) return last.endsWith(".") && !last.includes(".M.") ? last.slice(0, -1) : last;
  }
  return text;
}

/**
 * Options for {@link scoreTabMWP}.
 *
 * @example
 * import { scoreTabMWP } from "toolforge";
 * scoreTabMWP("12 pages", "12", { unit: "pages" }).score; // 1
 */
export interface TabMWPScoreOptions {
  /** Multiple-choice options; when present the answer is matched to one of them. */
  choices?: readonly string[] | null;
  /** The question's unit (e.g. `"pages"`), removed from text answers. */
  unit?: string | null;
}

/**
 * Scores a TabMWP answer the way the TabMWP authors do. The final answer is
 * the reply's last statement (`\boxed{}` / `FINAL ANSWER:`), else a prose
 * "The answer is …", else the whole text; with `choices` it is mapped to an
 * option by `matchChoice` (text, letter, the one option a sentence names
 * without negating it, or distinguishing word overlap); otherwise, unless the
 * whole answer already equals the gold answer, the number is extracted
 * (`extractTabMWPNumber`), and an answer offering
 * alternatives ("20 or 21") is wrong. Both sides are normalised by
 * `normalizeTabMWPAnswer` (commas, `$`, fractions, 3-decimal rounding, unit)
 * and compared case-insensitively. A missing gold answer throws a
 * `DatasetError` (`E_DATASET_GOLD`).
 *
 * @example
 * import { scoreTabMWP } from "toolforge";
 * scoreTabMWP("FINAL ANSWER: 1,000", "1000").score; // 1
 * scoreTabMWP("\\boxed{B}", "no", { choices: ["yes", "no"] }).score; // 1
 * scoreTabMWP("The answer is 3/4.", "0.75").score; // 1
 */
export function scoreTabMWP(prediction: string, gold: string, options: TabMWPScoreOptions = {}): ScoreResult {
  const { choices, unit } = options;
  const answer = extractFinalAnswer(prediction ?? "");
  const expected = normalizeTabMWPAnswer(requireGold(gold, "scoreTabMWP"), unit).toLowerCase();
  // null: the answer names no option, or offers alternatives.
  let predicted: string | null;
  if (choices && choices.length > 0) {
    predicted = matchChoice(answer, choices);
  } else {
    const direct = normalizeTabMWPAnswer(answer, unit);
    predicted = direct.toLowerCase() === expected ? direct : extractTabMWPNumber(answer);
  }
  if (!choices?.length && offersAlternatives(answer, gold)) predicted = null;
  if (predicted !== null) {
    const normalised = normalizeTabMWPAnswer(predicted, unit).toLowerCase();
    if (normalised !== "" && normalised === expected) return { score: 1 };
  }
  return { score: 0, feedback: feedbackFor(gold, answer) };
}
