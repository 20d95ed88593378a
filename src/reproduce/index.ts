export * from "./types.js";
export { MATH_TYPES, AGENT_SYSTEMS, FIG4_BATCH_SETTINGS, EXPERIMENT_LAYOUTS, type MathType, type LayoutEntry, type PrintedTable, type ExperimentLayout } from "./layouts.js";
export { PAPER_FIGURES, PAPER_FIGURE_GAPS, paperFigure, type PaperFigureGap } from "./paper-figures.js";
export { indexCells, measureEntries, type CellIndex, type MeasuredEntry, type MeasuredRow } from "./table-entries.js";
export { REPRODUCTION_NOTICE, reproductionLegend } from "./entry-format.js";
export { buildReproductionReport, type ReproductionReport } from "./reproduction-report.js";
export { renderReproductionHtml } from "./reproduction-table-html.js";
export { renderReproductionTables } from "./reproduction-table.js";
export { ReproductionTableError } from "./reproduction-table-error.js";
