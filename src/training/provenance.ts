import type { ToolsetMetadata } from "../functions/toolset-file.js";
import type { TrainingStateType } from "./state.js";
import type { TrainingStopReason, UsageRole } from "./types.js";

/**
 * Where a trained toolset comes from, stored as the `metadata` of
 * `best.toolset.json` (and of `TrainingResult.toolset`): which run and step
 * produced it, its losses, the models and data it was trained with, and when.
 *
 * @example
 * const meta = (await Toolset.load("runs/math/best.toolset.json")).metadata as TrainingProvenance;
 * console.log(meta.runId, meta.step, meta.trainLoss, meta.models.optimizer, meta.dataset.train);
 */
export interface TrainingProvenance extends ToolsetMetadata {
  source: "toolforge.train";
  /** The run's thread id (`run.json`). */
  runId: string;
  /** The optimization step that produced this set (0: the initial set). */
  step: number;
  trainLoss: number;
  /** Present when the run had validation tasks (the set was chosen on it). */
  validationLoss?: number;
  /** Why training stopped (`aborted` for an interrupted run's set so far). */
  stopReason: TrainingStopReason;
  /** Model names per role, API keys never included; absent for a custom agent factory. */
  models: Partial<Record<UsageRole, string>>;
  /** Dataset names (`gsm8k:train`, a file name, or `tasks` for a plain array) and sizes. */
  dataset: { train: string; trainSize: number; validation?: string; validationSize?: number };
  createdAt: string;
}

/**
 * What the graph cannot see for itself: model names and dataset names.
 *
 * @example
 * const context: ProvenanceContext = { models: { agent: "gpt-4o-mini", optimizer: "gpt-4o" }, dataset: { train: "gsm8k:train" } };
 */
export interface ProvenanceContext {
  models?: Partial<Record<UsageRole, string>>;
  dataset?: { train?: string; validation?: string };
}

/**
 * The provenance of the set a finished (or interrupted) run returns: the
 * validation-best set when there was validation, else the last accepted one.
 *
 * @example
 * const meta = trainingProvenance(state, { runId: "t1", stopReason: "max_steps", trainSize: 20, validationSize: 0 });
 */
export function trainingProvenance(
  state: Pick<TrainingStateType, "history" | "validationBest" | "bestLoss">,
  run: { runId: string; stopReason: TrainingStopReason; trainSize: number; validationSize: number; context?: ProvenanceContext; now?: Date },
): TrainingProvenance {
  const accepted = state.history.filter((s) => s.accepted);
  const step = state.validationBest?.step ?? accepted.at(-1)?.step ?? 0;
  const record = state.history.find((s) => s.step === step);
  const validationLoss = state.validationBest?.loss ?? record?.validationLoss;
  const dataset = run.context?.dataset ?? {};
  return {
    source: "toolforge.train",
    runId: run.runId,
    step,
    trainLoss: record?.trainLoss ?? state.bestLoss ?? 1,
    ...(validationLoss !== undefined && { validationLoss }),
    stopReason: run.stopReason,
    models: { ...run.context?.models },
    dataset: {
      train: dataset.train ?? "tasks",
      trainSize: run.trainSize,
      ...(run.validationSize > 0 && { validation: dataset.validation ?? "tasks", validationSize: run.validationSize }),
    },
    createdAt: (run.now ?? new Date()).toISOString(),
  };
}
