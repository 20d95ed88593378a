import type { ScoreResult } from "../evaluation/types.js";
import { extractFinalAnswer } from "./extract-answer.js";
import { feedbackFor } from "./feedback.js";
import { requireGold } from "./gold-answer.js";
import { offersAlternatives } from "./hedged-answer.js";
import { numbersClose } from "./math-numeric.js";

// A number as people write it: a mixed number ("2 1/2"), a fraction, or a
// decimal with thousands commas. Reading "2 1/2" as one number is what keeps
// its "2" (or its "1/2") from being taken for the answer.
const NUMBER = /(-?\d+)\s+(\d+)\/(\d+)(?![\d/])|(-?\d+)\/(\d+)(?![\d/])|(-?\d[\d,]*(?:\.\d+)?|-?\.\d+)/g;

function numbersIn(text: string): number[] {
  const values: number[] = [];
  for (const m of text.matchAll(NUMBER)) {
    let value: number;
    if (m[1] !== undefined) {
      const whole = Number(m[1]);
      const part = Number(m[2]) / Number(m[3]);
      value = whole < 0 || Object.is(whole, -0) ? whole - part : whole + part;
    } else if (m[4] !== undefined) {
      value = Number(m[4]) / Number(m[5]);
    } else {
      // The third alternative matched: m[6] is set.
      value = Number(m[6]!.replaceAll(",", ""));
    }
    if (Number.isFinite(value)) values.push(value);
  }
  return values;
}

/**
 * The last number in `text` with thousands commas stripped, or `null`.
 * Mixed numbers and fractions count as one number (`2 1/2` → 2.5).
 *
 * @example
 * import { lastNumber } from "toolforge";
 * lastNumber("She pays $1,234.50 for 3 items"); // 3
 * lastNumber("it takes 2 1/2 seconds"); // 2.5
 * lastNumber("no digits"); // null
 */
export function lastNumber(text: string): number | null {
  return numbersIn(text).at(-1) ?? null;
}

/**
 * The number a final-answer line states: after its last `=` if it shows a
 * calculation, else its first number — an explanation after it ("18 (3 × 6)",
 * "18. Each of 3 boxes…") does not count.
 */
function statedNumber(line: string): number | null {
  const withoutAside = line.split(/\s*\(|\.\s|;|\s(?:because|since|as|which|so)\s/i)[0] ?? line;
  // Without an "=", lastIndexOf is -1: the whole line.
  const afterEquals = withoutAside.slice(withoutAside.lastIndexOf("=") + 1);
  // "18 hours and 30 minutes" is not 18; "18 or 20" is not an answer.
  // Stryker disable next-line StringLiteral: the gold side only matters when it offers alternatives itself; "" and the mutant's text offer none.
  if (/\d[^\d]*\b(?:and|or|to)\s+\$?-?\d/i.test(afterEquals) || offersAlternatives(afterEquals, "")) return null;
  return numbersIn(afterEquals)[0] ?? numbersIn(line)[0] ?? null;
}

/** How the reply marks its answer: a box / `FINAL ANSWER:` / `####`, prose ("the answer is"), or not at all. */
function answerMarking(prediction: string): "marked" | "prose" | "none" {
  if (/\\boxed|\\fbox|final[ \t_]*answer|####/i.test(prediction)) return "marked";
  return /answer\s+is|^\s*(?:\*\*|__)?answer(?:\*\*|__)?\s*:/im.test(prediction) ? "prose" : "none";
}

/**
 * Scores a GSM8K answer. With a marked final answer (`\boxed{}`,
 * `FINAL ANSWER:`, `####`, "The answer is"), the number it states wins —
 * the first number of that line, or the one after its last `=` — over
 * numbers in any explanation that follows; otherwise the last number of the
 * reply. Numbers are compared numerically with the gold number, commas
 * stripped; a mixed number or fraction is one number (`2 1/2` is not `2`).
 * A missing gold answer throws a `DatasetError` (`E_DATASET_GOLD`).
 *
 * @example
 * import { scoreGSM8K } from "toolforge";
 * scoreGSM8K("3 + 4 = 7, so the total is $1,007.", "1007"); // { score: 1 }
 * scoreGSM8K("FINAL ANSWER: 18 (that is 3 boxes of 6)", "18"); // { score: 1 }
 * scoreGSM8K("FINAL ANSWER: 12", "14"); // { score: 0, feedback: "expected 14, got 12" }
 */
export function scoreGSM8K(prediction: string, gold: string): ScoreResult {
  const expected = lastNumber(requireGold(gold, "scoreGSM8K"));
  const reply = prediction ?? "";
  const answer = extractFinalAnswer(reply);
  const marking = answerMarking(reply);
  // "The answer is not obvious. … 3 + 4 = 7": a prose marker without a number is not the answer.
  const got =
    marking === "marked" ? statedNumber(answer) : marking === "prose" ? (statedNumber(answer) ?? lastNumber(reply)) : lastNumber(answer);
  if (got !== null && expected !== null && numbersClose(got, expected, 1e-9)) {
    return { score: 1 };
  }
  return { score: 0, feedback: feedbackFor(gold, got === null ? answer : String(got)) };
}
