import type { ExecutionRecord } from "../evaluation/types.js";
import { countTokens } from "./count-tokens.js";

type TableRecord = Pick<ExecutionRecord, "taskId" | "score" | "error">;

/**
 * Scores of an earlier evaluation by task id, to mark tasks whose outcome changed.
 *
 * @example
 * import type { PreviousScores } from "toolforge";
 * const previous: PreviousScores = { "gsm8k-1": 0, "gsm8k-2": 1 };
 */
export type PreviousScores = Readonly<Record<string, number>>;

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

function changedFrom(record: TableRecord, previous: PreviousScores | undefined): number | undefined {
  const before = previous?.[record.taskId];
  // An unknown earlier score (undefined) is never a record's score: no change.
  return before !== record.score ? before : undefined;
}

function row(record: TableRecord, previous: PreviousScores | undefined): string {
  const notes = [record.error?.kind, changedFrom(record, previous) === undefined ? undefined : `was ${formatScore(changedFrom(record, previous)!)}`];
  return [record.taskId, formatScore(record.score), ...notes.filter((n) => n !== undefined)].join(" | ");
}

/**
 * The per-task statistic table of App. D.1: one row per record, in record
 * order. Rows are `task_id | score`, followed by the run error's kind and,
 * when `previous` scores are given, `was <score>` for a task whose score
 * changed. {@link summariseStatisticTable} is its bounded form.
 *
 * @example
 * import { renderStatisticTable } from "toolforge";
 * const table = renderStatisticTable([{ taskId: "t1", score: 1 } as any, { taskId: "t2", score: 0 } as any], { t1: 0 });
 * console.log(table); // "task | score\nt1 | 1 | was 0\nt2 | 0"
 */
export function renderStatisticTable(records: readonly TableRecord[], previous?: PreviousScores): string {
  return ["task | score", ...records.map((r) => row(r, previous))].join("\n");
}

/**
 * The statistic table within `maxTokens` when the full table would not fit:
 * counts per outcome (solved, failed, partial, run errors by kind, changed
 * since `previous`), then as many rows as fit — failed tasks first, then
 * tasks whose score changed, then the rest — and how many were left out.
 *
 * @example
 * import { summariseStatisticTable } from "toolforge";
 * const records = Array.from({ length: 1000 }, (_, i) => ({ taskId: `t${i}`, score: i % 2 }));
 * const { text, rowsListed } = summariseStatisticTable(records, { maxTokens: 300 });
 * console.log(text.split("\n")[0], rowsListed); // "Outcomes of the 1000 tasks: …" and a few dozen rows
 */
export function summariseStatisticTable(
  records: readonly TableRecord[],
  options: { maxTokens: number; previous?: PreviousScores },
): { text: string; rowsListed: number } {
  const { previous } = options;
  const failed = records.filter((r) => r.score < 1);
  const solved = records.length - failed.length;
  const partial = failed.filter((r) => r.score > 0).length;
  const errors = new Map<string, number>();
  for (const r of records) if (r.error) errors.set(r.error.kind, (errors.get(r.error.kind) ?? 0) + 1);
  const changed = records.filter((r) => changedFrom(r, previous) !== undefined);
  // Stryker disable next-line EqualityOperator: a changed score never equals its earlier one
  const improved = changed.filter((r) => r.score > changedFrom(r, previous)!).length;
  const counts = [
    `Outcomes of the ${records.length} tasks: ${solved} solved (1), ${failed.length - partial} failed (0), ${partial} partial.`,
    ...(errors.size > 0 ? [`Run errors: ${[...errors].map(([kind, n]) => `${kind} ${n}`).join(", ")}.`] : []),
    ...(previous ? [`Changed since the previous best set: ${changed.length} (${improved} better, ${changed.length - improved} worse).`] : []),
    "Rows, failed tasks first, then changed tasks:",
    "task | score",
  ];
  let room = options.maxTokens - countTokens(counts.join("\n")) - 30; // the closing line
  const changedSolved = changed.filter((r) => r.score >= 1);
  const ordered = [...failed, ...changedSolved, ...records.filter((r) => r.score >= 1 && changedFrom(r, previous) === undefined)];
  const rows: string[] = [];
  for (const record of ordered) {
    const line = row(record, previous);
    const cost = countTokens(line) + 1;
    if (cost > room) break;
    room -= cost;
    rows.push(line);
  }
  const left = records.length - rows.length;
  const leftFailed = failed.length - Math.min(rows.length, failed.length);
  const leftChanged = changedSolved.length - Math.min(Math.max(0, rows.length - failed.length), changedSolved.length);
  const close = left > 0 ? [`(${left} more task(s) not listed: ${leftFailed} failed, ${leftChanged} newly solved, ${left - leftFailed - leftChanged} solved as before.)`] : [];
  return { text: [...counts, ...rows, ...close].join("\n"), rowsListed: rows.length };
}
