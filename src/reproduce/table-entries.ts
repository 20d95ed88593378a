import { wilsonInterval } from "../evaluation/wilson.js";
import { pairedMcNemar } from "../report/mcnemar.js";
import { ReproductionTableError } from "./reproduction-table-error.js";
import { EXPERIMENT_LAYOUTS, type LayoutEntry } from "./layouts.js";
import { paperFigure } from "./paper-figures.js";
import type { CellMetric, CellResult, ExperimentName, ReproduceSplit, TaskScores } from "./types.js";

/**
 * One printed entry of the results table, measured and compared. `status`:
 * `measured`, `not run` (no cell result yet) or `not measured` (the cell
 * exists but did not evaluate this figure). Accuracies are fractions;
 * `difference` is measured − paper (fractions, or counts for Table 6).
 *
 * @example
 * const e = measureEntries("table1", indexCells("table1", cells))[0]!.entries[0];
 * if (e?.status === "measured") console.log(e.value, e.wilson, e.paper, e.difference);
 */
export interface MeasuredEntry {
  row: string;
  column: string;
  metric: CellMetric;
  kind: "accuracy" | "count";
  status: "measured" | "not run" | "not measured";
  cellId?: string;
  value?: number;
  /** Accuracy only: tasks scored and their summed score. */
  tasks?: number;
  solved?: number;
  wilson?: { low: number; high: number };
  /** `.after` accuracy only: McNemar on the tasks scored before and after (b: lost, c: gained). */
  mcnemar?: { pairedTasks: number; lost: number; gained: number; pValue: number; method: "exact" | "chi-square"; baselineCellId: string };
  /** The paper's figure, absent when its text does not give one. */
  paper?: number;
  difference?: number;
}

/**
 * The printed rows of an experiment with every entry measured.
 *
 * @example
 * measureEntries("table3", indexCells("table3", [])).map((r) => r.label); // ["No Agent Training", …]
 */
export interface MeasuredRow {
  label: string;
  entries: (MeasuredEntry | null)[];
}

/**
 * Cells by position, plus what did not fit the layout.
 *
 * @example
 * indexCells("table1", cells).get("GPT-4+ Agent", "Algebra")?.cellId;
 */
export interface CellIndex {
  get(row: string, column: string): CellResult | undefined;
  warnings: string[];
}

const key = (row: string, column: string) => JSON.stringify([row, column]);

/**
 * Places cells on the experiment's grid. Cells of another experiment, outside
 * the layout, or a second cell on a taken position are left out with a warning.
 *
 * @example
 * indexCells("fig4", cells).warnings; // [] when every cell fits
 */
export function indexCells(experiment: ExperimentName, cells: readonly CellResult[]): CellIndex {
  const layout = EXPERIMENT_LAYOUTS[experiment];
  const byPosition = new Map<string, CellResult>();
  const warnings: string[] = [];
  for (const cell of cells) {
    const where = `cell ${JSON.stringify(cell.cellId)} (row ${JSON.stringify(cell.row)}, column ${JSON.stringify(cell.column)})`;
    if (cell.experiment !== experiment) warnings.push(`${where} belongs to ${JSON.stringify(cell.experiment)}, not ${experiment}: left out`);
    else if (!layout.rows.includes(cell.row) || !layout.columns.includes(cell.column)) warnings.push(`${where} is not a position of ${layout.source}: left out`);
    else if (byPosition.has(key(cell.row, cell.column))) warnings.push(`${where} repeats cell ${JSON.stringify(byPosition.get(key(cell.row, cell.column))!.cellId)}: left out`);
    else byPosition.set(key(cell.row, cell.column), validated(cell));
  }
  return { get: (row, column) => byPosition.get(key(row, column)), warnings };
}

function validated(cell: CellResult): CellResult {
  const fail = (field: string, value: unknown, what: string): never => {
    throw new ReproductionTableError("E_REPRODUCE_CELL", `cell ${JSON.stringify(cell.cellId)}: ${field} is ${JSON.stringify(value) ?? String(value)}, ${what}`, { cellId: cell.cellId, field, value });
  };
  for (const phase of ["before", "after"] as const) {
    for (const [split, scores] of Object.entries(cell[phase] ?? {})) {
      for (const [task, score] of Object.entries(scores ?? {})) {
        if (typeof score !== "number" || !(score >= 0 && score <= 1)) fail(`${phase}.${split}[${JSON.stringify(task)}]`, score, "expected a score from 0 to 1");
      }
    }
  }
  for (const [name, value] of Object.entries(cell.functionMetrics ?? {})) {
    if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value) || value < 0)) fail(`functionMetrics.${name}`, value, "expected a finite number ≥ 0");
  }
  return cell;
}

