import { DEFAULTS } from "../defaults.js";
import type { Task } from "../evaluation/types.js";
import { TrainingError } from "./errors.js";
import type { TrainingGraphOptions } from "./types.js";
import { priceOf } from "./usage.js";

type CheckedOptions = Pick<
  TrainingGraphOptions,
  "train" | "validation" | "maxEpochs" | "maxSteps" | "patience" | "rollback" | "batchSize" | "concurrency" | "budget" | "modelNames"
>;

/**
 * Checks the loop's options before anything is built, opened or written, so
 * a bad value fails at once with a {@link TrainingError} naming the option
 * (`E_TRAIN_EMPTY`, `E_TRAIN_OPTIONS`). Shared by `createTrainingGraph` and
 * `trainAgent`.
 */
export function checkTrainingOptions(options: CheckedOptions): void {
  if (!Array.isArray(options.train)) throw new TrainingError("E_TRAIN_OPTIONS", "train: expected Task[] or a dataset with tasks", { field: "train" });
  if (options.train.length === 0) throw new TrainingError("E_TRAIN_EMPTY", "train: the training set has no tasks", { field: "train" });
  checkTaskIds("train", options.train);
  if (options.validation) checkTaskIds("validation", options.validation);
  checkCount("maxEpochs", options.maxEpochs ?? DEFAULTS.training.maxEpochs, 1);
  checkCount("maxSteps", options.maxSteps ?? DEFAULTS.training.maxSteps, 0);
  if (options.rollback !== undefined && typeof options.rollback !== "boolean") {
    throw new TrainingError("E_TRAIN_OPTIONS", `rollback: expected true or false, got ${JSON.stringify(options.rollback)}`, { field: "rollback", value: options.rollback });
  }
  checkCount("patience", options.patience ?? DEFAULTS.training.patience, 1);
  if (options.batchSize !== undefined) checkCount("batchSize", options.batchSize, 1);
  checkCount("concurrency", options.concurrency ?? DEFAULTS.training.concurrency, 1);
  const budget = options.budget;
  if (!budget) return;
  for (const field of ["maxTokens", "maxCostUsd"] as const) {
    const value = budget[field];
    if (value !== undefined && !(typeof value === "number" && value >= 0)) {
      throw new TrainingError("E_TRAIN_OPTIONS", `budget.${field}: expected a number ≥ 0, got ${JSON.stringify(value)}`, { field: `budget.${field}`, value });
    }
  }
  // Without a single price the cost is never known, so the limit would silently never apply.
  const names = options.modelNames ?? {};
  if (budget.maxCostUsd !== undefined && !priceOf(budget.prices, names.agent) && !priceOf(budget.prices, names.optimizer)) {
    const models = [names.agent, names.optimizer].filter((n) => n !== undefined).map((n) => JSON.stringify(n));
    throw new TrainingError(
      "E_TRAIN_OPTIONS",
      `budget.maxCostUsd: budget.prices has no price for ${models.length > 0 ? `the models in use (${models.join(", ")})` : "any model (their names are unknown)"}, so the cost cannot be computed; add prices keyed by model name or use budget.maxTokens`,
      { field: "budget.prices" },
    );
  }
}

/** Ids key records, statistic tables and reports: each must be a distinct non-empty string. */
function checkTaskIds(field: "train" | "validation", tasks: readonly Task[]): void {
  const seen = new Map<string, number>();
  tasks.forEach((task, index) => {
    const id = (task as Partial<Task> | undefined)?.id;
    if (typeof id !== "string" || id === "") {
      throw new TrainingError("E_TRAIN_OPTIONS", `${field}[${index}].id: expected a non-empty string, got ${JSON.stringify(id)}`, { field: `${field}[${index}].id` });
    }
    const first = seen.get(id);
    if (first !== undefined) {
      throw new TrainingError("E_TRAIN_OPTIONS", `${field}[${index}].id: "${id}" is also the id of ${field}[${first}]; task ids must be unique`, { field: `${field}[${index}].id` });
    }
    seen.set(id, index);
  });
}

function checkCount(field: string, value: unknown, min: number): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new TrainingError("E_TRAIN_OPTIONS", `${field}: expected an integer ≥ ${min}, got ${JSON.stringify(value)}`, { field, value });
  }
}
