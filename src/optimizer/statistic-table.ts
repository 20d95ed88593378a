import type { ExecutionRecord } from "../evaluation/types.js";

/**
 * Formats a score for the statistic table: `1` / `0` for binary scores (as
 * in App. D.1), two decimals for graded ones.
 *
 * @example
 * import { formatScore } from "toolforge";
 * console.log(formatScore(1), formatScore(0.5)); // "1" "0.50"
 */
export function formatScore(score: number): string {
  if (score === 0 || score === 1) return String(score);
  return Number.isFinite(score) ? score.toFixed(2) : "0";
}

/**
 * The per-task statistic table of App. D.1: one row per record, in record
 * order, always complete (it is never cut to fit the prompt budget).
 * Rows are `task_id | score | note`, the note naming a run error.
 *
 * @example
 * import { renderStatisticTable } from "toolforge";
 * const table = renderStatisticTable([{ taskId: "t1", score: 1 } as any, { taskId: "t2", score: 0 } as any]);
 * console.log(table.split("\n").length); // 3 (header + 2 rows)
 */
export function renderStatisticTable(records: readonly Pick<ExecutionRecord, "taskId" | "score" | "error">[]): string {
  const rows = records.map((r) => {
    const note = r.error ? ` | ${r.error.kind}` : "";
    return `${r.taskId} | ${formatScore(r.score)}${note}`;
  });
  return ["task | score", ...rows].join("\n");
}
