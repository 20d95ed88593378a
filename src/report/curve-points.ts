import { wilsonInterval } from "../evaluation/wilson.js";
import type { CurvePoint, CurveSplit } from "./learning-curve.js";
import type { ReportEvaluation, ReportStep } from "./run-summary.js";

const accuracyOf = (step: ReportStep, split: CurveSplit): number | undefined => {
  if (split === "train") return step.trainAccuracy ?? (step.trainLoss !== undefined ? 1 - step.trainLoss : undefined);
  if (split === "validation") return step.validationAccuracy ?? (step.validationLoss !== undefined ? 1 - step.validationLoss : undefined);
  return step.testAccuracy;
};

const PHASES: Record<CurveSplit, string[]> = { train: ["baseline", "candidate"], validation: ["validation"], test: ["test"] };

/**
 * The learning-curve points of a run's steps: after every finished step,
 * the accuracy of the best toolset so far on each split (the baseline, then
 * the last accepted set) with its Wilson 95 % band, and each evaluated train
 * candidate as its own point. A candidate the optimizer left unchanged was
 * never evaluated and gets no point.
 *
 * @example
 * const points = curvePoints(summary.steps, summary.evaluations);
 */
export function curvePoints(steps: readonly ReportStep[], evaluations: readonly ReportEvaluation[]): CurvePoint[] {
  const sizeOf = (step: number, split: CurveSplit) => evaluations.find((e) => e.step === step && PHASES[split].includes(e.phase))?.n ?? 0;
  const points: CurvePoint[] = [];
  let best: ReportStep | undefined;
  for (const step of steps) {
    if (step.status === "unfinished") continue;
    if (step.status === "baseline" || step.status === "accepted") best = step;
    if (step.step > 0 && step.evaluated && step.trainAccuracy !== undefined) {
      points.push({ step: step.step, split: "train", accuracy: step.trainAccuracy, kind: "candidate", status: step.status });
    }
    if (!best) continue;
    for (const split of ["train", "validation", "test"] as const) {
      const accuracy = accuracyOf(best, split);
      if (accuracy === undefined) continue;
      const n = sizeOf(best.step, split);
      const band = n > 0 ? wilsonInterval(Math.round(accuracy * n), n) : undefined;
      points.push({ step: step.step, split, accuracy, ...(band ? { low: band.low, high: band.high } : {}), kind: "best", status: best.status === "accepted" ? "accepted" : "baseline" });
    }
  }
  return points;
}
