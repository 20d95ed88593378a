import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { startScriptedServer } from "../../src/testing/index.js";
import type { ScriptedServer } from "../../src/testing/types.js";
import { memoryIO } from "../cli/memory-io.js";
import { tempDirs } from "../helpers/temp-dirs.js";

const newDir = tempDirs("toolforge-reproduce-");
/** A cheap table3 on one of the paper's MATH types: 4 cells, 1 task per split, 1 optimizer step. */
const TINY = ["reproduce", "table3", "--types", "number-theory", "--limit", "1", "--max-steps", "1", "--model", "scripted:demo", "--quiet"];
const CHEAP = ["--limit", "1", "--max-steps", "1", "--model", "scripted:demo", "--quiet", "--yes"];

interface ReportEntry { row: string; column: string; metric: string; status: string; value?: number; paper?: number; difference?: number; mcnemar?: { baselineCellId: string } }
interface Report { rows: { label: string; entries: (ReportEntry | null)[] }[]; columns: string[]; warnings: string[]; totals: { finished: number } }

/** results.json of `out`, and the results.md row (its cells by leaf column) labelled `label`. */
function results(out: string) {
  const json = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as Report;
  const markdown = readFileSync(join(out, "results.md"), "utf8");
  const mdRow = (label: string) => {
    const line = markdown.split("\n").find((l) => l.startsWith(`| ${label} |`));
    expect(line, label).toBeDefined();
    return line!.split(" | ").slice(1);
  };
  return { json, markdown, mdRow };
}

