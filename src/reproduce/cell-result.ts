import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { TrainingEvent } from "../training/events.js";
import { ReproduceError } from "./errors.js";
import type { ExperimentCell } from "./experiments.js";
import type { Spend } from "./spend-ledger.js";
import { EXPERIMENT_NAMES, type CellResult, type TaskScores } from "./types.js";

/**
 * The file a finished cell writes in its run directory.
 *
 * @example
 * import { CELL_FILE } from "toolforge";
 * console.log(CELL_FILE); // "cell.json"
 */
export const CELL_FILE = "cell.json";

type EvaluationPhase = Extract<TrainingEvent, { type: "task_done" }>["phase"];

/**
 * Per-task scores of one evaluation from a run's events, or `undefined` when
 * that evaluation did not finish.
 *
 * @example
 * import { scoresOf } from "./cell-result.js";
 * scoresOf(events, "test", 0); // { "test/algebra/12.json": 1, … }
 */
export function scoresOf(events: readonly TrainingEvent[], phase: EvaluationPhase, step: number): TaskScores | undefined {
  if (!events.some((e) => e.type === "evaluation_end" && e.phase === phase && e.step === step)) return undefined;
  const scores: TaskScores = {};
  for (const e of events) if (e.type === "task_done" && e.phase === phase && e.step === step) scores[e.taskId] = e.score;
  return scores;
}

function trainScores(events: readonly TrainingEvent[], step: number): TaskScores | undefined {
  return step === 0 ? scoresOf(events, "baseline", 0) : scoresOf(events, "candidate", step);
}

/**
 * The `CellResult` of a finished cell, from its run's events: before = the
 * initial toolset (step 0), after = the toolset the run returned (`bestStep`;
 * the initial one again for a cell without training), on each split scored.
 * Table 6's `functionMetrics` come from the run directory (`cellFunctionMetrics`).
 *
 * @example
 * import { collectCellResult } from "./cell-result.js";
 * const result = collectCellResult(cell, events, 3, { inputTokens: 10, outputTokens: 2, usd: 0 });
 */
export function collectCellResult(cell: ExperimentCell, events: readonly TrainingEvent[], bestStep: number, spend: Spend, withUsd: boolean): CellResult {
  const split = (scores: TaskScores | undefined, key: "train" | "test") => (scores ? { [key]: scores } : {});
  const before = cell.kind === "transfer" ? {} : { ...split(cell.kind === "train" ? trainScores(events, 0) : undefined, "train"), ...split(scoresOf(events, "test", 0), "test") };
  const after = { ...split(cell.kind === "train" ? trainScores(events, bestStep) : undefined, "train"), ...split(scoresOf(events, "test", bestStep), "test") };
  return {
    experiment: cell.experiment,
    cellId: cell.cellId,
    row: cell.row,
    column: cell.column,
    before,
    after,
    usage: { inputTokens: spend.inputTokens, outputTokens: spend.outputTokens, ...(withUsd && { costUsd: spend.usd }) },
  };
}

/**
 * The finished result of the cell in `cellDir`, or `undefined` when the cell
 * has not finished. A `cell.json` that is not a cell result is a
 * `ReproduceError` naming the file (delete it to run that cell again).
 *
 * @example
 * import { readCellResult } from "toolforge";
 * const done = readCellResult("runs/table1/algebra.react");
 */
export function readCellResult(cellDir: string): CellResult | undefined {
  const file = join(cellDir, CELL_FILE);
  if (!existsSync(file)) return undefined;
  let data: Partial<CellResult> | undefined;
  try {
    data = JSON.parse(readFileSync(file, "utf8")) as Partial<CellResult>;
  } catch {
    data = undefined;
  }
  if (!data || !EXPERIMENT_NAMES.includes(data.experiment!) || typeof data.cellId !== "string" || typeof data.before !== "object" || typeof data.after !== "object") {
    throw new ReproduceError("E_REPRODUCE_CELL_FILE", `${file}: not a cell result; delete it to run that cell again`, { path: file });
  }
  return data as CellResult;
}
