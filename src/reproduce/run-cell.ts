import { join } from "node:path";
import { recordCellProtocol } from "./cell-protocol.js";
import { evaluateWithEvents } from "../cli/evaluate-with-events.js";
import type { ProgressPrinter } from "../cli/progress.js";
import type { CliCapabilities } from "../cli/capability-options.js";
import { bestStepOf, runTraining } from "../cli/run-training.js";
import type { TrainConfig } from "../cli/train-config.js";
import { loadDataset } from "../datasets/load-dataset.js";
import { startScriptedModels } from "../demo/scripted-models.js";
import { DEFAULTS } from "../defaults.js";
import { writeFileAtomicSync } from "../functions/atomic-write.js";
import { Toolset } from "../functions/toolset.js";
import { createModel } from "../models/create-model.js";
import type { ModelCache } from "../models/model-cache.js";
import type { RequestGate } from "../models/request-gate.js";
import type { ModelSpec } from "../models/types.js";
import type { Sandbox } from "../sandbox/types.js";
import { RunDirectory } from "../training/run-directory.js";
import { cellFunctionMetrics } from "./cell-function-metrics.js";
import { CELL_FILE, collectCellResult, readCellResult } from "./cell-result.js";
import type { ExperimentCell } from "./experiments.js";
import type { SpendLedger } from "./spend-ledger.js";
import type { CellResult } from "./types.js";

/**
 * What every cell of one `toolforge reproduce` invocation shares.
 *
 * @example
 * const ctx: CellRunContext = { out: "runs/table1", model: "openai:gpt-4o", optimizerModel: "openai:gpt-4o", concurrency: 4, printer, signal, requestGate, sandbox, ledger, pricesKnown: true };
 */
export interface CellRunContext {
  out: string;
  model: ModelSpec;
  optimizerModel: ModelSpec;
  /** Tasks per split (cheap trials). */
  limit?: number;
  concurrency: number;
  levels?: number[];
  capabilities?: CliCapabilities;
  printer: ProgressPrinter;
  signal: AbortSignal;
  requestGate: RequestGate;
  sandbox: Sandbox;
  ledger: SpendLedger;
  /** Whether every model in use has a price (`usage.costUsd` is written only then). */
  pricesKnown: boolean;
}

/**
 * A cell's folder under the experiment's `--out`.
 *
 * @example
 * import { cellDirOf } from "./run-cell.js";
 * cellDirOf("runs/table1", "algebra.react"); // "runs/table1/algebra.react"
 */
export function cellDirOf(out: string, cellId: string): string {
  return join(out, cellId);
}

/**
 * The training config of a `train` cell, stored as the cell's `config.json`
 * (so `toolforge resume <cell-dir>` can continue it too).
 *
 * @example
 * import { experimentCells } from "toolforge";
 * import { cellTrainConfig } from "./run-cell.js";
 * cellTrainConfig(experimentCells("table1")[0], { model: "openai:gpt-4o", optimizerModel: "openai:gpt-4o", concurrency: 4 } as any).data; // "math:train20@prealgebra"
 */
export function cellTrainConfig(cell: ExperimentCell, ctx: Pick<CellRunContext, "model" | "optimizerModel" | "limit" | "concurrency" | "levels" | "capabilities">): TrainConfig {
  const t = cell.training!;
  return {
    format: "toolforge.train-config",
    version: 1,
    data: cell.train!,
    test: cell.test,
    ...(ctx.limit !== undefined && { limit: ctx.limit }),
    agent: cell.agent,
    model: ctx.model,
    optimizerModel: ctx.optimizerModel,
    maxSteps: t.maxSteps,
    patience: t.patience,
    maxEpochs: t.maxEpochs,
    rollback: t.rollback ?? true,
    ...(t.optimizerMode && { optimizerMode: t.optimizerMode }),
    maxActions: t.maxActions,
    concurrency: ctx.concurrency,
    ...(t.batchSize !== undefined && { batchSize: t.batchSize }),
    seed: DEFAULTS.training.seed,
    codeInterpreter: true,
    ...(ctx.capabilities && { capabilities: ctx.capabilities }),
    ...(ctx.levels && { levels: ctx.levels }),
    note: `toolforge reproduce ${cell.experiment}, cell ${cell.cellId}`,
  };
}

