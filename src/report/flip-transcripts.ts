import type { ExecutionRecord } from "../evaluation/types.js";
import { renderTranscript } from "../evaluation/transcript.js";
import { Toolset } from "../functions/toolset.js";
import type { ToolsetFile } from "../functions/toolset-file.js";
import type { EvaluationPhase } from "../training/events.js";
import type { ExecutionRecordStore } from "../training/record-store.js";
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
 * Reads, through a run's record store, the records of the evaluations whose
 * flips the report shows (see `flipEvaluations`) on every split — train,
 * validation and test. An evaluation is found by the run id, its step and
 * phase, and the hash of the toolset it evaluated: the toolset accepted at
 * that step (`toolsets`, by step; else the hash its `accepted` event
 * carries). Splits without both records are left out (runs of earlier
 * versions kept none).
 *
 * @example
 * const records = await readFlipRecords(await SqliteRecordStore.open("runs/demo/records.sqlite"), summary, toolsetsByStep);
 */
export async function readFlipRecords(records: ExecutionRecordStore, summary: RunSummary, toolsets: ReadonlyMap<number, ToolsetFile>): Promise<FlipRecords> {
  const runId = summary.runId;
  if (!runId) return {};
  const hashOf = (step: number): string | undefined => {
    const file = toolsets.get(step);
    return file ? Toolset.fromJSON(file).hash : summary.steps.find((s) => s.step === step)?.toolsetHash;
  };
  const read = async (key: string | undefined): Promise<Map<string, ExecutionRecord> | undefined> => {
    if (!key) return undefined;
    const step = parseInt(key, 10);
    const toolset = hashOf(step);
    if (!toolset) return undefined;
    const found = await records.get({ thread: runId, phase: key.slice(key.indexOf(":") + 1) as EvaluationPhase, step, toolset });
    return found.size > 0 ? new Map([...found.values()].map((r) => [r.taskId, r])) : undefined;
  };
  const out: FlipRecords = {};
  for (const [split, [beforeKey, afterKey]] of Object.entries(flipEvaluations(summary)) as [CurveSplit, [string | undefined, string | undefined]][]) {
    const [before, after] = [await read(beforeKey), await read(afterKey)];
    if (before && after) out[split] = { before, after };
  }
  return out;
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
