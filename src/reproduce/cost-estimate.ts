import { DEFAULTS } from "../defaults.js";
import type { ModelPrice } from "../training/types.js";
import type { ExperimentCell } from "./experiments.js";

/**
 * What one cell is expected to cost, from `DEFAULTS.reproduce.estimate`'s
 * averages (an estimate, not a bound: `maxSteps` caps the steps).
 *
 * @example
 * const e: import("toolforge").CellEstimate = { cellId: "algebra.react", trainTasks: 20, testTasks: 80, steps: 15, agentCalls: 1440, optimizerCalls: 60, inputTokens: 2_880_000, outputTokens: 480_000, usd: 12, seconds: 1740 };
 */
export interface CellEstimate {
  cellId: string;
  trainTasks: number;
  testTasks: number;
  /** Optimizer steps assumed (0 for cells that do not train). */
  steps: number;
  agentCalls: number;
  optimizerCalls: number;
  inputTokens: number;
  outputTokens: number;
  /** `undefined` when a model in use has no known price. */
  usd: number | undefined;
  /** Expected wall time with the given concurrency. */
  seconds: number;
}

/**
 * Inputs of {@link estimateCell}.
 *
 * @example
 * const o: import("toolforge").EstimateInputs = { trainTasks: 20, testTasks: 80, agentPrice: { inputPerMTok: 2.5, outputPerMTok: 10 }, optimizerPrice: undefined, concurrency: 4 };
 */
export interface EstimateInputs {
  trainTasks: number;
  testTasks: number;
  agentPrice: ModelPrice | undefined;
  optimizerPrice: ModelPrice | undefined;
  concurrency: number;
}

function stepsOf(cell: ExperimentCell): number {
  const t = cell.training;
  if (cell.kind !== "train" || !t) return 0;
  const cap = Math.min(t.maxSteps, DEFAULTS.reproduce.estimate.stepsPerCell);
  // Without roll-back every step is an accepted epoch and nothing stops early: maxEpochs steps.
  return t.rollback === false ? Math.min(t.maxEpochs, t.maxSteps) : cap;
}

function dollars(price: ModelPrice | undefined, input: number, output: number): number | undefined {
  return price && (input * price.inputPerMTok + output * price.outputPerMTok) / 1e6;
}

/**
 * Expected tasks, model calls, tokens, dollars and time of one cell: a
 * training cell evaluates the training set once per step plus once for the
 * initial set, then the initial and the trained set on the test split; the
 * optimizer makes `optimizerCallsPerStep` calls per step (one in one-step
 * mode). Evaluation-only cells score the test split once.
 *
 * @example
 * import { estimateCell, experimentCells } from "toolforge";
 * const [cell] = experimentCells("table1");
 * const e = estimateCell(cell, { trainTasks: 20, testTasks: 80, agentPrice: undefined, optimizerPrice: undefined, concurrency: 4 });
 * console.log(e.agentCalls, e.usd); // 1440 undefined
 */
export function estimateCell(cell: ExperimentCell, o: EstimateInputs): CellEstimate {
  const E = DEFAULTS.reproduce.estimate;
  const steps = stepsOf(cell);
  const trainTasks = cell.kind === "train" ? o.trainTasks : 0;
  const testRuns = cell.kind === "train" ? 2 : 1;
  const taskRuns = trainTasks * (1 + steps) + o.testTasks * testRuns;
  const agentCalls = taskRuns * E.agentCallsPerTask;
  const optimizerCalls = steps * (cell.training?.optimizerMode === "one-step" ? 1 : E.optimizerCallsPerStep);
  const agentIn = agentCalls * E.agentInputTokensPerCall;
  const agentOut = agentCalls * E.agentOutputTokensPerCall;
  const optIn = optimizerCalls * E.optimizerInputTokensPerCall;
  const optOut = optimizerCalls * E.optimizerOutputTokensPerCall;
  const agentUsd = dollars(o.agentPrice, agentIn, agentOut);
  const optUsd = optimizerCalls === 0 ? 0 : dollars(o.optimizerPrice, optIn, optOut);
  return {
    cellId: cell.cellId,
    trainTasks,
    testTasks: o.testTasks,
    steps,
    agentCalls,
    optimizerCalls,
    inputTokens: agentIn + optIn,
    outputTokens: agentOut + optOut,
    usd: agentUsd === undefined || optUsd === undefined ? undefined : agentUsd + optUsd,
    seconds: (agentCalls * E.secondsPerAgentCall) / Math.max(1, o.concurrency) + optimizerCalls * E.secondsPerOptimizerCall,
  };
}

/**
 * The sum of cell estimates (dollars unknown if any cell's are).
 *
 * @example
 * import { totalEstimate } from "toolforge";
 * totalEstimate([]).agentCalls; // 0
 */
export function totalEstimate(cells: readonly CellEstimate[]): Omit<CellEstimate, "cellId" | "steps"> {
  const sum = (f: (c: CellEstimate) => number) => cells.reduce((s, c) => s + f(c), 0);
  return {
    trainTasks: sum((c) => c.trainTasks),
    testTasks: sum((c) => c.testTasks),
    agentCalls: sum((c) => c.agentCalls),
    optimizerCalls: sum((c) => c.optimizerCalls),
    inputTokens: sum((c) => c.inputTokens),
    outputTokens: sum((c) => c.outputTokens),
    usd: cells.some((c) => c.usd === undefined) ? undefined : sum((c) => c.usd!),
    seconds: sum((c) => c.seconds),
  };
}

/**
 * The dry-run table: one line per cell and a total.
 *
 * @example
 * import { formatEstimate } from "toolforge";
 * console.log(formatEstimate([]));
 */
export function formatEstimate(cells: readonly CellEstimate[]): string {
  const usd = (v: number | undefined) => (v === undefined ? "unknown (no price; pass --prices)" : `$${v.toFixed(2)}`);
  const hours = (s: number) => `${(s / 3600).toFixed(1)} h`;
  const line = (id: string, c: Omit<CellEstimate, "cellId" | "steps">) =>
    `${id.padEnd(34)} ${String(c.trainTasks).padStart(5)} ${String(c.testTasks).padStart(5)} ${String(c.agentCalls).padStart(8)} ${String(c.optimizerCalls).padStart(6)} ${String(c.inputTokens + c.outputTokens).padStart(11)} ${hours(c.seconds).padStart(7)}  ${usd(c.usd)}`;
  const header = `${"cell".padEnd(34)} ${"train".padStart(5)} ${"test".padStart(5)} ${"agent".padStart(8)} ${"optim".padStart(6)} ${"tokens".padStart(11)} ${"time".padStart(7)}  cost`;
  return [header, ...cells.map((c) => line(c.cellId, c)), line("total", totalEstimate(cells))].join("\n");
}
