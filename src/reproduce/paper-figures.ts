import { AGENT_SYSTEMS, EXPERIMENT_LAYOUTS } from "./layouts.js";
import type { CellMetric, ExperimentName, PaperFigure } from "./types.js";

// Transcribed by hand from the paper's text (arXiv 2402.11359v4), percentages
// exactly as printed (Table 1's 82.6 % is kept although n = 80 cannot give it).
// Rows per agent: [w/o training, w/ training], each [train, test] per column.
type PrintedPair = readonly [train: number, test: number];
type AgentRows = Record<(typeof AGENT_SYSTEMS)[number]["row"], readonly [before: readonly PrintedPair[], after: readonly PrintedPair[]]>;

/** Columns in the order of {@link EXPERIMENT_LAYOUTS}' `columns` (MATH_TYPES order). */
const TABLE1: AgentRows = {
  "GPT-4+ Agent": [
    [[60.0, 78.8], [55.0, 66.3], [30.0, 30.0], [30.0, 40.0], [65.0, 72.5], [5.0, 32.5], [70.0, 56.3]],
    [[65.0, 82.6], [65.0, 65.0], [40.0, 38.8], [40.0, 42.5], [65.0, 76.3], [10.0, 35.0], [80.0, 67.5]],
  ],
  "ReAct Agent": [
    [[55.0, 87.5], [55.0, 83.8], [25.0, 50.0], [5.0, 53.8], [45.0, 73.8], [5.0, 53.8], [75.0, 68.8]],
    [[55.0, 87.5], [60.0, 82.5], [35.0, 51.3], [15.0, 58.8], [50.0, 78.8], [10.0, 62.5], [75.0, 72.5]],
  ],
};

/** Columns GAIA, TabMWP. */
const TABLE2: AgentRows = {
  "GPT-4+ Agent": [
    [[10.0, 16.0], [30.0, 51.0]],
    [[30.0, 23.0], [66.7, 56.0]],
  ],
  "ReAct Agent": [
    [[20.0, 12.0], [63.3, 59.0]],
    [[40.0, 18.0], [73.3, 70.0]],
  ],
};

/** Test accuracies; columns Number Theory, Intermediate Algebra, Counting & Probability (layout order). */
const TABLE3: readonly (readonly [row: string, metric: CellMetric, values: readonly number[]])[] = [
  ["No Agent Training", "test.before", [56.3, 30.0, 72.5]],
  ["Agent Training w/o Roll-back & Early-stop", "test.after", [63.8, 36.3, 72.5]],
  ["Agent Training w/o Progressive Function Update", "test.after", [60.0, 28.8, 70.0]],
  ["Agent Training (Ours)", "test.after", [67.5, 38.8, 76.3]],
];

/** Columns MATH, GAIA, TabMWP. */
const TABLE6: readonly (readonly [metric: CellMetric, values: readonly number[]])[] = [
  ["calls.second", [11, 8, 19]],
  ["calls.last", [23, 10, 41]],
  ["complexity", [1.2, 3.7, 5.0]],
];

/** A percentage as printed → a fraction, without binary noise such as 0.7879999. */
const fraction = (percent: number) => Math.round(percent * 1e4) / 1e6;

function agentTable(experiment: ExperimentName, source: string, table: AgentRows): PaperFigure[] {
  const { columns } = EXPERIMENT_LAYOUTS[experiment];
  return Object.entries(table).flatMap(([row, phases]) =>
    (["before", "after"] as const).flatMap((phase, p) =>
      phases[p]!.flatMap(([train, test], i) => [
        { experiment, source, row, column: columns[i]!, metric: `train.${phase}` as const, value: fraction(train) },
        { experiment, source, row, column: columns[i]!, metric: `test.${phase}` as const, value: fraction(test) },
      ]),
    ),
  );
}

