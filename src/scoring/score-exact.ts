import type { ScoreResult } from "../evaluation/types.js";
import { extractFinalAnswer } from "./extract-answer.js";
import { feedbackFor } from "./feedback.js";
import { requireGold } from "./gold-answer.js";
import { numbersClose } from "./math-numeric.js";

function normalise(text: string): string {
  return text.trim().replace(/\s+/g, " ").replace(/[.]$/, "").toLowerCase();
}

function asNumber(text: string): number | null {
  const s = text.replace(/^\$/, "").replaceAll(",", "").trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return null;
  return Number(s);
}

/**
 * The default scorer of generic datasets: the final answer (`\boxed{}`,
 * `FINAL ANSWER:` or whole text) equals the gold answer after trimming,
 * collapsing spaces, dropping a trailing period and lower-casing; plain
 * numbers compare numerically (`1,000` = `1000.0`).
 *
 * @example
 * import { scoreExactMatch } from "toolforge";
 * scoreExactMatch("FINAL ANSWER: Paris.", "paris"); // { score: 1 }
 * scoreExactMatch("1,000", "1000.0"); // { score: 1 }
 */
export function scoreExactMatch(prediction: string, gold: string): ScoreResult {
  const answer = extractFinalAnswer(prediction ?? "");
  gold = requireGold(gold, "scoreExactMatch");
  const a = asNumber(answer);
  const b = asNumber(gold);
  const equal = a !== null && b !== null ? numbersClose(a, b, 1e-9) : normalise(answer) === normalise(gold);
  return equal && answer !== "" ? { score: 1 } : { score: 0, feedback: feedbackFor(gold, answer) };
}
