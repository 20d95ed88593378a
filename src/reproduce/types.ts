/**
 * Shared vocabulary of `toolforge reproduce`: the experiments of the paper, the
 * result one finished cell writes, and the paper's own figures it is compared with.
 */

/**
 * The paper's experiments, one `toolforge reproduce <name>` each.
 *
 * @example
 * import { EXPERIMENT_NAMES } from "toolforge";
 * console.log(EXPERIMENT_NAMES.includes("table1")); // true
 */
export const EXPERIMENT_NAMES = ["table1", "table2", "table3", "fig3", "fig4", "table6"] as const;

/** One of {@link EXPERIMENT_NAMES}. */
export type ExperimentName = (typeof EXPERIMENT_NAMES)[number];

/** The splits a cell is scored on. */
export type ReproduceSplit = "train" | "test";

/**
 * A figure a cell reports: `"<split>.before"` / `"<split>.after"` accuracies (0–1),
 * Table 6's successful function calls at the second and last step, and the mean
 * cyclomatic complexity of the final functions.
 */
export type CellMetric =
  | `${ReproduceSplit}.before`
  | `${ReproduceSplit}.after`
  | "calls.second"
  | "calls.last"
  | "complexity";

/** Per-task scores of one evaluation, keyed by task id (1 = solved, 0 = not). */
export type TaskScores = Record<string, number>;

/**
 * What one finished cell measured; written as `cell.json` in the cell's run
 * directory, and read back by the table renderer (so a re-run skips it).
 *
 * @example
 * const cell: import("toolforge").CellResult = {
 *   experiment: "table1", cellId: "algebra.tool-calling", row: "GPT-4+ Agent", column: "Algebra",
 *   before: { test: { t1: 1, t2: 0 } }, after: { test: { t1: 1, t2: 1 } },
 *   usage: { inputTokens: 0, outputTokens: 0 },
 * };
 */
export interface CellResult {
  experiment: ExperimentName;
  /** Stable id, also the cell's folder name (e.g. `"algebra.tool-calling"`). */
  cellId: string;
  /** Row and column of the paper's table or figure this cell fills (names: `EXPERIMENT_LAYOUTS`). */
  row: string;
  column: string;
  /** Per-task scores with the initial function set, per split evaluated. */
  before: Partial<Record<ReproduceSplit, TaskScores>>;
  /** Per-task scores with the trained function set, per split evaluated. */
  after: Partial<Record<ReproduceSplit, TaskScores>>;
  /** Table 6 figures, when the experiment measures them. */
  functionMetrics?: { callsSecondStep?: number; callsLastStep?: number; meanComplexity?: number };
  /** Tokens (and dollars when prices are known) this cell spent. */
  usage: { inputTokens: number; outputTokens: number; costUsd?: number };
}

/**
 * A number the paper reports, transcribed as data with where it comes from.
 * Accuracies are fractions (0–1); counts and complexity are as printed.
 *
 * @example
 * const fig: import("toolforge").PaperFigure = {
 *   experiment: "table1", source: "Table 1", row: "GPT-4+ Agent", column: "Algebra", metric: "test.after", value: 0.65,
 * };
 */
export interface PaperFigure {
  experiment: ExperimentName;
  /** The table or figure of the paper, e.g. `"Table 1"`, `"Figure 3"`. */
  source: string;
  row: string;
  column: string;
  metric: CellMetric;
  value: number;
}
