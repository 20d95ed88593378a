import { describe, expect, it } from "vitest";
import { EXPERIMENT_LAYOUTS } from "../../src/reproduce/layouts.js";
import type { ReproductionReport } from "../../src/reproduce/reproduction-report.js";
import { ReproductionTableError } from "../../src/reproduce/reproduction-table-error.js";
import { renderReproductionTables } from "../../src/reproduce/reproduction-table.js";
import type { MeasuredEntry } from "../../src/reproduce/table-entries.js";
import { EXPERIMENT_NAMES, type CellResult, type ExperimentName, type TaskScores } from "../../src/reproduce/types.js";

/** Scores of tasks `<prefix>0…` from a string of 0/1 characters. */
const scores = (pattern: string, prefix = "t"): TaskScores => Object.fromEntries([...pattern].map((ch, i) => [`${prefix}${i}`, Number(ch)]));
const ones = (n: number, solved: number, prefix = "t") => scores("1".repeat(solved) + "0".repeat(n - solved), prefix);

function cell(experiment: ExperimentName, row: string, column: string, extra: Partial<CellResult> = {}): CellResult {
  return { experiment, cellId: `${row}.${column}`, row, column, before: {}, after: {}, usage: { inputTokens: 0, outputTokens: 0 }, ...extra };
}

/** Every cell of an experiment, with accuracies or Table 6 metrics depending on the experiment. */
function fullGrid(experiment: ExperimentName): CellResult[] {
  const { rows, columns } = EXPERIMENT_LAYOUTS[experiment];
  return rows.flatMap((row, r) =>
    columns.map((column, c) =>
      experiment === "table6"
        ? cell(experiment, row, column, { functionMetrics: { callsSecondStep: c, callsLastStep: 2 * c + 1, meanComplexity: 1.5 } })
        : cell(experiment, row, column, {
            before: { train: ones(20, 10), test: ones(80, 40 + r) },
            after: { train: ones(20, 12), test: ones(80, 41 + c) },
          }),
    ),
  );
}

const report = (experiment: ExperimentName, cells: readonly CellResult[]) => renderReproductionTables(experiment, cells).json as ReproductionReport;
const entryAt = (r: ReproductionReport, label: string, column: string, metric: string) =>
  r.rows.find((row) => row.label === label)!.entries.find((e) => e && e.column === column && e.metric === metric) as MeasuredEntry;

/** Positions of `needles` in `text`, which must all occur. */
function positions(text: string, needles: readonly string[]): number[] {
  return needles.map((n) => {
    const at = text.indexOf(n);
    expect(at, n).toBeGreaterThanOrEqual(0);
    return at;
  });
}
const increasing = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]!);

