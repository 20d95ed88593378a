import type { TopLevelSpec } from "vega-lite";
import { renderVegaLiteSvg } from "./render-svg.js";

/**
 * One plotted value: the accuracy of a split after a step (step 0 is the baseline).
 *
 * @example
 * const p: CurvePoint = { step: 1, split: "train", accuracy: 0.6, status: "accepted" };
 */
export interface CurvePoint {
  step: number;
  split: "train" | "validation" | "test";
  accuracy: number;
  /** Outcome of the step; markers show it on the train series. */
  status: "baseline" | "accepted" | "rolled back";
}

/**
 * The learning-curve chart as a Vega-Lite spec: one line per split
 * (train / validation / test accuracy per step) and, on the train series,
 * markers whose shape and colour say whether the step was accepted or
 * rolled back.
 *
 * @example
 * import { learningCurveSpec } from "toolforge";
 * const spec = learningCurveSpec([{ step: 0, split: "train", accuracy: 0.25, status: "baseline" }]);
 */
export function learningCurveSpec(points: readonly CurvePoint[], title = "Learning curve"): TopLevelSpec {
  const x = { field: "step", type: "quantitative" as const, title: "step", axis: { tickMinStep: 1, format: "d" } };
  const y = { field: "accuracy", type: "quantitative" as const, title: "accuracy", scale: { domain: [0, 1] } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    width: 520,
    height: 280,
    background: "white",
    data: { values: points.map((p) => ({ ...p })) },
    layer: [
      {
        mark: { type: "line", strokeWidth: 2 },
        encoding: {
          x,
          y,
          color: { field: "split", type: "nominal", title: "split", scale: { domain: ["train", "validation", "test"], range: ["#1f77b4", "#ff7f0e", "#2ca02c"] } },
          // Dashes keep coinciding splits (validation = test) visible.
          strokeDash: { field: "split", type: "nominal", title: "split", scale: { domain: ["train", "validation", "test"], range: [[1, 0], [8, 4], [2, 3]] } },
        },
      },
      {
        transform: [{ filter: "datum.split === 'train'" }],
        mark: { type: "point", filled: true, size: 110 },
        encoding: {
          x,
          y,
          shape: { field: "status", type: "nominal", title: "step outcome", scale: { domain: ["baseline", "accepted", "rolled back"], range: ["circle", "triangle-up", "cross"] } },
          fill: { field: "status", type: "nominal", scale: { domain: ["baseline", "accepted", "rolled back"], range: ["#555555", "#2ca02c", "#d62728"] } },
          stroke: { value: "#222222" },
          tooltip: [{ field: "step" }, { field: "accuracy", format: ".3f" }, { field: "status" }],
        },
      },
    ],
  } as TopLevelSpec;
}

/**
 * Renders {@link learningCurveSpec} to an SVG string.
 *
 * @example
 * import { renderLearningCurveSvg } from "toolforge";
 * const svg = await renderLearningCurveSvg([{ step: 0, split: "train", accuracy: 0.5, status: "baseline" }]);
 */
export async function renderLearningCurveSvg(points: readonly CurvePoint[], title?: string): Promise<string> {
  return renderVegaLiteSvg(learningCurveSpec(points, title));
}
