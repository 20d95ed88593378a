import type { MeasuredEntry } from "./table-entries.js";
import type { ExperimentName } from "./types.js";

/** The texts one entry of the results table shows; absent parts are omitted. */
export interface EntryTexts {
  /** Measured figure, or the entry's status ("not run", "not measured"). */
  value: string;
  interval?: string;
  paper: string;
  difference?: string;
  pValue?: string;
}

const percent = (x: number) => `${(100 * x).toFixed(1)} %`;
const plain = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
/** Sign of `x` before the text of its size; a size that rounds to zero gets "±". */
const signed = (x: number, size: string) => `${/[1-9]/.test(size) ? (x > 0 ? "+" : "-") : "±"}${size}`;

/** Two significant digits, and "< 0.001" below what a table of 80 tasks can resolve. */
export function formatPValue(p: number): string {
  return p < 0.001 ? "< 0.001" : Number(p.toPrecision(2)).toString();
}

/**
 * The texts of one measured entry, shared by the Markdown and HTML tables.
 *
 * @example
 * entryTexts({ row: "r", column: "c", metric: "test.after", kind: "accuracy", status: "not run", paper: 0.65 }).value; // "not run"
 */
export function entryTexts(e: MeasuredEntry): EntryTexts {
  const accuracy = e.kind === "accuracy";
  const shown = (x: number) => (accuracy ? percent(x) : e.metric === "complexity" ? x.toFixed(1) : plain(x));
  const paper = e.paper === undefined ? "paper: not in text" : `paper ${shown(e.paper)}`;
  if (e.status !== "measured" || e.value === undefined) return { value: e.status, paper };
  const texts: EntryTexts = { value: accuracy ? `${percent(e.value)} (${plain(e.solved!)}/${e.tasks})` : shown(e.value), paper };
  if (e.wilson) texts.interval = `[${(100 * e.wilson.low).toFixed(1)}, ${(100 * e.wilson.high).toFixed(1)}]`;
  if (e.difference !== undefined) {
    const size = Math.abs(e.difference);
    texts.difference = `Δ ${signed(e.difference, accuracy ? `${(100 * size).toFixed(1)} pp` : shown(size))}`;
  }
  if (e.mcnemar) texts.pValue = `p = ${formatPValue(e.mcnemar.pValue)} (-${e.mcnemar.lost}/+${e.mcnemar.gained} of ${e.mcnemar.pairedTasks})`;
  return texts;
}

/**
 * Header line every results table carries: scripted models test mechanics only.
 *
 * @example
 * import { REPRODUCTION_NOTICE } from "./entry-format.js";
 * console.log(REPRODUCTION_NOTICE);
 */
export const REPRODUCTION_NOTICE =
  "Numbers only mean something with real models: cells run with scripted or fake models check the mechanics of toolforge reproduce, not the paper's claims.";

const MISSING_LEGEND =
  '"not run": the cell has no result yet; "not measured": the cell did not evaluate this figure; "paper: not in text": the paper gives it only in an image.';

/**
 * What each part of an entry means, printed under the table: accuracies
 * (Tables 1–3, Figures 3–4) or Table 6's counts.
 *
 * @example
 * import { reproductionLegend } from "./entry-format.js";
 * console.log(reproductionLegend("table6"));
 */
export function reproductionLegend(experiment: ExperimentName): string {
  const figures =
    experiment === "table6"
      ? "Each entry: the measured figure (successful function calls; mean cyclomatic complexity of the final functions), the paper's figure and Δ = measured − paper."
      : "Each entry: measured accuracy (solved/tasks), [Wilson 95 % interval in %], the paper's figure, Δ = measured − paper (pp: percentage points), " +
        "and for accuracies after training McNemar's paired p-value of before vs after on the tasks scored both times (-lost/+gained of paired tasks).";
  return `${figures} ${MISSING_LEGEND}`;
}
