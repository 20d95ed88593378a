import { escapeHtml } from "../report/html-escape.js";
import { entryTexts } from "./entry-format.js";
import { totalsLine, type ReproductionReport } from "./reproduction-report.js";
import type { MeasuredEntry } from "./table-entries.js";

const CSS = `body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:1600px;color:#222;padding:0 1rem}
h1{font-size:1.4rem}.notice{background:#fff8e1;border:1px solid #f0d48a;border-radius:6px;padding:.5rem .8rem}
.scroll{overflow-x:auto}table{border-collapse:collapse;margin:.8rem 0}td,th{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top}
th{background:#f4f4f4;text-align:center}tbody th{text-align:left;font-weight:600;white-space:nowrap}
.value{font-size:1.05rem;font-weight:600;white-space:nowrap}.ci,.paper,.p{font-size:.8rem;color:#555;white-space:nowrap}
.missing{color:#999;font-style:italic}.legend,.totals{color:#444;font-size:.85rem}.warnings{color:#b71c1c}`;

function entryCell(e: MeasuredEntry | null): string {
  if (!e) return "<td></td>";
  const t = entryTexts(e);
  const title = e.cellId === undefined ? "" : ` title="cell ${escapeHtml(e.cellId)}"`;
  const value = e.status === "measured" ? `<div class="value">${escapeHtml(t.value)}</div>` : `<div class="missing">${escapeHtml(t.value)}</div>`;
  const lines = [
    value,
    t.interval && `<div class="ci">95 % CI ${escapeHtml(t.interval)}</div>`,
    `<div class="paper">${escapeHtml([t.paper, t.difference].filter(Boolean).join(" · "))}</div>`,
    t.pValue && `<div class="p">McNemar ${escapeHtml(t.pValue)}</div>`,
  ];
  return `<td${title}>${lines.filter(Boolean).join("")}</td>`;
}

function header(r: ReproductionReport): string {
  const leaves = `<tr>${r.groups.length > 0 ? "" : "<th></th>"}${r.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr>`;
  if (r.groups.length === 0) return leaves;
  const groups = r.groups.map((g) => `<th colspan="${g.span}">${escapeHtml(g.label)}</th>`).join("");
  return `<tr><th rowspan="2"></th>${groups}</tr>\n${leaves}`;
}

/**
 * The self-contained HTML page of one experiment's results table: inline
 * CSS, no scripts, every text escaped.
 *
 * @example
 * import { buildReproductionReport } from "./reproduction-report.js";
 * import { renderReproductionHtml } from "./reproduction-table-html.js";
 * const html = renderReproductionHtml(buildReproductionReport("table6", []));
 */
export function renderReproductionHtml(r: ReproductionReport): string {
  const body = r.rows.map((row) => `<tr><th scope="row">${escapeHtml(row.label)}</th>${row.entries.map(entryCell).join("")}</tr>`).join("\n");
  const cells = r.cells.map((c) => `<li><code>${escapeHtml(c.cellId)}</code>: ${escapeHtml(c.row)} / ${escapeHtml(c.column)}</li>`).join("");
  const warnings = r.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join("");
  const heading = `${r.source}: ${r.title}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`toolforge reproduce ${r.experiment} — ${r.source}`)}</title><style>${CSS}</style></head>
<body>
<h1>${escapeHtml(heading)}</h1>
<p class="notice">${escapeHtml(r.notice)}</p>
<div class="scroll"><table><thead>
${header(r)}
</thead><tbody>
${body}
</tbody></table></div>
<p class="legend">${escapeHtml(r.legend)}</p>
<p class="totals">${escapeHtml(totalsLine(r))}</p>
${cells && `<details><summary>Cells</summary><ul>${cells}</ul></details>`}
${warnings && `<div class="warnings"><h2>Warnings</h2><ul>${warnings}</ul></div>`}
</body></html>
`;
}
