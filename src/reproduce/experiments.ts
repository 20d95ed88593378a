import { DEFAULTS } from "../defaults.js";
import { MATH_TYPES, type MathTypeSlug } from "../datasets/preset-selector.js";
import { ReproduceError } from "./errors.js";
import { AGENT_SYSTEMS, FIG3_TYPES, FIG4_BATCH_SETTINGS, FIG4_REGULAR, FIG4_TYPE, TABLE3_TYPES, TABLE3_VARIANTS, TABLE6_ROW, type MathType } from "./layouts.js";
import type { ExperimentName } from "./types.js";

/**
 * The two agent systems of the paper: "GPT-4+" (tool calling with a code interpreter) and ReAct.
 *
 * @example
 * const agent: import("toolforge").ReproduceAgent = "react";
 */
export type ReproduceAgent = "tool-calling" | "react";

/**
 * How a cell trains (App. G unless the experiment changes one setting).
 *
 * @example
 * const t: import("toolforge").CellTraining = { maxEpochs: 10, patience: 10, maxSteps: 30, maxActions: 3 };
 */
export interface CellTraining {
  maxEpochs: number;
  patience: number;
  maxSteps: number;
  maxActions: number;
  /** `false`: Table 3's "w/o roll-back & early-stop". */
  rollback?: false;
  /** `"one-step"`: Table 3's "w/o progressive function update". */
  optimizerMode?: "one-step";
  /** Figure 4's batch training. */
  batchSize?: number;
}

/**
 * One cell of an experiment: its own run directory under `--out`. `row` and
 * `column` are the names of `EXPERIMENT_LAYOUTS` (the results table places it there).
 * - `train`: train on `train`, score the initial and the trained toolset on `train` and `test`;
 * - `evaluate`: no training, the initial toolset on `test` (Table 3's "No Agent Training");
 * - `transfer`: the toolset trained by cell `from`, on `test` (Figure 3's other domains).
 *
 * @example
 * import { experimentCells } from "toolforge";
 * const [first] = experimentCells("table1");
 * console.log(first.cellId, first.train, first.test); // "prealgebra.tool-calling" "math:train20@prealgebra" "math:test80@prealgebra"
 */
export interface ExperimentCell {
  experiment: ExperimentName;
  cellId: string;
  row: string;
  column: string;
  agent: ReproduceAgent;
  kind: "train" | "evaluate" | "transfer";
  /** Training tasks (a dataset source); absent for `evaluate` and `transfer` cells. */
  train?: string;
  test: string;
  training?: CellTraining;
  /** The cell whose trained toolset a `transfer` cell scores. */
  from?: string;
  /** Table 6: record successful function calls and complexity. */
  functionMetrics?: boolean;
}

/**
 * What narrows or completes an experiment's cells.
 *
 * @example
 * const o: import("toolforge").ExperimentOptions = { types: ["algebra"], gaiaDir: "~/gaia/2023/validation", maxSteps: 30 };
 */
export interface ExperimentOptions {
  /** MATH types (default: all seven for Table 1, the paper's three for Table 3 and Figure 3). */
  types?: readonly MathTypeSlug[];
  /** The user's local GAIA copy (Table 2; Table 6's GAIA column). */
  gaiaDir?: string;
  /** Hard cap on optimizer steps per training cell (default `DEFAULTS.reproduce.maxSteps`). */
  maxSteps?: number;
}

const AGENTS: readonly ReproduceAgent[] = AGENT_SYSTEMS.map((a) => a.kind);
/** The layout's row name of an agent system. */
const agentRow = (a: ReproduceAgent): string => AGENT_SYSTEMS.find((s) => s.kind === a)!.row;
/** The dataset selector of a MATH type the layouts name. */
const slugOf = (type: MathType): MathTypeSlug => (Object.keys(MATH_TYPES) as MathTypeSlug[]).find((slug) => MATH_TYPES[slug] === type)!;
/** Table 1's protocol: 20 train and 80 test problems per type (data/math/README.md explains why not the text's 80 / 20). */
const mathTrain = (t: MathTypeSlug) => `math:train20@${t}`;
const mathTest = (t: MathTypeSlug) => `math:test80@${t}`;

function appG(options: ExperimentOptions): CellTraining {
  const r = DEFAULTS.reproduce;
  return { maxEpochs: r.maxEpochs, patience: r.patience, maxSteps: options.maxSteps ?? r.maxSteps, maxActions: r.maxActions };
}

function trainCell(experiment: ExperimentName, cellId: string, row: string, column: string, agent: ReproduceAgent, train: string, test: string, training: CellTraining, extra: Partial<ExperimentCell> = {}): ExperimentCell {
  return { experiment, cellId, row, column, agent, kind: "train", train, test, training, ...extra };
}

function table1(o: ExperimentOptions): ExperimentCell[] {
  const types = o.types ?? (Object.keys(MATH_TYPES) as MathTypeSlug[]);
  return types.flatMap((t) => AGENTS.map((a) => trainCell("table1", `${t}.${a}`, agentRow(a), MATH_TYPES[t], a, mathTrain(t), mathTest(t), appG(o))));
}

function table2(o: ExperimentOptions): ExperimentCell[] {
  if (!o.gaiaDir) throw new ReproduceError("E_REPRODUCE_GAIA", "table2 needs your local GAIA copy: pass --gaia <folder> (the folder with GAIA's metadata.jsonl; toolforge never downloads GAIA)", {});
  return AGENTS.flatMap((a) => [
    // §3.1: 10 train / 100 test GAIA questions (the loader's seeded split).
    trainCell("table2", `gaia.${a}`, agentRow(a), "GAIA", a, `gaia:${o.gaiaDir}@train`, `gaia:${o.gaiaDir}@test`, appG(o)),
    // Table 2's accuracies are multiples of 1/30 (train) and 1/100 (test), not the text's 100 / 10.
    trainCell("table2", `tabmwp.${a}`, agentRow(a), "TabMWP", a, "tabmwp:train@sample30", "tabmwp:test", appG(o)),
  ]);
}

