import { MATH_TYPES as TYPE_OF } from "../datasets/preset-selector.js";
import { DEFAULTS } from "../defaults.js";
import type { CellMetric, ExperimentName } from "./types.js";

/**
 * The seven MATH types in the order of the paper's Table 1: `type` is the
 * value of the dataset's `type` field (`data/math/*.jsonl`), `paper` the
 * abbreviation the paper prints.
 *
 * @example
 * import { MATH_TYPES } from "toolforge";
 * MATH_TYPES.find((t) => t.paper === "C.Probability")?.type; // "Counting & Probability"
 */
export const MATH_TYPES = [
  { type: TYPE_OF.prealgebra, paper: "P.Algebra" },
  { type: TYPE_OF.algebra, paper: "Algebra" },
  { type: TYPE_OF["intermediate-algebra"], paper: "I.Algebra" },
  { type: TYPE_OF.geometry, paper: "Geometry" },
  { type: TYPE_OF["counting-probability"], paper: "C.Probability" },
  { type: TYPE_OF.precalculus, paper: "Precalculus" },
  { type: TYPE_OF["number-theory"], paper: "N.Theory" },
] as const;

/**
 * A value of the MATH dataset's `type` field.
 *
 * @example
 * const t: import("toolforge").MathType = "Counting & Probability";
 */
export type MathType = (typeof MATH_TYPES)[number]["type"];

/**
 * The paper's two agent systems: the row name cells use and the `kind` of
 * toolforge agent that plays it.
 *
 * @example
 * import { AGENT_SYSTEMS } from "toolforge";
 * AGENT_SYSTEMS.map((a) => a.kind); // ["tool-calling", "react"]
 */
export const AGENT_SYSTEMS = [
  { row: "GPT-4+ Agent", kind: "tool-calling" },
  { row: "ReAct Agent", kind: "react" },
] as const;

/**
 * Figure 4's batch-training settings (§3.3.4): 100 training problems of
 * Intermediate Algebra sampled in batches, with epochs chosen so every
 * setting sees the same number of examples (`DEFAULTS.reproduce.batchSchedule`),
 * with the column each fills. The first column of Figure 4 is the regular
 * training of Table 1 (no batches, {@link FIG4_REGULAR}).
 *
 * @example
 * import { FIG4_BATCH_SETTINGS } from "toolforge";
 * FIG4_BATCH_SETTINGS.map((s) => s.epochs); // [40, 20, 13, 10]
 */
export const FIG4_BATCH_SETTINGS: readonly { column: string; batchSize: number; epochs: number }[] = DEFAULTS.reproduce.batchSchedule.map(({ batchSize, epochs }) => ({
  column: `Batch size ${batchSize}`,
  batchSize,
  epochs,
}));

/**
 * One printed entry of a table: the figure `metric` of the cell at
 * (`row`, `column`). An `.after` accuracy names the `.before` entry it is
 * compared with when its own cell has no `.before` scores of that split.
 *
 * @example
 * const e: import("toolforge").LayoutEntry = { row: "GPT-4+ Agent", column: "Algebra", metric: "test.after" };
 */
export interface LayoutEntry {
  row: string;
  column: string;
  metric: CellMetric;
  baseline?: { row: string; column: string; metric: CellMetric };
}

/**
 * How the paper prints an experiment: header groups (a label spanning
 * `span` leaf columns), leaf column labels, and labelled rows of entries
 * (`null`: the paper prints nothing there).
 *
 * @example
 * EXPERIMENT_LAYOUTS.table3.printed.rows[0]!.label; // "No Agent Training"
 */
export interface PrintedTable {
  groups?: readonly { label: string; span: number }[];
  columns: readonly string[];
  rows: readonly { label: string; entries: readonly (LayoutEntry | null)[] }[];
}

/**
 * An experiment's cells and how the paper shows them. `rows` × `columns` are
 * the `row` / `column` names a {@link CellResult} uses, in the paper's order;
 * every pair is one cell (one run directory).
 *
 * @example
 * import { EXPERIMENT_LAYOUTS } from "toolforge";
 * EXPERIMENT_LAYOUTS.table2.columns; // ["GAIA", "TabMWP"]
 */
export interface ExperimentLayout {
  experiment: ExperimentName;
  /** The paper's table or figure, as {@link PaperFigure}`.source` names it. */
  source: string;
  title: string;
  rows: readonly string[];
  columns: readonly string[];
  printed: PrintedTable;
}

type Split = "train" | "test";

/** Tables 1 and 2: rows agent × before/after, columns dataset × Train/Test. */
function agentsByDatasets(columns: readonly string[]): PrintedTable {
  const splits: readonly Split[] = ["train", "test"];
  return {
    groups: columns.map((label) => ({ label, span: splits.length })),
    columns: columns.flatMap(() => ["Train", "Test"]),
    rows: AGENT_SYSTEMS.flatMap(({ row }) =>
      (["before", "after"] as const).map((phase) => ({
        label: `${row} ${phase === "before" ? "w/o" : "w/"} Agent Training`,
        entries: columns.flatMap((column) =>
          splits.map((split): LayoutEntry => ({
            row,
            column,
            metric: `${split}.${phase}`,
            ...(phase === "after" && { baseline: { row, column, metric: `${split}.before` as const } }),
          })),
        ),
      })),
    ),
  };
}

/** Every cell of the grid shows its test accuracy after training. */
function testAfterGrid(rows: readonly string[], columns: readonly string[], rowLabel: (row: string) => string, columnLabel: (column: string) => string): PrintedTable {
  return {
    columns: columns.map(columnLabel),
    rows: rows.map((row) => ({
      label: rowLabel(row),
      entries: columns.map((column): LayoutEntry => ({ row, column, metric: "test.after", baseline: { row, column, metric: "test.before" } })),
    })),
  };
}