async function cli(args: string[]) {
  const io = memoryIO();
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe("toolforge reproduce: bad input exits 2 before anything is spent or written", () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer({ respond: () => ({ content: "FINAL ANSWER: 1" }) });
  });
  afterAll(() => server.close());
  const spec = () => JSON.stringify({ baseURL: server.baseURL, model: "m" });

  it.each([
    ["an unknown experiment, listing the known ones", ["reproduce", "table9"], /unknown experiment "table9"; the experiments are: table1, table2, table3, fig3, fig4, table6/],
    ["table2 without a GAIA folder", ["reproduce", "table2"], /table2 needs your local GAIA copy: pass --gaia/],
    ["a GAIA folder that does not exist", ["reproduce", "table2", "--gaia", "/nonexistent/gaia"], /nonexistent\/gaia/],
    ["an unknown MATH type", ["reproduce", "table1", "--types", "algebra,calculus"], /unknown MATH type calculus/],
    ["a --cells glob matching nothing", ["reproduce", "table1", "--cells", "nothing*"], /matches no cell/],
    ["a zero --limit", ["reproduce", "table1", "--limit", "0"], /expected an integer ≥ 1/],
    ["a negative --rpm", ["reproduce", "table1", "--rpm", "-5"], /expected an integer ≥ 1/],
    ["a budget that is not a number", ["reproduce", "table1", "--budget", "lots"], /expected a positive number/],
    ["a bad --prices entry", ["reproduce", "table1", "--prices", "m=cheap"], /expected <model>=<input/],
  ])("%s", async (_what, args, message) => {
    const out = join(newDir(), "exp");
    const { code, err } = await cli([...args, "--model", spec(), "--out", out]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(existsSync(out)).toBe(false);
    expect(server.requests).toHaveLength(0);
  });

  it("a model without tool calling is refused for the tool-calling agent, accepted for ReAct cells only", async () => {
    vi.stubEnv("OPENAI_API_KEY", "sk-test-not-sent");
    try {
      const out = join(newDir(), "exp");
      const refused = await cli(["reproduce", "table1", "--model", "openai:o1-mini", "--optimizer-model", spec(), "--out", out, "--dry-run"]);
      expect(refused.code).toBe(2);
      expect(refused.err).toMatch(/--model \(the tool-calling agent\): openai:o1-mini does not support tool calling/);
      const react = await cli(["reproduce", "table1", "--cells", "*.react", "--model", "openai:o1-mini", "--optimizer-model", spec(), "--out", out, "--dry-run"]);
      expect(react.code).toBe(0);
      const optimizer = await cli(["reproduce", "table1", "--cells", "*.react", "--model", spec(), "--optimizer-model", "openai:o1-mini", "--out", out, "--dry-run"]);
      expect(optimizer.code).toBe(2);
      expect(optimizer.err).toMatch(/--optimizer-model \(its actions are tool calls\)/);
      expect(existsSync(out)).toBe(false);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("a dollar budget without a price for a model is refused", async () => {
    const { code, err } = await cli(["reproduce", "table3", "--model", JSON.stringify({ baseURL: "https://models.example/v1", model: "x" }), "--budget", "5", "--out", join(newDir(), "exp")]);
    expect(code).toBe(2);
    expect(err).toMatch(/--budget \$5 needs the price of every model; add --prices <model>=<input>\/<output> .* for x/);
  });

  it("--dry-run prints tasks, calls, tokens, time and dollars per cell and in total, and calls no model", async () => {
    const out = join(newDir(), "exp");
    const { code, out: stdout } = await cli(["reproduce", "table3", "--model", spec(), "--prices", "m=2/8", "--out", out, "--dry-run"]);
    expect(code).toBe(0);
    expect(server.requests).toHaveLength(0);
    expect(existsSync(out)).toBe(false);
    const lines = stdout.split("\n");
    expect(lines.filter((l) => /^(number-theory|intermediate-algebra|counting-probability)\./.test(l))).toHaveLength(12);
    // number-theory.full: 20 train, 80 test; 15 steps → (20·16 + 80·2)·3 = 1440 agent calls, 60 optimizer calls;
    // tokens 1440·1800 + 60·12800 = 3 360 000; $ (1440·1500 + 60·12000)·2/1e6 + (1440·300 + 60·800)·8/1e6 = 9.60
    expect(lines.find((l) => l.startsWith("number-theory.full"))).toMatch(/^number-theory\.full\s+20\s+80\s+1440\s+60\s+3360000\s+[\d.]+ h\s+\$9\.60$/);
    expect(lines.find((l) => l.startsWith("number-theory.no-training"))).toMatch(/\s+0\s+80\s+240\s+0\s+/);
    expect(lines.find((l) => l.startsWith("total"))).toMatch(/^total\s+/);
  });

  it("above the confirmation threshold with no terminal to ask and no --yes: refused with the estimate, nothing run", async () => {
    const out = join(newDir(), "exp");
    const { code, out: stdout, err } = await cli([...TINY, "--prices", "scripted:demo=1000/1000", "--out", out]);
    expect(code).toBe(2);
    expect(stdout).toMatch(/^total\s.*\$\d+\.\d\d$/m);
    expect(err).toMatch(/This may cost about \$\d+\.\d\d — not confirmed; re-run with --yes/);
    expect(existsSync(out)).toBe(false);
  });
});

describe("toolforge reproduce end to end with the scripted models", () => {
  it("runs every cell, writes cell.json per cell and the results, and a re-run skips finished cells", async () => {
    const out = join(newDir(), "exp");
    const first = await cli([...TINY, "--yes", "--out", out]);
    expect(first.err).toBe("");
    expect(first.code).toBe(0);
    const cells = ["number-theory.no-training", "number-theory.no-rollback", "number-theory.one-step", "number-theory.full"];
    for (const id of cells) {
      const cell = JSON.parse(readFileSync(join(out, id, "cell.json"), "utf8"));
      expect(cell).toMatchObject({ experiment: "table3", cellId: id, column: "Number Theory" });
      expect(Object.keys(cell.after.test)).toHaveLength(1);
      if (id !== "number-theory.no-training") expect(Object.keys(cell.before.train)).toHaveLength(1);
    }
    expect(JSON.parse(readFileSync(join(out, "number-theory.no-training", "cell.json"), "utf8")).before).toEqual(JSON.parse(readFileSync(join(out, "number-theory.no-training", "cell.json"), "utf8")).after);
    for (const f of ["results.md", "results.html", "results.json"]) expect(existsSync(join(out, f))).toBe(true);
    expect(first.out).toContain(readFileSync(join(out, "results.md"), "utf8"));

    // Every cell lands on its row and column of Table 3, beside the paper's figure; the other types were not run.
    const { json, mdRow } = results(out);
    expect(json.warnings).toEqual([]);
    expect(json.totals.finished).toBe(4);
    const column = json.columns.indexOf("Number Theory");
    const paper = { "No Agent Training": 0.563, "Agent Training w/o Roll-back & Early-stop": 0.638, "Agent Training w/o Progressive Function Update": 0.6, "Agent Training (Ours)": 0.675 };
    expect(json.rows.map((r) => r.label)).toEqual(Object.keys(paper));
    for (const row of json.rows) {
      const entry = row.entries[column]!;
      expect(entry, row.label).toMatchObject({ status: "measured", paper: paper[row.label as keyof typeof paper] });
      expect(entry.difference).toBeCloseTo(entry.value! - entry.paper!, 12);
      if (row.label !== "No Agent Training") expect(entry.mcnemar, row.label).toBeDefined();
      expect(row.entries.filter((_, i) => i !== column).every((e) => e!.status === "not run"), row.label).toBe(true);
      const shown = mdRow(row.label)[column]!;
      expect(shown).not.toMatch(/not run/);
      expect(shown).toContain(`paper ${(100 * entry.paper!).toFixed(1)} %`);
    }
    expect(JSON.parse(readFileSync(join(out, "spend.json"), "utf8")).total.inputTokens).toBeGreaterThan(0);
    expect(readdirSync(out)).not.toContain("run.lock");

    const mtimes = cells.map((id) => statSync(join(out, id, "cell.json")).mtimeMs);
    const spent = readFileSync(join(out, "spend.json"), "utf8");
    const again = await cli([...TINY.filter((a) => a !== "--quiet"), "--yes", "--out", out]);
    expect(again.code).toBe(0);
    for (const id of cells) expect(again.out).toContain(`${id}: finished earlier, skipped`);
    expect(cells.map((id) => statSync(join(out, id, "cell.json")).mtimeMs)).toEqual(mtimes);
    expect(readFileSync(join(out, "spend.json"), "utf8")).toBe(spent);

    // A training cell started with other settings is refused, not mixed; nothing runs.
    expect(readdirSync(join(out, "cell-protocols")).sort()).toEqual(cells.map((id) => `${id}.json`).sort());
    const changed = await cli([...TINY, "--limit", "2", "--cells", "number-theory.full", "--yes", "--out", out]);
    expect(changed.code).toBe(2);
    expect(changed.err).toMatch(/number-theory\.full was started with other settings/);
    expect(readFileSync(join(out, "spend.json"), "utf8")).toBe(spent);
  });

  it("fig3: trained and transferred cells fill their train-type row and test-type column", async () => {
    const out = join(newDir(), "exp");
    const run = await cli(["reproduce", "fig3", "--types", "algebra,geometry", ...CHEAP, "--out", out]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const { json, mdRow } = results(out);
    expect(json.warnings).toEqual([]);
    expect(json.totals.finished).toBe(4);
    const ran = ["Algebra", "Geometry"];
    for (const row of json.rows) {
      const trained = row.label.replace("Trained on ", "");
      const shown = mdRow(row.label);
      for (const [i, entry] of row.entries.entries()) {
        const measured = ran.includes(trained) && ran.includes(entry!.column);
        expect(entry!.status, `${row.label} / ${entry!.column}`).toBe(measured ? "measured" : "not run");
        expect(shown[i]!.includes("not run"), `${row.label} / ${entry!.column}`).toBe(!measured);
      }
    }
    const algebra = json.rows.find((r) => r.label === "Trained on Algebra")!.entries.find((e) => e!.column === "Algebra")!;
    expect(algebra).toMatchObject({ status: "measured", paper: 0.65 });
    expect(mdRow("Trained on Algebra")[0]).toContain("paper 65.0 %");
    const transfer = json.rows.find((r) => r.label === "Trained on Geometry")!.entries.find((e) => e!.column === "Algebra")!;
    expect(transfer).toMatchObject({ status: "measured", row: "Geometry", column: "Algebra" });
  });

  it("table6: both agents' MATH runs fill the one MATH position, function metrics from their run directories", async () => {
    const out = join(newDir(), "exp");
    const run = await cli(["reproduce", "table6", "--cells", "math.*", ...CHEAP, "--out", out]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const agents = ["math.tool-calling", "math.react"].map((id) => JSON.parse(readFileSync(join(out, id, "cell.json"), "utf8")) as { functionMetrics: Record<string, number> });
    for (const a of agents) expect(a.functionMetrics).toBeTypeOf("object");
    const { json } = results(out);
    expect(json.warnings).toEqual([]);
    expect(json.totals.finished).toBe(1);
    const math = json.columns.indexOf("MATH");
    const mean = (field: string) => {
      const values = agents.map((a) => a.functionMetrics[field]).filter((v) => v !== undefined);
      return values.length === 0 ? undefined : values.reduce((x, y) => x + y, 0) / values.length;
    };
    // Both agents evaluated at least twice (max-steps 1), so the call counts exist; the complexity only if a run kept functions.
    expect(mean("callsSecondStep")).toBeTypeOf("number");
    for (const [label, field] of [["Second Epoch", "callsSecondStep"], ["Last Epoch", "callsLastStep"], ["Avg. Complexity", "meanComplexity"]] as const) {
      const entry = json.rows.find((r) => r.label === label)!.entries[math]!;
      expect(entry.paper, label).toBeTypeOf("number");
      const expected = mean(field);
      if (expected === undefined) expect(entry.status, label).toBe("not measured");
      else expect(entry, label).toMatchObject({ status: "measured", value: expected });
    }
    for (const row of json.rows) expect(row.entries.find((e) => e!.column === "TabMWP")!.status).toBe("not run");
  });

  it("--budget stops the experiment once spent, and the spend persists across re-runs", async () => {
    const out = join(newDir(), "exp");
    const budget = ["--prices", "scripted:demo=1000/1000", "--budget", "0.5", "--yes", "--out", out];
    const first = await cli([...TINY, ...budget]);
    expect(first.code).toBe(1);
    expect(first.out).toMatch(/Stopped: the budget of \$0\.5 is spent/);
    const ledger = JSON.parse(readFileSync(join(out, "spend.json"), "utf8"));
    expect(ledger.total.usd).toBeGreaterThanOrEqual(0.5);
    expect(existsSync(join(out, "number-theory.no-rollback", "cell.json"))).toBe(false);
    const before = readFileSync(join(out, "spend.json"), "utf8");
    const second = await cli([...TINY, ...budget]);
    expect(second.code).toBe(1);
    expect(second.out).toMatch(/Stopped: the budget of \$0\.5 is spent/);
    expect(readFileSync(join(out, "spend.json"), "utf8")).toBe(before);
  });
});