/**
 * Every number the paper reports for the experiments `toolforge reproduce`
 * runs, with `row` / `column` named as in {@link EXPERIMENT_LAYOUTS} and the
 * printed row given by `metric`. Accuracies are fractions; Table 6's calls
 * and complexity are as printed. Figures 3 and 4 are bar charts whose values
 * are only in the image: only what the text states is here, the rest is
 * listed in {@link PAPER_FIGURE_GAPS}.
 *
 * @example
 * import { PAPER_FIGURES } from "toolforge";
 * PAPER_FIGURES.find((f) => f.source === "Table 3" && f.row === "Agent Training (Ours)" && f.column === "Number Theory")?.value; // 0.675
 */
export const PAPER_FIGURES: readonly PaperFigure[] = [
  ...agentTable("table1", "Table 1", TABLE1),
  ...agentTable("table2", "Table 2", TABLE2),
  ...TABLE3.flatMap(([row, metric, values]) =>
    values.map((v, i) => ({ experiment: "table3" as const, source: "Table 3", row, column: EXPERIMENT_LAYOUTS.table3.columns[i]!, metric, value: fraction(v) })),
  ),
  // §3.3.3: "Using intermediate algebra for training led to better performance than using algebra (67.5% vs. 65.0%)" when testing on algebra.
  { experiment: "fig3", source: "Figure 3", row: "Intermediate Algebra", column: "Algebra", metric: "test.after", value: fraction(67.5) },
  { experiment: "fig3", source: "Figure 3", row: "Algebra", column: "Algebra", metric: "test.after", value: fraction(65.0) },
  ...TABLE6.flatMap(([metric, values]) =>
    values.map((value, i) => ({ experiment: "table6" as const, source: "Table 6", row: EXPERIMENT_LAYOUTS.table6.rows[0]!, column: EXPERIMENT_LAYOUTS.table6.columns[i]!, metric, value })),
  ),
];

/**
 * A figure the paper shows only as an image, so it is not in
 * {@link PAPER_FIGURES}; `text` is what the paper's text says about it.
 *
 * @example
 * const gap: import("toolforge").PaperFigureGap = { experiment: "fig4", source: "Figure 4", row: "Intermediate Algebra", column: "Batch size 5", metric: "test.after", text: "not stated" };
 */
export interface PaperFigureGap {
  experiment: ExperimentName;
  source: string;
  row: string;
  column: string;
  metric: CellMetric;
  text: string;
}

const FIG3_TEXT = "bar chart only; the text says training and test on the same type gives the best test accuracy for Intermediate Algebra and Geometry, and training on Geometry the worst for Algebra and Intermediate Algebra";
const FIG4_TEXT = "bar chart only; the text says batch size 20 drops test accuracy by 7.8 % against regular training and only one setting improves slightly";

/** The printed entries of a figure for which the text gives no number. */
function untranscribed(experiment: "fig3" | "fig4", text: string): PaperFigureGap[] {
  const { source, printed } = EXPERIMENT_LAYOUTS[experiment];
  return printed.rows
    .flatMap((r) => r.entries)
    .filter((e) => e !== null && paperFigure(experiment, e.row, e.column, e.metric) === undefined)
    .map((e) => ({ experiment, source, row: e!.row, column: e!.column, metric: e!.metric, text }));
}

/**
 * The paper's figures that could not be transcribed (values only in the
 * images of Figures 3 and 4), one entry per missing value. The results table
 * shows "not in text" for them.
 *
 * @example
 * import { PAPER_FIGURE_GAPS } from "toolforge";
 * PAPER_FIGURE_GAPS.filter((g) => g.experiment === "fig4").length; // 5
 */
export const PAPER_FIGURE_GAPS: readonly PaperFigureGap[] = [...untranscribed("fig3", FIG3_TEXT), ...untranscribed("fig4", FIG4_TEXT)];

/**
 * The paper's figure for one entry of a table, if the paper's text gives it.
 *
 * @example
 * import { paperFigure } from "toolforge";
 * paperFigure("table6", "Agent training", "GAIA", "calls.last"); // 10
 */
export function paperFigure(experiment: ExperimentName, row: string, column: string, metric: CellMetric): number | undefined {
  return PAPER_FIGURES.find((f) => f.experiment === experiment && f.row === row && f.column === column && f.metric === metric)?.value;
}
