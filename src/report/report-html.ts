import type { TokenUsage } from "../evaluation/types.js";
import { wilsonInterval } from "../evaluation/index.js";
import { diffToolsets, formatToolsetDiff } from "../functions/index.js";
import type { FunctionSpec, ToolsetFile } from "../functions/index.js";
import { formatComplexity } from "./complexity-summary.js";
import { groupByRole, hasRoles } from "../teams/group-by-role.js";
import { functionSignature } from "./function-signature.js";
import { escapeHtml } from "./html-escape.js";
import { headline } from "./headline.js";
import type { RunSummary } from "./run-summary.js";
import { taskFlips } from "./task-flips.js";
import { type FlipRecords, flipTranscriptsHtml } from "./flip-transcripts.js";
import type { CurveSplit } from "./learning-curve.js";

/**
 * Everything {@link renderReportHtml} puts on the page.
 *
 * @example
 * renderReportHtml({ title: "run", summary: summarizeRun(events), curveSvg, toolsets: new Map() });
 */
export interface ReportContent {
  title: string;
  summary: RunSummary;
  /** The learning-curve SVG, inlined as is (it comes from vega, not from user input). */
  curveSvg: string;
  /** Toolset of every accepted step, keyed by step (step 0 = initial). */
  toolsets: ReadonlyMap<number, ToolsetFile>;
  /** Rolled-back candidates keyed by step, when the run saved them. */
  candidates?: ReadonlyMap<number, ToolsetFile>;
  /** The trained toolset (best). */
  finalToolset?: ToolsetFile;
  /** Records of the initial and final evaluations, for transcripts of flipped tasks (`readFlipRecords`). */
  flipRecords?: FlipRecords;
  /** Run configuration, secrets already redacted. */
  config?: Record<string, unknown>;
  usage?: Record<string, TokenUsage>;
  costUsd?: number;
  generatedAt?: string;
}

const CSS = `body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:1000px;color:#222;padding:0 1rem}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}pre{background:#f7f7f9;border:1px solid #e3e3e8;padding:.6rem;overflow:auto;font-size:12.5px}
.accepted{color:#1a7f37;font-weight:600}.rolled-back{color:#c62828;font-weight:600}.muted{color:#666}
.diff-add{color:#1a7f37}.diff-del{color:#c62828}
figure{margin:0}figure svg{width:100%;height:auto}
.headline{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}.card{border:1px solid #ddd;border-radius:8px;padding:.7rem 1rem;min-width:14rem}
.card .split{text-transform:uppercase;font-size:.75rem;letter-spacing:.05em;color:#666}.card .value{font-size:1.5rem;font-weight:600}
.card .ci{font-size:.8rem;color:#666}.up{color:#1a7f37}.down{color:#c62828}
.grid{display:flex;flex-wrap:wrap;gap:3px;margin:.4rem 0 1rem}.transcript{margin:.3rem 0}.pair{display:grid;grid-template-columns:1fr 1fr;gap:.6rem}.pair pre{white-space:pre-wrap;max-height:28rem}h4{margin:.4rem 0 .2rem}.cell{width:14px;height:14px;border-radius:2px}
.cell.fixed{background:#2ca02c}.cell.broken{background:#d62728}.cell.still-right{background:#c7e9c0}.cell.still-wrong{background:#e0e0e0}
.legend span{display:inline-flex;align-items:center;gap:.3rem;margin-right:1rem}
details{margin-top:2rem}summary{cursor:pointer;font-weight:600}`;

const pct = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? "–" : `${(100 * x).toFixed(1)} %`);

