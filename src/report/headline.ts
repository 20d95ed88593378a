import { wilsonInterval } from "../evaluation/wilson.js";
import type { CurveSplit } from "./learning-curve.js";
import type { ReportEvaluation, RunSummary } from "./run-summary.js";

/**
 * One split's accuracy before training (the initial toolset) and after
 * (the returned toolset), with Wilson 95 % intervals.
 *
 * @example
 * const h: HeadlineRow = { split: "train", n: 20, before: 0.3, after: 0.7, beforeInterval: [0.15, 0.52], afterInterval: [0.48, 0.85] };
 */
export interface HeadlineRow {
  split: CurveSplit;
  n: number;
  before: number;
  after: number;
  beforeInterval: [number, number];
  afterInterval: [number, number];
}

const PHASES: Record<CurveSplit, string[]> = { train: ["baseline", "candidate"], validation: ["validation"], test: ["test"] };

/**
 * The report's headline: for each split that was evaluated, the first
 * evaluation (step 0) against the last one of the toolset the run returned
 * (train: the best train loss's step; validation and test: their last
 * evaluation).
 *
 * @example
 * for (const row of headline(summarizeRun(events))) console.log(row.split, row.before, "→", row.after);
 */
export function headline(summary: RunSummary): HeadlineRow[] {
  const rows: HeadlineRow[] = [];
  const bestStep = [...summary.steps].reverse().find((s) => s.status === "accepted")?.step ?? 0;
  for (const split of ["train", "validation", "test"] as const) {
    const evals = summary.evaluations.filter((e) => PHASES[split].includes(e.phase));
    const first = evals.find((e) => e.step === 0);
    const last = split === "train" ? evals.filter((e) => e.step === bestStep).at(-1) : evals.at(-1);
    if (!first || !last) continue;
    rows.push({ split, n: last.n || first.n, before: first.accuracy, after: last.accuracy, beforeInterval: interval(first), afterInterval: interval(last) });
  }
  return rows;
}

function interval(e: ReportEvaluation): [number, number] {
  const { low, high } = wilsonInterval(Math.round(e.accuracy * e.n), e.n);
  return [low, high];
}