const COUNT_FIELDS = { "calls.second": "callsSecondStep", "calls.last": "callsLastStep", complexity: "meanComplexity" } as const;

function accuracyParts(metric: CellMetric): { split: ReproduceSplit; phase: "before" | "after" } | undefined {
  const m = /^(train|test)\.(before|after)$/.exec(metric);
  return m ? { split: m[1] as ReproduceSplit, phase: m[2] as "before" | "after" } : undefined;
}

function nonEmpty(scores: TaskScores | undefined): TaskScores | undefined {
  return scores && Object.keys(scores).length > 0 ? scores : undefined;
}

function pairedTest(cells: CellIndex, entry: LayoutEntry, cell: CellResult, split: ReproduceSplit, after: TaskScores): MeasuredEntry["mcnemar"] {
  const own = nonEmpty(cell.before?.[split]);
  const baselineCell = own ? cell : entry.baseline && cells.get(entry.baseline.row, entry.baseline.column);
  const baselineSplit = own ? split : entry.baseline && accuracyParts(entry.baseline.metric)?.split;
  const before = baselineCell && baselineSplit ? nonEmpty(baselineCell.before?.[baselineSplit]) : undefined;
  if (!before) return undefined;
  const tasks = Object.keys(after).filter((t) => Object.hasOwn(before, t));
  if (tasks.length === 0) return undefined;
  const r = pairedMcNemar(tasks.map((t) => before[t]!), tasks.map((t) => after[t]!));
  return { pairedTasks: tasks.length, lost: r.b, gained: r.c, pValue: r.pValue, method: r.method, baselineCellId: baselineCell!.cellId };
}

function measure(experiment: ExperimentName, cells: CellIndex, entry: LayoutEntry): MeasuredEntry {
  const parts = accuracyParts(entry.metric);
  const paper = paperFigure(experiment, entry.row, entry.column, entry.metric);
  const base: MeasuredEntry = { row: entry.row, column: entry.column, metric: entry.metric, kind: parts ? "accuracy" : "count", status: "not run", ...(paper !== undefined && { paper }) };
  const cell = cells.get(entry.row, entry.column);
  if (!cell) return base;
  const withValue = (value: number, extra: Partial<MeasuredEntry> = {}): MeasuredEntry => ({
    ...base, ...extra, status: "measured", cellId: cell.cellId, value, ...(paper !== undefined && { difference: value - paper }),
  });
  if (!parts) {
    const value = cell.functionMetrics?.[COUNT_FIELDS[entry.metric as keyof typeof COUNT_FIELDS]];
    return value === undefined ? { ...base, status: "not measured", cellId: cell.cellId } : withValue(value);
  }
  const scores = nonEmpty(cell[parts.phase]?.[parts.split]);
  if (!scores) return { ...base, status: "not measured", cellId: cell.cellId };
  const values = Object.values(scores);
  const solved = values.reduce((a, b) => a + b, 0);
  const mcnemar = parts.phase === "after" ? pairedTest(cells, entry, cell, parts.split, scores) : undefined;
  return withValue(solved / values.length, { tasks: values.length, solved, wilson: wilsonInterval(solved, values.length), ...(mcnemar && { mcnemar }) });
}

/**
 * Measures every printed entry of an experiment from its cells: accuracy
 * with its Wilson 95 % interval, the paired McNemar test of before/after on
 * the tasks scored both times (the cell's own `before`, else the layout's
 * baseline cell), Table 6's counts, and the paper's figure with the difference.
 *
 * @example
 * import { indexCells, measureEntries } from "./table-entries.js";
 * const rows = measureEntries("table2", indexCells("table2", cells));
 * rows[1]!.entries[1]?.mcnemar?.pValue;
 */
export function measureEntries(experiment: ExperimentName, index: CellIndex): MeasuredRow[] {
  return EXPERIMENT_LAYOUTS[experiment].printed.rows.map((r) => ({
    label: r.label,
    entries: r.entries.map((e) => (e ? measure(experiment, index, e) : null)),
  }));
}