const MATH_TYPE_NAMES: readonly string[] = MATH_TYPES.map((t) => t.type);
const AGENT_ROWS: readonly string[] = AGENT_SYSTEMS.map((a) => a.row);
/** Table 3's and Figure 3's MATH types (the paper's choice). */
export const TABLE3_TYPES = ["Number Theory", "Intermediate Algebra", "Counting & Probability"] as const satisfies readonly MathType[];
export const FIG3_TYPES = ["Algebra", "Intermediate Algebra", "Geometry"] as const satisfies readonly MathType[];
/** Table 3's rows, one per ablation: the cell names `toolforge reproduce table3` uses. */
export const TABLE3_VARIANTS = {
  noTraining: "No Agent Training",
  noRollback: "Agent Training w/o Roll-back & Early-stop",
  oneStep: "Agent Training w/o Progressive Function Update",
  full: "Agent Training (Ours)",
} as const;
const TABLE3_NO_TRAINING = TABLE3_VARIANTS.noTraining;
const TABLE3_ROWS: readonly string[] = Object.values(TABLE3_VARIANTS);
/** Figure 4's row and first column. */
export const FIG4_TYPE = "Intermediate Algebra" satisfies MathType;
export const FIG4_REGULAR = "Regular training";
const FIG4_COLUMNS = [FIG4_REGULAR, ...FIG4_BATCH_SETTINGS.map((s) => s.column)];
/** Table 6's one row: both agents' training runs of a dataset combined ({@link combineAgentCells}). */
export const TABLE6_ROW = "Agent training";
const TABLE6_COLUMNS = ["MATH", "GAIA", "TabMWP"];

/**
 * The layout of every experiment: cell names for `toolforge reproduce` and
 * the paper's printed arrangement for the results table. MATH cells use the
 * dataset's `type` values ({@link MATH_TYPES}) as names; Table 1 and 2 rows are
 * {@link AGENT_SYSTEMS}; Table 3's "No Agent Training" cell only needs
 * `before.test` and is the baseline of the other rows; Figure 3's rows are
 * the training type and its columns the test type; Table 6 has one row whose
 * cells carry `functionMetrics`, one position per dataset holding both agents'
 * runs combined (`combineAgentCells`: the paper averages over both agents).
 *
 * @example
 * import { EXPERIMENT_LAYOUTS } from "toolforge";
 * const { rows, columns } = EXPERIMENT_LAYOUTS.table1; // 2 agents × 7 MATH types = 14 cells
 */
export const EXPERIMENT_LAYOUTS: Readonly<Record<ExperimentName, ExperimentLayout>> = {
  table1: {
    experiment: "table1",
    source: "Table 1",
    title: "MATH: train/test accuracy per type, GPT-4+ and ReAct agents, with/without agent training",
    rows: AGENT_ROWS,
    columns: MATH_TYPE_NAMES,
    printed: agentsByDatasets(MATH_TYPE_NAMES),
  },
  table2: {
    experiment: "table2",
    source: "Table 2",
    title: "GAIA and TabMWP: train/test accuracy, GPT-4+ and ReAct agents, with/without agent training",
    rows: AGENT_ROWS,
    columns: ["GAIA", "TabMWP"],
    printed: agentsByDatasets(["GAIA", "TabMWP"]),
  },
  table3: {
    experiment: "table3",
    source: "Table 3",
    title: "Ablations of the GPT-4+ agent's training on three MATH types (test accuracy)",
    rows: TABLE3_ROWS,
    columns: TABLE3_TYPES,
    printed: {
      columns: TABLE3_TYPES,
      rows: TABLE3_ROWS.map((row) => ({
        label: row,
        entries: TABLE3_TYPES.map((column): LayoutEntry =>
          row === TABLE3_NO_TRAINING
            ? { row, column, metric: "test.before" }
            : { row, column, metric: "test.after", baseline: { row: TABLE3_NO_TRAINING, column, metric: "test.before" } },
        ),
      })),
    },
  },
  fig3: {
    experiment: "fig3",
    source: "Figure 3",
    title: "Domain transfer: GPT-4+ agent trained on one MATH type (rows), tested on another (columns)",
    rows: FIG3_TYPES,
    columns: FIG3_TYPES,
    printed: testAfterGrid(FIG3_TYPES, FIG3_TYPES, (r) => `Trained on ${r}`, (c) => `Test: ${c}`),
  },
  fig4: {
    experiment: "fig4",
    source: "Figure 4",
    title: "Batch training on an enlarged Intermediate Algebra training set (test accuracy)",
    rows: [FIG4_TYPE],
    columns: FIG4_COLUMNS,
    printed: testAfterGrid([FIG4_TYPE], FIG4_COLUMNS, (r) => r, (c) => c),
  },
  table6: {
    experiment: "table6",
    source: "Table 6",
    title: "Successful function calls at the second and last epoch, and cyclomatic complexity of the learned functions",
    rows: [TABLE6_ROW],
    columns: TABLE6_COLUMNS,
    printed: {
      columns: TABLE6_COLUMNS,
      rows: (
        [
          ["Second Epoch", "calls.second"],
          ["Last Epoch", "calls.last"],
          ["Avg. Complexity", "complexity"],
        ] as const
      ).map(([label, metric]) => ({ label, entries: TABLE6_COLUMNS.map((column): LayoutEntry => ({ row: TABLE6_ROW, column, metric })) })),
    },
  },
};
