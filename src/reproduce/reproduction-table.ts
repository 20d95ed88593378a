// PLACEHOLDER — replaced at merge by wt-tables' reproduction-table.ts (the
// paper-shaped tables with Wilson intervals, McNemar p-values and the paper's
// figures). Only the signature is shared; keep this file out of the merge.
import type { CellResult, ExperimentName, TaskScores } from "./types.js";

function accuracy(scores: TaskScores | undefined): string {
  if (!scores) return "—";
  const values = Object.values(scores);
  if (values.length === 0) return "—";
  return `${((100 * values.reduce((s, v) => s + v, 0)) / values.length).toFixed(1)} % (n=${values.length})`;
}

/**
 * Placeholder renderer: a plain Markdown list of each cell's metrics
 * (replaced at merge by the paper-shaped tables).
 *
 * @example
 * import { renderReproductionTables } from "toolforge";
 * console.log(renderReproductionTables("table1", []).markdown);
 */
export function renderReproductionTables(experiment: ExperimentName, cells: readonly CellResult[]): { markdown: string; html: string; json: unknown } {
  const lines = cells.map((c) => {
    const m = c.functionMetrics;
    const fn = m ? `, calls second ${m.callsSecondStep ?? "—"}, last ${m.callsLastStep ?? "—"}, complexity ${m.meanComplexity?.toFixed(1) ?? "—"}` : "";
    return `- ${c.cellId} (${c.row} / ${c.column}): train ${accuracy(c.before.train)} → ${accuracy(c.after.train)}, test ${accuracy(c.before.test)} → ${accuracy(c.after.test)}${fn}`;
  });
  const markdown = [`# ${experiment}`, "", ...lines, ""].join("\n");
  const html = `<!doctype html><meta charset="utf-8"><title>${experiment}</title><pre>${markdown.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</pre>`;
  return { markdown, html, json: { experiment, cells } };
}
