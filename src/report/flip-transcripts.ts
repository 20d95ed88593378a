import { existsSync } from "node:fs";
import { join } from "node:path";
import type { ExecutionRecord } from "../evaluation/types.js";
import { renderTranscript } from "../evaluation/transcript.js";
import type { EvaluationPhase } from "../training/events.js";
import { SqliteRecordStore } from "../training/sqlite-record-store.js";
import { escapeHtml } from "./html-escape.js";
import type { CurveSplit } from "./learning-curve.js";
import type { RunSummary } from "./run-summary.js";
import { flipEvaluations, type TaskFlip } from "./task-flips.js";

/**
 * Execution records of the two evaluations a split's flips compare (initial
 * and final toolset), by task id.
 *
 * @example
 * const records: FlipRecords = { train: { before: new Map([["t1", r0]]), after: new Map([["t1", r1]]) } };
 */
export type FlipRecords = Partial<Record<CurveSplit, { before: ReadonlyMap<string, ExecutionRecord>; after: ReadonlyMap<string, ExecutionRecord> }>>;

/** Transcripts shown per split and direction (fixed, broken). */
const SHOWN = 3;
/** Characters of one transcript on the page. */
const MAX_CHARS = 6_000;

/**
 * Reads, from a run directory's `records.sqlite`, the records of the
 * evaluations whose flips the report shows (see `flipEvaluations`); empty
 * when the run kept no records (runs of earlier versions, or a test split,
 * which is evaluated outside the training graph).
 *
 * @example
 * const records = await readFlipRecords("runs/demo", summarizeRun(readRunEvents("runs/demo")));
 */
export async function readFlipRecords(runDir: string, summary: RunSummary): Promise<FlipRecords> {
  const file = join(runDir, "records.sqlite");
  if (!existsSync(file) || !summary.runId) return {};
  const store = await SqliteRecordStore.open(file);
  try {
    const refs = store.evaluations(summary.runId);
    const read = async (key: string | undefined): Promise<Map<string, ExecutionRecord> | undefined> => {
      const [step, phase] = key ? [parseInt(key, 10), key.slice(key.indexOf(":") + 1) as EvaluationPhase] : [];
      const ref = refs.filter((r) => r.step === step && r.phase === phase).at(-1);
      if (!ref) return undefined;
      return new Map([...(await store.get(ref)).values()].map((r) => [r.taskId, r]));
    };
    const out: FlipRecords = {};
    for (const [split, [beforeKey, afterKey]] of Object.entries(flipEvaluations(summary)) as [CurveSplit, [string | undefined, string | undefined]][]) {
      const [before, after] = [await read(beforeKey), await read(afterKey)];
      if (before && after) out[split] = { before, after };
    }
    return out;
  } finally {
    await store.close();
  }
}

/**
 * Folded transcripts (initial and final toolset side by side in one
 * `<details>`) of the first three fixed and three broken tasks of a split (by
 * task id); every
 * model- or user-written string escaped. Empty when no record is there.
 *
 * @example
 * flipTranscriptsHtml(taskFlips(summary).train ?? [], records.train);
 */
export function flipTranscriptsHtml(flips: TaskFlip[], records: FlipRecords[CurveSplit]): string {
  if (!records) return "";
  const shown = (["fixed", "broken"] as const).flatMap((change) =>
    flips
      .filter((t) => t.change === change && records.before.has(t.taskId) && records.after.has(t.taskId))
      // Task ids in natural order, not the order tasks happened to finish in.
      .sort((a, b) => a.taskId.localeCompare(b.taskId, "en", { numeric: true }))
      .slice(0, SHOWN),
  );
  return shown
    .map((t) => {
      const transcript = (r: ExecutionRecord) => `<pre>${escapeHtml(renderTranscript(r, { maxChars: MAX_CHARS }))}</pre>`;
      return `<details class="transcript"><summary><code>${escapeHtml(t.taskId)}</code> ${t.change} (${t.before} → ${t.after})</summary>
<div class="pair"><div><h4>initial toolset</h4>${transcript(records.before.get(t.taskId)!)}</div><div><h4>final toolset</h4>${transcript(records.after.get(t.taskId)!)}</div></div></details>`;
    })
    .join("\n");
}
