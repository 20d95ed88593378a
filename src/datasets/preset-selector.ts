import type { Task } from "../evaluation/types.js";
import { DatasetError } from "./errors.js";
import { sampleTasks } from "./sample.js";

/**
 * The seven MATH types by their selector slug (`math:test80@algebra`), with
 * the `type` field the bundled rows carry.
 *
 * @example
 * // Internal: the root export's MATH_TYPES is the results table's list (src/reproduce/layouts.ts).
 * import { MATH_TYPES } from "./preset-selector.js";
 * console.log(MATH_TYPES["intermediate-algebra"]); // "Intermediate Algebra"
 */
export const MATH_TYPES = {
  prealgebra: "Prealgebra",
  algebra: "Algebra",
  "intermediate-algebra": "Intermediate Algebra",
  geometry: "Geometry",
  "counting-probability": "Counting & Probability",
  precalculus: "Precalculus",
  "number-theory": "Number Theory",
} as const;

/**
 * A key of {@link MATH_TYPES}.
 *
 * @example
 * const t: import("toolforge").MathTypeSlug = "number-theory";
 */
export type MathTypeSlug = keyof typeof MATH_TYPES;

/**
 * A preset narrowed by a selector after `@`: one MATH type
 * (`math:train20@geometry`) or a seeded sample of n tasks
 * (`tabmwp:train@sample30`, chosen by `sampleTasks` with seed 0).
 *
 * @example
 * import { parsePresetSelector } from "toolforge";
 * parsePresetSelector("math:test80@algebra"); // { preset: "math:test80", selector: "algebra" }
 * parsePresetSelector("math:test80");         // undefined
 */
export function parsePresetSelector(source: string): { preset: string; selector: string } | undefined {
  const m = /^([a-z0-9]+:[a-z0-9]+)@([a-z0-9-]+)$/i.exec(source);
  return m ? { preset: m[1]!, selector: m[2]!.toLowerCase() } : undefined;
}

/**
 * The tasks a selector keeps, in their original order. An unknown selector,
 * a MATH type on a non-MATH preset, or a sample larger than the preset is a
 * `DatasetError` (`E_DATASET_PRESET`) naming the source.
 *
 * @example
 * import { loadDataset, selectTasks } from "toolforge";
 * const all = await loadDataset("math:test80");
 * selectTasks(all.tasks, "math:test80@algebra", "algebra").length; // 80
 */
export function selectTasks(tasks: readonly Task[], source: string, selector: string): Task[] {
  const sample = /^sample(\d+)$/.exec(selector);
  if (sample) {
    const n = Number(sample[1]);
    if (n < 1 || n > tasks.length) throw new DatasetError("E_DATASET_PRESET", `${source}: cannot sample ${n} of ${tasks.length} tasks`, { source, available: tasks.length });
    return sampleTasks(tasks, n, 0);
  }
  const type = (MATH_TYPES as Record<string, string>)[selector];
  if (type === undefined) {
    throw new DatasetError("E_DATASET_PRESET", `${source}: unknown selector "@${selector}"; use @sample<n> or a MATH type: ${Object.keys(MATH_TYPES).join(", ")}`, { source, selector });
  }
  const kept = tasks.filter((t) => t.meta?.type === type);
  if (kept.length === 0) throw new DatasetError("E_DATASET_PRESET", `${source}: no task of MATH type "${type}" (only MATH presets have types)`, { source, selector });
  return kept;
}