function table3(o: ExperimentOptions): ExperimentCell[] {
  const types = o.types ?? TABLE3_TYPES.map(slugOf);
  const a: ReproduceAgent = "tool-calling";
  const v = TABLE3_VARIANTS;
  return types.flatMap((t) => [
    { experiment: "table3" as const, cellId: `${t}.no-training`, row: v.noTraining, column: MATH_TYPES[t], agent: a, kind: "evaluate" as const, test: mathTest(t) },
    trainCell("table3", `${t}.no-rollback`, v.noRollback, MATH_TYPES[t], a, mathTrain(t), mathTest(t), { ...appG(o), rollback: false }),
    trainCell("table3", `${t}.one-step`, v.oneStep, MATH_TYPES[t], a, mathTrain(t), mathTest(t), { ...appG(o), optimizerMode: "one-step" }),
    trainCell("table3", `${t}.full`, v.full, MATH_TYPES[t], a, mathTrain(t), mathTest(t), appG(o)),
  ]);
}

function fig3(o: ExperimentOptions): ExperimentCell[] {
  const types = o.types ?? FIG3_TYPES.map(slugOf);
  const a: ReproduceAgent = "tool-calling";
  return types.flatMap((from) =>
    types.map((to) =>
      from === to
        ? trainCell("fig3", `${from}.to.${to}`, MATH_TYPES[from], MATH_TYPES[to], a, mathTrain(from), mathTest(to), appG(o))
        : { experiment: "fig3" as const, cellId: `${from}.to.${to}`, row: MATH_TYPES[from], column: MATH_TYPES[to], agent: a, kind: "transfer" as const, test: mathTest(to), from: `${from}.to.${from}` },
    ),
  );
}

function fig4(o: ExperimentOptions): ExperimentCell[] {
  const t = slugOf(FIG4_TYPE);
  const a: ReproduceAgent = "tool-calling";
  const regular = trainCell("fig4", "regular", FIG4_TYPE, FIG4_REGULAR, a, mathTrain(t), mathTest(t), appG(o));
  // §3.3.4 trains on 100 problems; the bundled sample has 80 per type (math:train), all of them used.
  const batches = FIG4_BATCH_SETTINGS.map(({ column, batchSize, epochs }) =>
    trainCell("fig4", `batch-${batchSize}`, FIG4_TYPE, column, a, `math:train@${t}`, mathTest(t), { ...appG(o), batchSize, maxEpochs: epochs, maxSteps: epochs }),
  );
  return [regular, ...batches];
}

function table6(o: ExperimentOptions): ExperimentCell[] {
  const sets: [id: string, column: string, train: string, test: string][] = [
    // §3.4's MATH setting: 20 train / 80 test drawn from all types.
    ["math", "MATH", "math:train20@sample20", "math:test80@sample80"],
    ...(o.gaiaDir ? [["gaia", "GAIA", `gaia:${o.gaiaDir}@train`, `gaia:${o.gaiaDir}@test`] as [string, string, string, string]] : []),
    ["tabmwp", "TabMWP", "tabmwp:train@sample30", "tabmwp:test"],
  ];
  // One table position per dataset, run by both agents (their own run directories);
  // the paper averages over both agents, and so does combineAgentCells before the table is drawn.
  return sets.flatMap(([id, column, train, test]) => AGENTS.map((a) => trainCell("table6", `${id}.${a}`, TABLE6_ROW, column, a, train, test, appG(o), { functionMetrics: true })));
}

const BUILDERS: Readonly<Record<ExperimentName, (o: ExperimentOptions) => ExperimentCell[]>> = { table1, table2, table3, fig3, fig4, table6 };

/**
 * The cells of one of the paper's experiments, with its protocol: splits,
 * App. G hyper-parameters (`DEFAULTS.reproduce`), and both agent systems
 * where the paper has both. Throws `ReproduceError` for Table 2 without a
 * GAIA folder.
 *
 * @example
 * import { experimentCells } from "toolforge";
 * experimentCells("table3").map((c) => c.cellId); // ["number-theory.no-training", "number-theory.no-rollback", …]
 */
export function experimentCells(name: ExperimentName, options: ExperimentOptions = {}): ExperimentCell[] {
  return BUILDERS[name](options);
}

/**
 * Keeps the cells whose id matches one of the comma-separated globs (`*`
 * any run of characters, `?` one), e.g. `"*.react"` or `"algebra.*,geometry.*"`.
 * A `transfer` cell keeps the training cell it depends on. No match is a
 * `ReproduceError` listing the ids.
 *
 * @example
 * import { experimentCells, selectCells } from "toolforge";
 * selectCells(experimentCells("table1"), "algebra.*").length; // 2
 */
export function selectCells(cells: readonly ExperimentCell[], globs: string | undefined): ExperimentCell[] {
  if (globs === undefined) return [...cells];
  const patterns = globs.split(",").map((g) => g.trim()).filter(Boolean).map(globToRegExp);
  const chosen = new Set(cells.filter((c) => patterns.some((p) => p.test(c.cellId))).map((c) => c.cellId));
  if (chosen.size === 0) {
    throw new ReproduceError("E_REPRODUCE_CELLS", `--cells ${globs} matches no cell; the cells are: ${cells.map((c) => c.cellId).join(", ")}`, { globs });
  }
  for (const c of cells) if (chosen.has(c.cellId) && c.from) chosen.add(c.from);
  return cells.filter((c) => chosen.has(c.cellId));
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}
