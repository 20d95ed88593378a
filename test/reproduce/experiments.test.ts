import { describe, expect, it } from "vitest";
import { loadDataset } from "../../src/datasets/index.js";
import { DEFAULTS } from "../../src/defaults.js";
import { ReproduceError } from "../../src/reproduce/errors.js";
import { experimentCells, selectCells } from "../../src/reproduce/experiments.js";
import { EXPERIMENT_LAYOUTS } from "../../src/reproduce/layouts.js";
import { EXPERIMENT_NAMES } from "../../src/reproduce/types.js";

const appG = { maxEpochs: 10, patience: 10, maxSteps: DEFAULTS.reproduce.maxSteps, maxActions: 3 };

describe("experiment cells follow the paper's protocol", () => {
  it("table1: every MATH type × both agents, 20 train / 80 test per type, App. G settings", () => {
    const cells = experimentCells("table1");
    expect(cells).toHaveLength(14);
    expect(new Set(cells.map((c) => c.cellId)).size).toBe(14);
    const algebra = cells.filter((c) => c.column === "Algebra");
    expect(algebra.map((c) => [c.cellId, c.row, c.agent])).toEqual([
      ["algebra.tool-calling", "GPT-4+ Agent", "tool-calling"],
      ["algebra.react", "ReAct Agent", "react"],
    ]);
    for (const c of cells) {
      expect(c.kind).toBe("train");
      expect(c.training).toEqual(appG);
      expect(c.train).toMatch(/^math:train20@[a-z-]+$/);
      expect(c.test).toBe(c.train!.replace("math:train20", "math:test80"));
    }
  });

  it("table2: GAIA's 10 / 100 split and TabMWP 30 / 100 for both agents; refused without a GAIA folder", () => {
    expect(() => experimentCells("table2")).toThrow(ReproduceError);
    const cells = experimentCells("table2", { gaiaDir: "/data/gaia" });
    expect(cells.map((c) => [c.cellId, c.train, c.test])).toEqual([
      ["gaia.tool-calling", "gaia:/data/gaia@train", "gaia:/data/gaia@test"],
      ["tabmwp.tool-calling", "tabmwp:train@sample30", "tabmwp:test"],
      ["gaia.react", "gaia:/data/gaia@train", "gaia:/data/gaia@test"],
      ["tabmwp.react", "tabmwp:train@sample30", "tabmwp:test"],
    ]);
  });

  it("table3: the paper's three types, each without training, without roll-back, one-step, and full — GPT-4+ only", () => {
    const cells = experimentCells("table3");
    expect(cells).toHaveLength(12);
    expect([...new Set(cells.map((c) => c.column))]).toEqual(["Number Theory", "Intermediate Algebra", "Counting & Probability"]);
    expect([...new Set(cells.map((c) => c.row))]).toEqual([...EXPERIMENT_LAYOUTS.table3.rows]);
    expect(cells.every((c) => c.agent === "tool-calling")).toBe(true);
    const nt = Object.fromEntries(cells.filter((c) => c.column === "Number Theory").map((c) => [c.cellId, c]));
    expect(nt["number-theory.no-rollback"]!.row).toBe("Agent Training w/o Roll-back & Early-stop");
    expect(nt["number-theory.no-training"]).toMatchObject({ kind: "evaluate", test: "math:test80@number-theory" });
    expect(nt["number-theory.no-training"]!.train).toBeUndefined();
    expect(nt["number-theory.no-rollback"]!.training).toEqual({ ...appG, rollback: false });
    expect(nt["number-theory.one-step"]!.training).toEqual({ ...appG, optimizerMode: "one-step" });
    expect(nt["number-theory.full"]!.training).toEqual(appG);
  });

  it("fig3: trains once per type and scores that toolset on the other two types", () => {
    const cells = experimentCells("fig3");
    expect(cells).toHaveLength(9);
    const trained = cells.filter((c) => c.kind === "train");
    expect(trained.map((c) => c.cellId)).toEqual(["algebra.to.algebra", "intermediate-algebra.to.intermediate-algebra", "geometry.to.geometry"]);
    const transfer = cells.find((c) => c.cellId === "geometry.to.algebra")!;
    expect(transfer).toMatchObject({ kind: "transfer", from: "geometry.to.geometry", test: "math:test80@algebra", row: "Geometry", column: "Algebra" });
  });

  it("fig4: regular training and batch sizes 5/10/15/20 with 40/20/13/10 epochs on the whole intermediate-algebra train sample", () => {
    const cells = experimentCells("fig4");
    expect(cells.map((c) => [c.cellId, c.train, c.training!.batchSize, c.training!.maxEpochs, c.training!.maxSteps])).toEqual([
      ["regular", "math:train20@intermediate-algebra", undefined, 10, DEFAULTS.reproduce.maxSteps],
      ["batch-5", "math:train@intermediate-algebra", 5, 40, 40],
      ["batch-10", "math:train@intermediate-algebra", 10, 20, 20],
      ["batch-15", "math:train@intermediate-algebra", 15, 13, 13],
      ["batch-20", "math:train@intermediate-algebra", 20, 10, 10],
    ]);
    expect(cells.every((c) => c.test === "math:test80@intermediate-algebra")).toBe(true);
    expect(cells.map((c) => c.column)).toEqual([...EXPERIMENT_LAYOUTS.fig4.columns]);
  });

  it("table6: MATH and TabMWP (and GAIA when given) for both agents, measuring functions", () => {
    expect(experimentCells("table6").map((c) => c.cellId)).toEqual(["math.tool-calling", "math.react", "tabmwp.tool-calling", "tabmwp.react"]);
    const withGaia = experimentCells("table6", { gaiaDir: "/g" });
    expect(withGaia.map((c) => c.column)).toEqual(["MATH", "MATH", "GAIA", "GAIA", "TabMWP", "TabMWP"]);
    expect(new Set(withGaia.map((c) => c.row))).toEqual(new Set(["Agent training"]));
    expect(withGaia.every((c) => c.functionMetrics === true)).toBe(true);
  });

  it("every cell of every experiment is a position of its layout, each position filled once (Table 6: once per agent)", () => {
    for (const name of EXPERIMENT_NAMES) {
      const layout = EXPERIMENT_LAYOUTS[name];
      const cells = experimentCells(name, { gaiaDir: "/g" });
      for (const c of cells) {
        expect(layout.rows, `${name} ${c.cellId}`).toContain(c.row);
        expect(layout.columns, `${name} ${c.cellId}`).toContain(c.column);
      }
      const positions = cells.map((c) => JSON.stringify([c.row, c.column, name === "table6" ? "" : c.agent]));
      expect(new Set(positions).size, name).toBe(name === "table6" ? cells.length / 2 : cells.length);
      expect(new Set(positions).size, name).toBe(layout.rows.length * layout.columns.length);
    }
  });

  it("--types and --max-steps narrow the protocol", () => {
    expect(experimentCells("table1", { types: ["geometry"] }).map((c) => c.cellId)).toEqual(["geometry.tool-calling", "geometry.react"]);
    expect(experimentCells("table3", { types: ["algebra"], maxSteps: 2 }).flatMap((c) => c.training?.maxSteps ?? [])).toEqual([2, 2, 2]);
  });

  it("every experiment's sources load with the expected task counts", async () => {
    const sources = new Set(EXPERIMENT_NAMES.filter((n) => n !== "table2").flatMap((n) => experimentCells(n).flatMap((c) => [c.train, c.test]).filter((s): s is string => s !== undefined)));
    const sizes = Object.fromEntries(await Promise.all([...sources].map(async (s) => [s, (await loadDataset(s)).tasks.length] as const)));
    for (const [source, n] of Object.entries(sizes)) {
      if (source.startsWith("math:train20@")) expect(n, source).toBe(20);
      else if (source.startsWith("math:test80@")) expect(n, source).toBe(80);
      else if (source.startsWith("math:train@")) expect(n, source).toBe(80);
    }
    expect(sizes["tabmwp:train@sample30"]).toBe(30);
    expect(sizes["tabmwp:test"]).toBe(100);
    expect(sizes["math:train20@sample20"]).toBe(20);
    expect(sizes["math:test80@sample80"]).toBe(80);
    const algebra = await loadDataset("math:test80@algebra");
    expect(algebra.tasks.every((t) => t.meta?.type === "Algebra")).toBe(true);
  });
});

describe("selectCells", () => {
  const cells = experimentCells("fig3");

  it("keeps cells matching any glob, and the training cell a transfer cell needs", () => {
    expect(selectCells(cells, "geometry.to.algebra").map((c) => c.cellId)).toEqual(["geometry.to.algebra", "geometry.to.geometry"]);
    expect(selectCells(experimentCells("table1"), "*.react,algebra.*").map((c) => c.cellId)).toContain("algebra.tool-calling");
    expect(selectCells(experimentCells("table1"), "*.react")).toHaveLength(7);
  });

  it("a glob matching nothing lists the cells", () => {
    expect(() => selectCells(cells, "nope*")).toThrow(/matches no cell; the cells are: algebra\.to\.algebra/);
  });
});
