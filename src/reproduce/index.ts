// The public surface of `toolforge reproduce` as a library: experiment cells,
// cost estimates, the results table, the paper's figures, errors and types.
// Running an experiment goes through the CLI (`toolforge reproduce`): its
// runner is built on the CLI's training runner, which the root does not load.
export * from "./types.js";
export { MATH_TYPES, AGENT_SYSTEMS, FIG4_BATCH_SETTINGS, EXPERIMENT_LAYOUTS, type MathType, type LayoutEntry, type PrintedTable, type ExperimentLayout } from "./layouts.js";
export { PAPER_FIGURES, PAPER_FIGURE_GAPS, paperFigure, type PaperFigureGap } from "./paper-figures.js";
export type { MeasuredEntry, MeasuredRow } from "./table-entries.js";
export type { ReproductionReport } from "./reproduction-report.js";
export { renderReproductionTables } from "./reproduction-table.js";
export { combineAgentCells } from "./combine-agent-cells.js";
export { ReproductionTableError } from "./reproduction-table-error.js";
export { cellFunctionMetrics } from "./cell-function-metrics.js";
export { ReproduceError } from "./errors.js";
export { experimentCells, selectCells, type ExperimentCell, type ExperimentOptions, type CellTraining, type ReproduceAgent } from "./experiments.js";
export { MODEL_PRICES, priceOfSpec } from "./model-prices.js";
export { estimateCell, totalEstimate, formatEstimate, type CellEstimate, type EstimateInputs } from "./cost-estimate.js";
export { SpendLedger, type Spend } from "./spend-ledger.js";
export { CELL_FILE, readCellResult } from "./cell-result.js";
