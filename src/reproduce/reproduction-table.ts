import { entryTexts } from "./entry-format.js";
import { buildReproductionReport, totalsLine, type ReproductionReport } from "./reproduction-report.js";
import { renderReproductionHtml } from "./reproduction-table-html.js";
import { ReproductionTableError } from "./reproduction-table-error.js";
import type { MeasuredEntry } from "./table-entries.js";
import { EXPERIMENT_NAMES, type CellResult, type ExperimentName } from "./types.js";

/**
 * Markdown-safe table text: no tags or entities (renderers pass inline HTML
 * through), no pipes or line breaks; plain `&` and quotes stay readable.
 */
const md = (text: string) =>
  text
    .replace(/&(?=#?\w+;)/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .replace(/[\r\n]+/g, " ");

function markdownEntry(e: MeasuredEntry | null): string {
  if (!e) return "";
  const t = entryTexts(e);
  const value = e.status === "measured" ? `**${t.value}**` : `_${t.value}_`;
  return md([value, t.interval, t.paper, t.difference, t.pValue].filter(Boolean).join(" · "));
}

function renderMarkdown(r: ReproductionReport): string {
  const leaves = r.columns.map((c, i) => {
    let start = 0;
    const group = r.groups.find((g) => (start += g.span) > i);
    return group ? `${group.label} · ${c}` : c;
  });
  const lines = [
    `## ${md(r.source)}: ${md(r.title)}`,
    "",
    `> ${md(r.notice)}`,
    "",
    `| | ${leaves.map(md).join(" | ")} |`,
    `| --- |${" --- |".repeat(leaves.length)}`,
    ...r.rows.map((row) => `| ${md(row.label)} | ${row.entries.map(markdownEntry).join(" | ")} |`),
    "",
    md(r.legend),
    "",
    md(totalsLine(r)),
  ];
  if (r.warnings.length > 0) lines.push("", "Warnings:", "", ...r.warnings.map((w) => `- ${md(w)}`));
  return `${lines.join("\n")}\n`;
}

/**
 * The results table of one experiment of `toolforge reproduce`, laid out like
 * the paper's ({@link EXPERIMENT_LAYOUTS}): every entry shows the measured
 * accuracy with its Wilson 95 % interval, McNemar's paired p-value for
 * before/after, the paper's figure ({@link PAPER_FIGURES}) and the difference;
 * Table 6 shows function calls and complexity. Cells not run yet are shown as
 * such. `html` is a self-contained page, `json` a {@link ReproductionReport}.
 *
 * @example
 * import { renderReproductionTables } from "toolforge";
 * const { markdown } = renderReproductionTables("table1", [{
 *   experiment: "table1", cellId: "gpt4.algebra", row: "GPT-4+ Agent", column: "Algebra",
 *   before: { test: { a: 1, b: 0 } }, after: { test: { a: 1, b: 1 } }, usage: { inputTokens: 10, outputTokens: 5 },
 * }]);
 * console.log(markdown);
 */
export function renderReproductionTables(experiment: ExperimentName, cells: readonly CellResult[]): { markdown: string; html: string; json: unknown } {
  if (!(EXPERIMENT_NAMES as readonly string[]).includes(experiment)) {
    throw new ReproductionTableError("E_REPRODUCE_EXPERIMENT", `unknown experiment ${JSON.stringify(experiment)}; expected one of ${EXPERIMENT_NAMES.join(", ")}`, { experiment });
  }
  const report = buildReproductionReport(experiment, cells);
  return { markdown: renderMarkdown(report), html: renderReproductionHtml(report), json: report };
}
