import { ToolforgeError } from "../errors.js";
import { chiSquare1Survival } from "./chi-square.js";

/**
 * Which McNemar variant to compute; `auto` uses the exact test below 25 discordant pairs.
 *
 * @example
 * mcnemarTest({ b: 30, c: 12 }, "chi-square");
 */
export type McNemarMethod = "exact" | "chi-square" | "auto";

/**
 * Result of {@link mcnemarTest}.
 *
 * @example
 * const { pValue, method }: McNemarResult = mcnemarTest({ b: 3, c: 0 }); // 0.25, "exact"
 */
export interface McNemarResult {
  /** Pairs where only the first system was right. */
  b: number;
  /** Pairs where only the second system was right. */
  c: number;
  /** The variant actually used. */
  method: "exact" | "chi-square";
  /** χ² statistic with continuity correction (also reported for the exact test). */
  statistic: number;
  /** Two-sided p-value. */
  pValue: number;
}

/** Discordant pairs below which `auto` picks the exact binomial test (a common rule of thumb). */
const EXACT_BELOW = 25;

function log2Binomial(n: number, k: number): number {
  // log2 C(n,k) via sums of logs: stable for n in the thousands, unlike factorials.
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log2(n - k + i) - Math.log2(i);
  return s;
}

function exactPValue(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  let tail = 0;
  for (let i = 0; i <= k; i++) tail += 2 ** (log2Binomial(n, i) - n);
  return Math.min(1, 2 * tail);
}

/**
 * McNemar's test for two systems scored on the same tasks: only the
 * discordant pairs matter (`b`: first right and second wrong, `c`: the
 * reverse). The exact variant is the two-sided binomial test of b against
 * Binomial(b + c, ½); the asymptotic one uses χ² with Edwards' continuity
 * correction, (|b − c| − 1)² / (b + c).
 *
 * @example
 * import { mcnemarTest } from "toolforge";
 * const r = mcnemarTest({ b: 2, c: 8 }, "exact");
 * console.log(r.pValue); // 0.109375
 */
export function mcnemarTest(counts: { b: number; c: number }, method: McNemarMethod = "auto"): McNemarResult {
  const { b, c } = counts;
  for (const [k, v] of Object.entries({ b, c })) {
    if (!Number.isInteger(v) || v < 0) throw new ToolforgeError("E_STATISTICS", `McNemar: ${k} must be a non-negative integer, got ${v}`, { b, c });
  }
  const n = b + c;
  const statistic = n === 0 ? 0 : Math.max(0, Math.abs(b - c) - 1) ** 2 / n;
  const used = method === "auto" ? (n < EXACT_BELOW ? "exact" : "chi-square") : method;
  const pValue = used === "exact" ? exactPValue(b, c) : n === 0 ? 1 : chiSquare1Survival(statistic);
  return { b, c, method: used, statistic, pValue };
}

/**
 * Counts the discordant pairs of two score lists over the same tasks (a score
 * ≥ `threshold` counts as correct) and runs {@link mcnemarTest}.
 *
 * @example
 * import { pairedMcNemar } from "toolforge";
 * pairedMcNemar([1, 1, 0, 1], [0, 1, 0, 0]).b; // 2 (first right, second wrong)
 */
export function pairedMcNemar(first: readonly number[], second: readonly number[], options: { method?: McNemarMethod; threshold?: number } = {}): McNemarResult {
  if (first.length !== second.length) {
    throw new ToolforgeError("E_STATISTICS", `McNemar: paired score lists differ in length (${first.length} vs ${second.length})`, {});
  }
  const threshold = options.threshold ?? 0.5;
  let b = 0;
  let c = 0;
  for (let i = 0; i < first.length; i++) {
    const x = first[i]! >= threshold;
    const y = second[i]! >= threshold;
    if (x && !y) b++;
    else if (!x && y) c++;
  }
  return mcnemarTest({ b, c }, options.method ?? "auto");
}
