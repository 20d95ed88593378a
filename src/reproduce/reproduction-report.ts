import { reproductionLegend, REPRODUCTION_NOTICE } from "./entry-format.js";
import { EXPERIMENT_LAYOUTS } from "./layouts.js";
import { indexCells, measureEntries, type MeasuredRow } from "./table-entries.js";
import type { CellResult, ExperimentName } from "./types.js";

/**
 * Everything the results table of one experiment shows; its JSON form.
 *
 * @example
 * const report = renderReproductionTables("table3", cells).json as ReproductionReport;
 * report.rows[3]!.entries[0]?.difference;
 */
export interface ReproductionReport {
  experiment: ExperimentName;
  source: string;
  title: string;
  notice: string;
  legend: string;
  /** Header groups over the leaf columns (Tables 1 and 2: one per dataset). */
  groups: { label: string; span: number }[];
  columns: string[];
  rows: MeasuredRow[];
  /** The cells placed on the grid, with what they spent. */
  cells: { cellId: string; row: string; column: string; usage: CellResult["usage"] }[];
  totals: { cells: number; finished: number; inputTokens: number; outputTokens: number; costUsd?: number };
  /** Cells left out (another experiment, outside the layout, repeated position). */
  warnings: string[];
}

/**
 * Places the cells on the experiment's grid and measures every printed entry.
 *
 * @example
 * import { buildReproductionReport } from "./reproduction-report.js";
 * buildReproductionReport("fig4", []).totals; // { cells: 5, finished: 0, inputTokens: 0, outputTokens: 0 }
 */
export function buildReproductionReport(experiment: ExperimentName, cells: readonly CellResult[]): ReproductionReport {
  const layout = EXPERIMENT_LAYOUTS[experiment];
  const index = indexCells(experiment, cells);
  const placed = layout.rows.flatMap((row) => layout.columns.map((column) => index.get(row, column))).filter((c) => c !== undefined);
  const costs = placed.map((c) => c.usage?.costUsd).filter((c) => typeof c === "number");
  return {
    experiment,
    source: layout.source,
    title: layout.title,
    notice: REPRODUCTION_NOTICE,
    legend: reproductionLegend(experiment),
    groups: [...(layout.printed.groups ?? [])],
    columns: [...layout.printed.columns],
    rows: measureEntries(experiment, index),
    cells: placed.map((c) => ({ cellId: c.cellId, row: c.row, column: c.column, usage: c.usage })),
    totals: {
      cells: layout.rows.length * layout.columns.length,
      finished: placed.length,
      inputTokens: placed.reduce((a, c) => a + (c.usage?.inputTokens ?? 0), 0),
      outputTokens: placed.reduce((a, c) => a + (c.usage?.outputTokens ?? 0), 0),
      ...(costs.length > 0 && { costUsd: costs.reduce((a, b) => a + b, 0) }),
    },
    warnings: index.warnings,
  };
}

/**
 * Line with finished cells, tokens and cost, shared by Markdown and HTML.
 *
 * @example
 * totalsLine(buildReproductionReport("fig4", [])); // "0 of 5 cells finished; 0 input and 0 output tokens."
 */
export function totalsLine(r: ReproductionReport): string {
  const t = r.totals;
  const cost = t.costUsd === undefined ? "" : `, $${t.costUsd.toFixed(2)}`;
  return `${t.finished} of ${t.cells} cells finished; ${t.inputTokens} input and ${t.outputTokens} output tokens${cost}.`;
}

