import type { CurveSplit } from "./learning-curve.js";
import type { RunSummary } from "./run-summary.js";

/**
 * How one task fared with the initial and with the final toolset.
 *
 * @example
 * const t: TaskFlip = { taskId: "gsm8k-3", before: 0, after: 1, change: "fixed" };
 */
export interface TaskFlip {
  taskId: string;
  before: number;
  after: number;
  change: "fixed" | "broken" | "still right" | "still wrong";
}

/**
 * Per split, every task's score with the initial toolset (step 0) and with
 * the final one (train: the last accepted step's candidate evaluation;
 * validation and test: their last evaluation), from the run's `task_done`
 * events. A score ≥ 0.5 counts as right.
 *
 * @example
 * const flips = taskFlips(summarizeRun(events)).train?.filter((t) => t.change === "fixed");
 */
export function taskFlips(summary: RunSummary): Partial<Record<CurveSplit, TaskFlip[]>> {
  const pairs = flipEvaluations(summary);
  const out: Partial<Record<CurveSplit, TaskFlip[]>> = {};
  for (const [split, [beforeKey, afterKey]] of Object.entries(pairs) as [CurveSplit, [string | undefined, string | undefined]][]) {
    const before = beforeKey ? summary.taskScores[beforeKey] : undefined;
    const after = afterKey ? summary.taskScores[afterKey] : undefined;
    if (!before || !after) continue;
    out[split] = Object.keys(before)
      .filter((id) => id in after)
      .map((taskId) => {
        const [b, a] = [before[taskId]!, after[taskId]!];
        const change = b < 0.5 && a >= 0.5 ? "fixed" : b >= 0.5 && a < 0.5 ? "broken" : a >= 0.5 ? "still right" : "still wrong";
        return { taskId, before: b, after: a, change };
      });
  }
  return out;
}

/**
 * The two evaluations each split's flips compare, as `"<step>:<phase>"` keys
 * of `RunSummary.taskScores`: the initial toolset's, and the final one's
 * (train: the last accepted step's candidate evaluation; validation and test:
 * their last evaluation).
 *
 * @example
 * flipEvaluations(summarizeRun(events)).train; // ["0:baseline", "3:candidate"]
 */
export function flipEvaluations(summary: RunSummary): Record<CurveSplit, [string | undefined, string | undefined]> {
  const bestStep = [...summary.steps].reverse().find((s) => s.status === "accepted")?.step ?? 0;
  const keys = Object.keys(summary.taskScores);
  const lastOf = (phase: string) => keys.filter((k) => k.endsWith(`:${phase}`)).sort((a, b) => parseInt(a, 10) - parseInt(b, 10)).at(-1);
  return {
    train: ["0:baseline", bestStep === 0 ? "0:baseline" : `${bestStep}:candidate`],
    validation: ["0:validation", lastOf("validation")],
    test: ["0:test", lastOf("test")],
  };
}
