import { join } from "node:path";
import { loadDataset } from "../datasets/load-dataset.js";
import { DEFAULTS } from "../defaults.js";
import { writeFileAtomicSync } from "../functions/atomic-write.js";
import type { ModelSpec } from "../models/types.js";
import type { ModelPrice } from "../training/types.js";
import { assertCellProtocol } from "./cell-protocol.js";
import { combineAgentCells } from "./combine-agent-cells.js";
import { readCellResult } from "./cell-result.js";
import { estimateCell, type CellEstimate } from "./cost-estimate.js";
import type { ExperimentCell } from "./experiments.js";
import { priceOfSpec } from "./model-prices.js";
import { renderReproductionTables } from "./reproduction-table.js";
import { cellDirOf, runCell, type CellRunContext } from "./run-cell.js";
import type { CellResult, ExperimentName } from "./types.js";

/**
 * An experiment's cells with their task counts and cost estimates, made
 * before anything runs (loading every dataset checks it, too).
 *
 * @example
 * const plan: import("toolforge").ExperimentPlan = await planExperiment(cells, { out: "runs/t1", model: "openai:gpt-4o", optimizerModel: "openai:gpt-4o", concurrency: 4 });
 */
export interface ExperimentPlan {
  cells: ExperimentCell[];
  /** Cells already finished in `out` (skipped by a run). */
  finished: Set<string>;
  /** Estimates of the unfinished cells. */
  estimates: CellEstimate[];
  agentPrice: ModelPrice | undefined;
  optimizerPrice: ModelPrice | undefined;
}

/**
 * Inputs of {@link planExperiment}.
 *
 * @example
 * const o: import("toolforge").PlanOptions = { out: "runs/t1", model: "ollama:llama3.1", optimizerModel: "ollama:llama3.1", concurrency: 4, limit: 5 };
 */
export interface PlanOptions {
  out: string;
  model: ModelSpec;
  optimizerModel: ModelSpec;
  concurrency: number;
  limit?: number;
  levels?: number[];
  prices?: Record<string, ModelPrice>;
}

/**
 * Loads each cell's datasets (bad sources fail here, as `DatasetError`s),
 * notes the finished cells and estimates the rest.
 *
 * @example
 * import { experimentCells, planExperiment } from "toolforge";
 * const plan = await planExperiment(experimentCells("table3"), { out: "runs/t3", model: "ollama:llama3.1", optimizerModel: "ollama:llama3.1", concurrency: 4, limit: 2 });
 */
export async function planExperiment(cells: readonly ExperimentCell[], o: PlanOptions): Promise<ExperimentPlan> {
  const sizes = new Map<string, number>();
  const sizeOf = async (source: string) => {
    if (!sizes.has(source)) {
      const d = await loadDataset(source, { ...(o.limit !== undefined && { limit: o.limit }), ...(o.levels && { gaia: { levels: o.levels, seed: DEFAULTS.training.seed } }) });
      sizes.set(source, d.tasks.length);
    }
    return sizes.get(source)!;
  };
  const agentPrice = priceOfSpec(o.model, o.prices);
  const optimizerPrice = priceOfSpec(o.optimizerModel, o.prices);
  const finished = new Set<string>();
  const estimates: CellEstimate[] = [];
  for (const cell of cells) {
    const trainTasks = cell.train ? await sizeOf(cell.train) : 0;
    const testTasks = await sizeOf(cell.test);
    assertCellProtocol(cell, o.out, o);
    if (readCellResult(cellDirOf(o.out, cell.cellId))) finished.add(cell.cellId);
    else estimates.push(estimateCell(cell, { trainTasks, testTasks, agentPrice, optimizerPrice, concurrency: o.concurrency }));
  }
  return { cells: [...cells], finished, estimates, agentPrice, optimizerPrice };
}

/**
 * How an experiment run ended: every cell finished, or it stopped early
 * (the budget was reached, or it was interrupted) with the finished cells so far.
 *
 * @example
 * const r: import("toolforge").ExperimentRunResult = { results: [], stopped: "budget" };
 */
export interface ExperimentRunResult {
  results: CellResult[];
  stopped?: "budget" | "interrupted";
}

/**
 * Runs an experiment's cells one after the other — training cells first, so
 * a `transfer` cell finds its trained toolset —, skipping finished ones and
 * resuming interrupted ones. Before each cell, and through `ctx.signal`
 * while one runs (the caller aborts it when the ledger reaches the budget),
 * the experiment stops once `budgetUsd` is spent.
 *
 * @example
 * import { runExperiment } from "toolforge";
 * const { results, stopped } = await runExperiment(cells, ctx, { budgetUsd: 20, budgetReached: () => false });
 */
export async function runExperiment(cells: readonly ExperimentCell[], ctx: CellRunContext, budget: { budgetUsd?: number; budgetReached: () => boolean }): Promise<ExperimentRunResult> {
  const order = [...cells.filter((c) => c.kind === "train"), ...cells.filter((c) => c.kind !== "train")];
  const byId = new Map<string, CellResult>();
  let stopped: ExperimentRunResult["stopped"];
  for (const cell of order) {
    const finished = readCellResult(cellDirOf(ctx.out, cell.cellId));
    if (finished) {
      ctx.printer.info(`${cell.cellId}: finished earlier, skipped`);
      byId.set(cell.cellId, finished);
      continue;
    }
    if (budget.budgetUsd !== undefined && ctx.ledger.total.usd >= budget.budgetUsd) {
      stopped = "budget";
      break;
    }
    ctx.printer.info(`\n== ${cell.experiment} · ${cell.cellId} (${cell.row} / ${cell.column}) ==`);
    const result = await runCell(cell, ctx);
    if (!result) {
      stopped = budget.budgetReached() ? "budget" : "interrupted";
      break;
    }
    byId.set(cell.cellId, result);
  }
  return { results: cells.flatMap((c) => byId.get(c.cellId) ?? []), ...(stopped && { stopped }) };
}

/**
 * Renders the finished cells with `renderReproductionTables` (Table 6's two
 * agent cells of a dataset combined by `combineAgentCells`) and writes
 * `results.md`, `results.html` and `results.json` in `out`; returns the Markdown.
 *
 * @example
 * import { writeReproductionResults } from "toolforge";
 * console.log(writeReproductionResults("runs/table1", "table1", results));
 */
export function writeReproductionResults(out: string, experiment: ExperimentName, results: readonly CellResult[]): string {
  const { markdown, html, json } = renderReproductionTables(experiment, combineAgentCells(results));
  writeFileAtomicSync(join(out, "results.md"), markdown);
  writeFileAtomicSync(join(out, "results.html"), html);
  writeFileAtomicSync(join(out, "results.json"), JSON.stringify(json, null, 2) + "\n");
  return markdown;
}