describe("renderReproductionTables", () => {
  it("lays out every experiment like the paper: rows and columns in the paper's order, every entry measured", () => {
    const expected: Record<ExperimentName, { rows: string[]; columns: string[] }> = {
      table1: {
        rows: ["GPT-4+ Agent w/o Agent Training", "GPT-4+ Agent w/ Agent Training", "ReAct Agent w/o Agent Training", "ReAct Agent w/ Agent Training"],
        columns: ["Prealgebra", "Algebra", "Intermediate Algebra", "Geometry", "Counting & Probability", "Precalculus", "Number Theory"],
      },
      table2: { rows: ["GPT-4+ Agent w/o Agent Training", "GPT-4+ Agent w/ Agent Training", "ReAct Agent w/o Agent Training", "ReAct Agent w/ Agent Training"], columns: ["GAIA", "TabMWP"] },
      table3: {
        rows: ["No Agent Training", "Agent Training w/o Roll-back & Early-stop", "Agent Training w/o Progressive Function Update", "Agent Training (Ours)"],
        columns: ["Number Theory", "Intermediate Algebra", "Counting & Probability"],
      },
      fig3: { rows: ["Trained on Algebra", "Trained on Intermediate Algebra", "Trained on Geometry"], columns: ["Test: Algebra", "Test: Intermediate Algebra", "Test: Geometry"] },
      fig4: { rows: ["Intermediate Algebra"], columns: ["Regular training", "Batch size 5", "Batch size 10", "Batch size 15", "Batch size 20"] },
      table6: { rows: ["Second Epoch", "Last Epoch", "Avg. Complexity"], columns: ["MATH", "GAIA", "TabMWP"] },
    };
    for (const experiment of EXPERIMENT_NAMES) {
      const { markdown, html, json } = renderReproductionTables(experiment, fullGrid(experiment));
      const r = json as ReproductionReport;
      const want = expected[experiment];
      expect(r.rows.map((row) => row.label), experiment).toEqual(want.rows);
      const shownColumns = r.groups.length > 0 ? r.groups.map((g) => g.label) : r.columns;
      expect(shownColumns, experiment).toEqual(want.columns);
      if (r.groups.length > 0) expect(r.columns).toEqual(want.columns.flatMap(() => ["Train", "Test"]));
      expect(r.totals.finished).toBe(r.totals.cells);
      expect(r.warnings).toEqual([]);
      for (const row of r.rows) for (const e of row.entries) expect(e?.status, `${experiment} ${row.label}`).toBe("measured");
      // Markdown and HTML print rows and column headers in the same order.
      const headerLine = markdown.split("\n").find((l) => l.startsWith("| |"))!;
      expect(increasing(positions(headerLine, want.columns))).toBe(true);
      expect(increasing(positions(markdown, want.rows.map((l) => `| ${l} |`)))).toBe(true);
      expect(increasing(positions(html, want.rows.map((l) => `<th scope="row">${l.replace(/&/g, "&amp;")}</th>`)))).toBe(true);
      expect(increasing(positions(html, want.columns.map((c) => `${c.replace(/&/g, "&amp;")}</th>`)))).toBe(true);
      expect(markdown).toContain("Numbers only mean something with real models");
      expect(html).toContain("Numbers only mean something with real models");
    }
  });

  it("shows each accuracy with its Wilson 95 % interval, the paper's figure and the difference", () => {
    const r = report("table1", [
      cell("table1", "GPT-4+ Agent", "Algebra", { before: { train: ones(10, 8) }, after: { train: ones(20, 10), test: ones(80, 52) } }),
    ]);
    const before = entryAt(r, "GPT-4+ Agent w/o Agent Training", "Algebra", "train.before");
    expect(before.value).toBeCloseTo(0.8, 12);
    // Reference values of the Wilson score interval for 8 of 10 at 95 %.
    expect(before.wilson!.low).toBeCloseTo(0.4902, 4);
    expect(before.wilson!.high).toBeCloseTo(0.9433, 4);
    expect(before.paper).toBe(0.55);
    expect(before.difference).toBeCloseTo(0.25, 12);
    const train = entryAt(r, "GPT-4+ Agent w/ Agent Training", "Algebra", "train.after");
    expect(train.paper).toBe(0.65);
    expect(train.difference).toBeCloseTo(-0.15, 12);
    const test = entryAt(r, "GPT-4+ Agent w/ Agent Training", "Algebra", "test.after");
    expect([test.tasks, test.solved, test.paper, test.difference]).toEqual([80, 52, 0.65, 0]);
    const { markdown, html } = renderReproductionTables("table1", [
      cell("table1", "GPT-4+ Agent", "Algebra", { before: { train: ones(10, 8) }, after: { train: ones(20, 10), test: ones(80, 52) } }),
    ]);
    expect(markdown).toContain("**80.0 % (8/10)** · [49.0, 94.3] · paper 55.0 % · Δ +25.0 pp");
    expect(markdown).toContain("**50.0 % (10/20)** · [29.9, 70.1] · paper 65.0 % · Δ -15.0 pp");
    expect(markdown).toContain("**65.0 % (52/80)** · [54.1, 74.5] · paper 65.0 % · Δ ±0.0 pp");
    expect(html).toContain("95 % CI [49.0, 94.3]");
  });

  it("gives McNemar's paired p-value for before/after on the tasks scored both times only", () => {
    // 8 discordant pairs: 1 task lost, 7 gained; 4 concordant; one task scored only before, one only after.
    const before = { ...scores("1000000011" + "01", "p"), "only-before": 1 };
    const after = { ...scores("0111111111" + "01", "p"), "only-after": 0 };
    const r = report("table2", [cell("table2", "ReAct Agent", "TabMWP", { before: { test: before }, after: { test: after } })]);
    const e = entryAt(r, "ReAct Agent w/ Agent Training", "TabMWP", "test.after");
    // Independently: exact two-sided binomial test, 2 · P(X ≤ 1) for X ~ Binomial(8, ½).
    const choose = (n: number, k: number): number => (k === 0 ? 1 : (choose(n, k - 1) * (n - k + 1)) / k);
    const expectedP = Math.min(1, 2 * (choose(8, 0) + choose(8, 1)) / 2 ** 8);
    expect(expectedP).toBeCloseTo(0.0703125, 12);
    expect(e.mcnemar).toMatchObject({ pairedTasks: 12, lost: 1, gained: 7, method: "exact", baselineCellId: "ReAct Agent.TabMWP" });
    expect(e.mcnemar!.pValue).toBeCloseTo(expectedP, 12);
    expect(e.tasks).toBe(13);
    expect(renderReproductionTables("table2", [cell("table2", "ReAct Agent", "TabMWP", { before: { test: before }, after: { test: after } })]).markdown).toContain(
      "p = 0.07 (-1/+7 of 12)",
    );
    // Before entries carry no test; an after split with no before scores carries none either.
    expect(entryAt(r, "ReAct Agent w/o Agent Training", "TabMWP", "test.before").mcnemar).toBeUndefined();
  });

  it("pairs Table 3's trained rows with the No Agent Training cell when their own cell has no before scores", () => {
    const cells = [
      cell("table3", "No Agent Training", "Number Theory", { before: { test: scores("0000") } }),
      cell("table3", "Agent Training (Ours)", "Number Theory", { after: { test: scores("1110") } }),
      cell("table3", "Agent Training w/o Roll-back & Early-stop", "Number Theory", { before: { test: scores("1111") }, after: { test: scores("1110") } }),
    ];
    const r = report("table3", cells);
    expect(entryAt(r, "Agent Training (Ours)", "Number Theory", "test.after").mcnemar).toMatchObject({ lost: 0, gained: 3, baselineCellId: "No Agent Training.Number Theory" });
    expect(entryAt(r, "Agent Training w/o Roll-back & Early-stop", "Number Theory", "test.after").mcnemar).toMatchObject({
      lost: 1, gained: 0, baselineCellId: "Agent Training w/o Roll-back & Early-stop.Number Theory",
    });
    expect(entryAt(r, "No Agent Training", "Number Theory", "test.before")).toMatchObject({ status: "measured", value: 0, paper: 0.563 });
  });

  it("shows cells not run yet and figures a cell did not measure as such, never as 0", () => {
    const cells = [cell("table1", "ReAct Agent", "Geometry", { before: { test: ones(80, 43) }, after: { test: ones(80, 47) } })];
    const { markdown, html, json } = renderReproductionTables("table1", cells);
    const r = json as ReproductionReport;
    const missing = entryAt(r, "GPT-4+ Agent w/ Agent Training", "Prealgebra", "test.after");
    expect(missing).toEqual({ row: "GPT-4+ Agent", column: "Prealgebra", metric: "test.after", kind: "accuracy", status: "not run", paper: 0.826 });
    const notMeasured = entryAt(r, "ReAct Agent w/o Agent Training", "Geometry", "train.before");
    expect(notMeasured).toMatchObject({ status: "not measured", cellId: "ReAct Agent.Geometry" });
    expect(notMeasured.value).toBeUndefined();
    expect(markdown).toContain("| _not run_ · paper 60.0 % |");
    expect(markdown).toContain("_not measured_ · paper 5.0 %");
    expect(markdown).not.toMatch(/\b0\.0 % \(0\//);
    expect(html).toContain('<div class="missing">not run</div>');
    expect(r.totals).toEqual({ cells: 14, finished: 1, inputTokens: 0, outputTokens: 0 });
    // Figure 3 entries the paper gives only as an image say so.
    expect(renderReproductionTables("fig3", []).markdown).toContain("| Trained on Geometry | _not run_ · paper: not in text |");
  });

  it("shows Table 6's calls at the second and last step and the complexity against the paper", () => {
    const { markdown, json } = renderReproductionTables("table6", [
      cell("table6", "Agent training", "GAIA", { functionMetrics: { callsSecondStep: 5, callsLastStep: 12, meanComplexity: 3.25 } }),
      cell("table6", "Agent training", "MATH", { functionMetrics: { callsSecondStep: 11 } }),
    ]);
    const r = json as ReproductionReport;
    expect(entryAt(r, "Second Epoch", "GAIA", "calls.second")).toMatchObject({ kind: "count", value: 5, paper: 8, difference: -3 });
    expect(entryAt(r, "Last Epoch", "GAIA", "calls.last")).toMatchObject({ value: 12, paper: 10, difference: 2 });
    expect(entryAt(r, "Avg. Complexity", "GAIA", "complexity").difference).toBeCloseTo(-0.45, 12);
    expect(entryAt(r, "Last Epoch", "MATH", "calls.last").status).toBe("not measured");
    expect(markdown).toContain("| Second Epoch | **11** · paper 11 · Δ ±0 | **5** · paper 8 · Δ -3 | _not run_ · paper 19 |");
    expect(markdown).toContain("**3.3** · paper 3.7 · Δ -0.5");
    expect(markdown).toContain("| _not run_ · paper 5.0 |");
  });

  it("escapes hostile cell ids and names in HTML and Markdown, and reports cells that do not fit", () => {
    const hostile = `<img src=x onerror="alert(1)">|'&`;
    const cells = [
      cell("fig4", "Intermediate Algebra", "Batch size 5", { cellId: hostile, before: { test: ones(4, 1) }, after: { test: ones(4, 2) }, usage: { inputTokens: 7, outputTokens: 3, costUsd: 0.25 } }),
      cell("fig4", `<script>alert(2)</script>`, "Batch size 5", { cellId: "</td><script>" }),
      cell("fig4", "Intermediate Algebra", "Batch size 5", { cellId: "second" }),
      cell("table1", "GPT-4+ Agent", "Algebra", { cellId: "elsewhere" }),
    ];
    const { markdown, html, json } = renderReproductionTables("fig4", cells);
    expect(html).not.toMatch(/<img|<script|<\/td><script/);
    expect(html).toContain(`title="cell &lt;img src=x onerror=&quot;alert(1)&quot;&gt;|&#39;&amp;"`);
    expect(html).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
    expect(markdown).not.toMatch(/<img|<script/);
    // A pipe in a name must not open a new Markdown column.
    for (const line of markdown.split("\n").filter((l) => l.startsWith("- "))) expect(line).not.toMatch(/[^\\]\|/);
    const r = json as ReproductionReport;
    expect(r.warnings).toHaveLength(3);
    expect(r.warnings.join("\n")).toMatch(/not a position of Figure 4[\s\S]*repeats cell[\s\S]*belongs to "table1"/);
    expect(r.cells.map((c) => c.cellId)).toEqual([hostile]);
    expect(r.totals).toEqual({ cells: 5, finished: 1, inputTokens: 7, outputTokens: 3, costUsd: 0.25 });
  });

  it("refuses scores outside 0–1, bad function metrics and unknown experiments with a typed error", () => {
    const bad = [
      cell("table2", "GPT-4+ Agent", "GAIA", { after: { test: { "t<1>": 2 } } }),
      cell("table2", "GPT-4+ Agent", "GAIA", { before: { train: { t: Number.NaN } } }),
      cell("table6", "Agent training", "MATH", { functionMetrics: { callsLastStep: -1 } }),
    ];
    for (const c of bad) {
      const error = (() => {
        try {
          renderReproductionTables(c.experiment, [c]);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ReproductionTableError);
      expect(error).toMatchObject({ code: "E_REPRODUCE_CELL", context: { cellId: c.cellId } });
    }
    expect(() => renderReproductionTables("table9" as ExperimentName, [])).toThrow(expect.objectContaining({ code: "E_REPRODUCE_EXPERIMENT" }));
  });
});