function table(head: string[], rows: string[][]): string {
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("\n");
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function diffPre(text: string): string {
  const lines = text.split("\n").map((l) => {
    const t = l.trimStart();
    const cls = t.startsWith("+") && !t.startsWith("+++") ? "diff-add" : t.startsWith("-") && !t.startsWith("---") ? "diff-del" : "";
    return cls ? `<span class="${cls}">${escapeHtml(l)}</span>` : escapeHtml(l);
  });
  return `<pre>${lines.join("\n")}</pre>`;
}

function stepsSection(c: ReportContent): string {
  const rows = c.summary.steps.map((s) => {
    const cls = s.status === "accepted" ? "accepted" : s.status === "rolled back" ? "rolled-back" : "muted";
    const actions = s.actions
      .map((a) => `${escapeHtml(a.action)}${a.name ? ` <code>${escapeHtml(a.name)}</code>` : ""}${a.outcome === "rejected" ? ` <span class="rolled-back">rejected</span>: ${escapeHtml(a.reason ?? "")}` : ""}`)
      .join("<br>");
    return [
      String(s.step),
      s.trainLoss === undefined ? "–" : s.trainLoss.toFixed(3),
      s.validationLoss === undefined ? "–" : s.validationLoss.toFixed(3),
      pct(s.testAccuracy),
      `<span class="${cls}">${escapeHtml(s.status)}</span>`,
      s.successfulCalls === undefined ? "–" : String(s.successfulCalls),
      escapeHtml(formatComplexity(s.complexity)),
      actions || `<span class="muted">${s.optimizerStop ? `no change (optimizer: ${escapeHtml(s.optimizerStop)})` : ""}</span>`,
    ];
  });
  const head = ["step", "train loss", "validation loss", "test accuracy", "outcome", "successful function calls", "cyclomatic complexity", "optimizer actions"];
  return `<h2>Steps</h2>\n${table(head, rows)}\n<p class="muted">Successful function calls: calls of learned functions that returned a value in the step's training evaluation. Cyclomatic complexity: mean over the evaluated set's functions (ESLint's <code>complexity</code> rule), and the highest (Table 6 of the paper).</p>`;
}

function diffsSection(c: ReportContent): string {
  const accepted = [...c.toolsets.entries()].sort((a, b) => a[0] - b[0]);
  const candidates = [...(c.candidates ?? new Map<number, ToolsetFile>()).entries()];
  if (accepted.length === 0) return `<h2>Function changes per step</h2>\n<p class="muted">No toolset snapshots were found in the run directory.</p>`;
  const entries = [...accepted.map(([step, t]) => ({ step, toolset: t, accepted: true })), ...candidates.map(([step, t]) => ({ step, toolset: t, accepted: false }))].sort(
    (a, b) => a.step - b.step,
  );
  const parts: string[] = [];
  let previous: ToolsetFile = { format: "toolforge.toolset", version: 1, functions: [] };
  for (const { step, toolset, accepted: ok } of entries) {
    const text = formatToolsetDiff(diffToolsets(previous, toolset));
    const label = step === 0 ? " (initial toolset)" : ok ? ' <span class="accepted">accepted</span>' : ' <span class="rolled-back">rolled back</span>';
    parts.push(`<h3>Step ${step}${label}</h3>\n${diffPre(text)}`);
    if (ok) previous = toolset;
  }
  return `<h2>Function changes per step</h2>\n${parts.join("\n")}`;
}

function toolsetSection(toolset: ToolsetFile | undefined): string {
  if (!toolset) return `<h2>Final toolset</h2>\n<p class="muted">No final toolset was found.</p>`;
  if (toolset.functions.length === 0) return `<h2>Final toolset</h2>\n<p>The final toolset is empty.</p>`;
  const fns = (toolset.functions as FunctionSpec[]).map((f) => {
    return [
      `<h3><code>${escapeHtml(functionSignature(f))}</code></h3>`,
      `<p>${escapeHtml(f.description)}</p>`,
      f.packages.length > 0 ? `<p>packages: ${f.packages.map((p) => `<code>${escapeHtml(p)}</code>`).join(", ")}</p>` : "",
      `<pre>${escapeHtml(f.code)}</pre>`,
    ].join("\n");
  });
  const heading = `<h2>Final toolset (${toolset.functions.length} function${toolset.functions.length === 1 ? "" : "s"})</h2>`;
  if (!hasRoles(toolset.functions)) return `${heading}\n${fns.join("\n")}`;
  // A team's toolset: one sub-section per role, so each member's functions read together.
  const html = new Map((toolset.functions as FunctionSpec[]).map((f, i) => [f.name, fns[i]!]));
  const groups = groupByRole(toolset.functions).map(
    (g) => `<h3 class="role">${g.role === null ? "Every role" : `Role <code>${escapeHtml(g.role)}</code>`}</h3>\n${g.functions.map((f) => html.get(f.name)!).join("\n")}`,
  );
  return `${heading}\n${groups.join("\n")}`;
}

const range = ([low, high]: [number, number]) => `95 % CI ${pct(low)}–${pct(high)}`;

function headlineSection(c: ReportContent): string {
  const rows = headline(c.summary);
  if (rows.length === 0) return "";
  const cards = rows.map((r) => {
    const delta = r.after - r.before;
    const cls = delta > 0 ? "up" : delta < 0 ? "down" : "";
    const sign = delta > 0 ? "+" : "";
    return `<div class="card"><div class="split">${escapeHtml(r.split)} (${r.n} tasks)</div>
<div class="value">${pct(r.before)} → ${pct(r.after)} <span class="${cls}">${sign}${(100 * delta).toFixed(1)} pts</span></div>
<div class="ci">before ${range(r.beforeInterval)} · after ${range(r.afterInterval)}</div></div>`;
  });
  return `<div class="headline">${cards.join("\n")}</div>`;
}

function taskGridSection(c: ReportContent): string {
  const flips = taskFlips(c.summary);
  const splits = Object.entries(flips);
  if (splits.length === 0) return "";
  const parts = splits.map(([split, tasks]) => {
    const count = (change: string) => tasks.filter((t) => t.change === change).length;
    const cells = tasks
      .map((t) => `<div class="cell ${t.change.replace(" ", "-")}" title="${escapeHtml(`${t.taskId}: ${t.change} (${t.before} → ${t.after})`)}"></div>`)
      .join("");
    const names = (change: string) => tasks.filter((t) => t.change === change).map((t) => `<code>${escapeHtml(t.taskId)}</code>`).join(", ");
    return `<h3>${escapeHtml(split)}: ${count("fixed")} fixed, ${count("broken")} broken, ${count("still right")} still right, ${count("still wrong")} still wrong</h3>
<div class="grid">${cells}</div>${count("fixed") ? `<p>fixed: ${names("fixed")}</p>` : ""}${count("broken") ? `<p>broken: ${names("broken")}</p>` : ""}
${flipTranscriptsHtml(tasks, c.flipRecords?.[split as CurveSplit])}`;
  });
  const legend = ["fixed", "broken", "still right", "still wrong"].map((k) => `<span><span class="cell ${k.replace(" ", "-")}"></span>${k}</span>`).join("");
  return `<h2>Tasks: initial → final toolset</h2>\n<p class="legend">${legend}</p>\n${parts.join("\n")}`;
}

function evaluationsSection(c: ReportContent): string {
  const rows = c.summary.evaluations.map((e) => {
    const interval = e.n > 0 ? wilsonInterval(Math.round(e.accuracy * e.n), e.n) : undefined;
    return [String(e.step), escapeHtml(e.phase), String(e.n || "–"), pct(e.accuracy), interval ? `[${pct(interval.low)}, ${pct(interval.high)}]` : "–"];
  });
  return `<h2>Evaluations (accuracy with Wilson 95 % interval)</h2>\n${table(["step", "phase", "tasks", "accuracy", "95 % interval"], rows)}`;
}

function usageSection(c: ReportContent): string {
  const usage = c.usage ?? c.summary.usage;
  if (!usage) return `<h2>Usage and cost</h2>\n<p class="muted">No usage was recorded.</p>`;
  const rows = Object.entries(usage).map(([role, u]) => [escapeHtml(role), String(u.inputTokens), String(u.outputTokens), String(u.totalTokens)]);
  const cost = c.costUsd ?? c.summary.costUsd;
  return `<h2>Usage and cost</h2>\n${table(["role", "input tokens", "output tokens", "total tokens"], rows)}\n<p>Cost: ${cost === undefined ? "unknown (no prices configured)" : `$${cost.toFixed(4)}`}</p>`;
}

/**
 * Assembles the self-contained HTML report of a training run: a headline
 * (each split before → after, with intervals), the learning curve, a
 * per-task grid of what flipped with a few folded transcripts of flipped tasks, the step table, per-step function diffs, the final toolset with code,
 * evaluations with Wilson intervals, usage and cost, and the configuration (folded). No
 * external scripts, styles or fonts; every untrusted string is escaped.
 *
 * @example
 * import { renderReportHtml, summarizeRun } from "toolforge";
 * const html = renderReportHtml({ title: "run", summary: summarizeRun([]), curveSvg: "<svg/>", toolsets: new Map() });
 */
export function renderReportHtml(c: ReportContent): string {
  const s = c.summary;
  const facts = [
    s.runId ? `run <code>${escapeHtml(s.runId)}</code>` : "",
    s.trainSize !== undefined ? `${s.trainSize} training tasks` : "",
    s.validationSize ? `${s.validationSize} validation tasks` : "",
    s.endReason ? `ended: <strong>${escapeHtml(s.endReason)}</strong>` : "not finished",
    s.bestTrainLoss !== undefined ? `best train loss ${s.bestTrainLoss.toFixed(3)}` : "",
    s.bestValidationLoss !== undefined ? `best validation loss ${s.bestValidationLoss.toFixed(3)}` : "",
  ].filter(Boolean);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(c.title)}</title><style>${CSS}</style></head>
<body>
<h1>${escapeHtml(c.title)}</h1>
<p>${facts.join(" · ")}</p>
${headlineSection(c)}
<figure>${c.curveSvg}</figure>
<p class="muted">Lines: accuracy of the best toolset so far (band: Wilson 95 % interval). Marks: each optimizer step's candidate on train, accepted or rolled back; steps whose optimizer changed nothing were not evaluated and have no mark.</p>
${taskGridSection(c)}
${stepsSection(c)}
${diffsSection(c)}
${toolsetSection(c.finalToolset)}
${evaluationsSection(c)}
${usageSection(c)}
<details><summary>Configuration</summary>
<pre>${escapeHtml(JSON.stringify(c.config ?? {}, null, 2))}</pre></details>
<p class="muted">Generated by toolforge${c.generatedAt ? ` at ${escapeHtml(c.generatedAt)}` : ""}.</p>
</body></html>
`;
}
