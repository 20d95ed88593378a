import type { TopLevelSpec } from "vega-lite";
import { renderVegaLiteSvg } from "./render-svg.js";

/**
 * A data split of the learning curve.
 *
 * @example
 * const split: CurveSplit = "validation";
 */
export type CurveSplit = "train" | "validation" | "test";

/**
 * One plotted value. `kind: "best"` points trace the accuracy of the best
 * toolset so far after each step (with its Wilson 95 % band `low`–`high`);
 * `kind: "candidate"` points are the evaluated candidates of optimizer steps
 * (train only), accepted or rolled back. Steps whose optimizer changed
 * nothing have no candidate point: nothing was evaluated.
 *
 * @example
 * const p: CurvePoint = { step: 1, split: "train", accuracy: 0.6, low: 0.31, high: 0.83, kind: "candidate", status: "rolled back" };
 */
export interface CurvePoint {
  step: number;
  split: CurveSplit;
  accuracy: number;
  /** Wilson 95 % interval of `accuracy`, when the sample size is known. */
  low?: number;
  high?: number;
  kind: "best" | "candidate";
  status: "baseline" | "accepted" | "rolled back";
}

const SPLIT_COLORS: Record<CurveSplit, string> = { train: "#1f77b4", validation: "#e6550d", test: "#2ca02c" };
const SPLIT_DASH: Record<CurveSplit, number[]> = { train: [1, 0], validation: [8, 4], test: [2, 3] };
const SPLITS: CurveSplit[] = ["train", "validation", "test"];

/**
 * The learning-curve chart as a Vega-Lite spec: for each split present, the
 * best-so-far accuracy as a step line with its Wilson band; the train
 * candidates of each step as separate marks (accepted: filled triangle,
 * rolled back: red cross); the final value of each line labelled at its end.
 * Only the splits in `points` appear in the legend.
 *
 * @example
 * import { learningCurveSpec } from "toolforge";
 * const spec = learningCurveSpec([{ step: 0, split: "train", accuracy: 0.25, kind: "best", status: "baseline" }]);
 */
export function learningCurveSpec(points: readonly CurvePoint[], title = "Learning curve"): TopLevelSpec {
  const splits = SPLITS.filter((s) => points.some((p) => p.split === s && p.kind === "best"));
  const lastStep = Math.max(0, ...points.map((p) => p.step));
  const x = { field: "step", type: "quantitative" as const, title: "optimization step", axis: { tickMinStep: 1, format: "d" }, scale: { domain: [0, Math.max(1, lastStep)] } };
  const y = { field: "accuracy", type: "quantitative" as const, title: "accuracy", axis: { format: ".0%" }, scale: { domain: [0, 1] } };
  const color = { field: "split", type: "nominal" as const, title: "best toolset so far", scale: { domain: splits, range: splits.map((s) => SPLIT_COLORS[s]) } };
  const best = "datum.kind === 'best'";
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: title, anchor: "start", fontSize: 15 },
    width: 860,
    height: 340,
    background: "white",
    config: { view: { stroke: null }, axis: { grid: true, gridColor: "#eeeeee" }, legend: { orient: "bottom", direction: "horizontal" } },
    data: { values: points.map((p) => ({ ...p })) },
    layer: [
      {
        transform: [{ filter: `${best} && isValid(datum.low)` }],
        mark: { type: "area", opacity: 0.09, interpolate: "step-after" },
        encoding: { x, y: { field: "low", type: "quantitative" }, y2: { field: "high" }, color: { ...color, legend: null } },
      },
      {
        transform: [{ filter: best }],
        mark: { type: "line", strokeWidth: 2.5, interpolate: "step-after" },
        encoding: {
          x,
          y,
          color,
          // Dashes keep coinciding splits (validation = test) distinguishable.
          strokeDash: { field: "split", type: "nominal", legend: null, scale: { domain: splits, range: splits.map((s) => SPLIT_DASH[s]) } },
          tooltip: [{ field: "split" }, { field: "step" }, { field: "accuracy", format: ".1%" }, { field: "low", format: ".1%" }, { field: "high", format: ".1%" }],
        },
      },
      {
        // Labels of equal values would overlap: each split keeps its own small vertical offset.
        transform: [
          { filter: `${best} && datum.step === ${lastStep}` },
          { calculate: "datum.split + ' ' + format(datum.accuracy, '.0%')", as: "label" },
          { calculate: `datum.accuracy + (indexof(${JSON.stringify(splits)}, datum.split) - ${(splits.length - 1) / 2}) * -0.05`, as: "labelY" },
        ],
        mark: { type: "text", align: "left", dx: 6, fontSize: 12, fontWeight: "bold" },
        encoding: { x, y: { field: "labelY", type: "quantitative" }, text: { field: "label" }, color: { ...color, legend: null } },
      },
      {
        transform: [{ filter: "datum.kind === 'candidate'" }],
        mark: { type: "point", size: 120, strokeWidth: 2 },
        encoding: {
          x,
          y,
          shape: { field: "status", type: "nominal", title: "candidate (train)", scale: { domain: ["accepted", "rolled back"], range: ["triangle-up", "cross"] } },
          color: { field: "status", type: "nominal", title: "candidate (train)", scale: { domain: ["accepted", "rolled back"], range: ["#2ca02c", "#d62728"] } },
          fill: { field: "status", type: "nominal", legend: null, scale: { domain: ["accepted", "rolled back"], range: ["#2ca02c", "#d62728"] } },
          tooltip: [{ field: "step" }, { field: "accuracy", format: ".1%" }, { field: "status" }],
        },
      },
    ],
    resolve: { scale: { color: "independent", shape: "independent" } },
  } as TopLevelSpec;
}

/**
 * Renders {@link learningCurveSpec} to an SVG string.
 *
 * @example
 * import { renderLearningCurveSvg } from "toolforge";
 * const svg = await renderLearningCurveSvg([{ step: 0, split: "train", accuracy: 0.5, kind: "best", status: "baseline" }]);
 */
export async function renderLearningCurveSvg(points: readonly CurvePoint[], title?: string): Promise<string> {
  return renderVegaLiteSvg(learningCurveSpec(points, title));
}