/**
 * Runs one cell to the end — or continues it, if an earlier run was
 * interrupted — and writes its `cell.json`. A finished cell is read back,
 * not run. Returns `undefined` when interrupted (the signal aborted), so
 * the next invocation resumes it.
 *
 * @example
 * import { runCell } from "./run-cell.js";
 * const result = await runCell(cell, ctx);
 */
export async function runCell(cell: ExperimentCell, ctx: CellRunContext): Promise<CellResult | undefined> {
  const dir = cellDirOf(ctx.out, cell.cellId);
  recordCellProtocol(cell, ctx.out, ctx);
  const done = readCellResult(dir);
  if (done) return done;
  ctx.ledger.cell = cell.cellId;
  const bestStep = cell.kind === "train" ? await trainCell(cell, dir, ctx) : await evaluateCell(cell, dir, ctx);
  if (bestStep === undefined) return undefined;
  const events = new RunDirectory(dir).readEvents();
  const result = collectCellResult(cell, events, bestStep, ctx.ledger.spentBy(cell.cellId), ctx.pricesKnown);
  if (cell.functionMetrics) result.functionMetrics = await cellFunctionMetrics(dir);
  writeFileAtomicSync(join(dir, CELL_FILE), JSON.stringify(result, null, 2) + "\n");
  return result;
}

async function trainCell(cell: ExperimentCell, dir: string, ctx: CellRunContext): Promise<number | undefined> {
  const started = new RunDirectory(dir).readInfo() !== undefined;
  const run = await runTraining({
    config: cellTrainConfig(cell, ctx),
    runDir: dir,
    printer: ctx.printer,
    // A folder with no run.json yet holds at most a config.json from a run killed before it began.
    resume: started,
    force: !started,
    signal: ctx.signal,
    requestGate: ctx.requestGate,
    testSteps: "initial-and-best",
    sandbox: ctx.sandbox,
  });
  return run.result.stopReason === "aborted" ? undefined : bestStepOf(run.result.steps);
}

/** `evaluate` cells score the initial set (step 0); `transfer` cells the set their training cell returned (step 1). */
async function evaluateCell(cell: ExperimentCell, dir: string, ctx: CellRunContext): Promise<number | undefined> {
  const step = cell.kind === "transfer" ? 1 : 0;
  const runDir = new RunDirectory(dir);
  const lock = runDir.lock(`toolforge reproduce ${cell.experiment}`);
  const scripted = await startScriptedModels([ctx.model]);
  let cache: ModelCache | undefined;
  try {
    if (runDir.readEvents().some((e) => e.type === "evaluation_end" && e.phase === "test" && e.step === step)) return step;
    const toolset = cell.kind === "transfer" ? await Toolset.load(join(cellDirOf(ctx.out, cell.from!), "best.toolset.json")) : Toolset.empty();
    const test = await loadDataset(cell.test, { ...(ctx.limit !== undefined && { limit: ctx.limit }), ...(ctx.levels && { gaia: { levels: ctx.levels, seed: DEFAULTS.training.seed } }) });
    // The cell's own cache: an evaluation interrupted and run again re-issues no completed call.
    cache = runDir.openModelCache();
    const model = createModel(scripted.resolve(ctx.model), { cache, requestGate: ctx.requestGate });
    await evaluateWithEvents({
      agent: { kind: cell.agent, model, codeInterpreter: true },
      toolset,
      tasks: test.tasks,
      scorer: test.scorer,
      sandbox: ctx.sandbox,
      concurrency: ctx.concurrency,
      signal: ctx.signal,
      step,
      phase: "test",
      onEvent: (e) => {
        if (runDir.appendEvent(e)) ctx.printer.event(e);
      },
    });
    return step;
  } catch (error) {
    if (ctx.signal.aborted) return undefined;
    throw error;
  } finally {
    await cache?.close();
    await scripted.close();
    lock.release();
  }
}
