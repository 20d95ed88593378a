import type { TokenUsage } from "../evaluation/types.js";
import type { FunctionComplexity } from "../functions/function-complexity.js";
import type { StopReason } from "../optimizer/types.js";

/**
 * Which evaluation a progress event belongs to.
 *
 * @example
 * onEvent: (e) => { if (e.type === "evaluation_end" && e.phase === "candidate") console.log(e.loss); }
 */
export type EvaluationPhase = "baseline" | "candidate" | "validation" | "test";

/**
 * Typed progress events of a training run. They are emitted on LangGraph's
 * `custom` stream mode and passed to `trainAgent({ onEvent })`, so a CLI
 * progress bar, a notebook or a LangGraph client can follow a run.
 *
 * @example
 * import { trainAgent } from "toolforge";
 * await trainAgent({ ...options, onEvent: (e) => {
 *   if (e.type === "action_rejected") console.log(`step ${e.step}: ${e.action} rejected: ${e.reason}`);
 *   if (e.type === "accepted") console.log(`step ${e.step}: loss ${e.previousLoss} → ${e.trainLoss}`);
 * } });
 */
export type TrainingEvent =
  | {
      type: "run_start";
      runId: string;
      trainSize: number;
      validationSize: number;
      maxSteps: number;
      maxEpochs?: number;
      patience?: number;
      rollback?: boolean;
    }
  | { type: "evaluation_start"; step: number; phase: EvaluationPhase; total: number }
  | {
      type: "task_done";
      step: number;
      phase: EvaluationPhase;
      taskId: string;
      index: number;
      done: number;
      total: number;
      score: number;
      error?: string;
    }
  | {
      type: "evaluation_end";
      step: number;
      phase: EvaluationPhase;
      loss: number;
      accuracy: number;
      /** Successful calls of learned functions in this evaluation (Table 6 of the paper). */
      successfulCalls?: number;
      /** Cyclomatic complexity of each function of the evaluated toolset. */
      complexity?: FunctionComplexity[];
    }
  | { type: "step_start"; step: number; bestLoss: number }
  | { type: "action_proposed"; step: number; action: string; name?: string }
  | { type: "action_applied"; step: number; action: string; name?: string; actionsUsed: number }
  | { type: "action_rejected"; step: number; action: string; name?: string; reason: string }
  | { type: "optimizer_done"; step: number; reason: StopReason }
  | { type: "loss"; step: number; trainLoss: number; bestLoss: number; validationLoss?: number }
  | { type: "accepted"; step: number; trainLoss: number; previousLoss: number; toolsetHash: string }
  | { type: "rolled_back"; step: number; trainLoss: number; bestLoss: number; patience: number }
  | { type: "early_stop"; step: number; patience: number }
  | { type: "max_steps"; step: number }
  | { type: "max_epochs"; step: number; epochs: number }
  | { type: "budget_reached"; step: number; usage: Record<string, TokenUsage>; costUsd?: number }
  | { type: "run_end"; bestTrainLoss: number; bestValidationLoss?: number; steps: number; reason: string };

// A record, not an array, so the type-checker insists every event type is listed.
// Stryker disable BooleanLiteral: only the keys are read (Object.hasOwn), never the values.
const EVENT_TYPES: Record<TrainingEvent["type"], true> = {
  run_start: true,
  evaluation_start: true,
  task_done: true,
  evaluation_end: true,
  step_start: true,
  action_proposed: true,
  action_applied: true,
  action_rejected: true,
  optimizer_done: true,
  loss: true,
  accepted: true,
  rolled_back: true,
  early_stop: true,
  max_steps: true,
  max_epochs: true,
  budget_reached: true,
  run_end: true,
};
// Stryker restore BooleanLiteral

/**
 * Narrows a `custom` stream chunk (typed `unknown` by LangGraph) to a
 * {@link TrainingEvent}: other custom writers in a larger graph may share the
 * stream, so check before use instead of casting.
 *
 * @example
 * import { isTrainingEvent } from "toolforge";
 * for await (const [mode, chunk] of await graph.stream(input, { ...config, streamMode: ["custom", "values"] })) {
 *   if (mode === "custom" && isTrainingEvent(chunk) && chunk.type === "accepted") console.log(chunk.trainLoss);
 * }
 */
export function isTrainingEvent(value: unknown): value is TrainingEvent {
  if (typeof value !== "object" || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === "string" && Object.hasOwn(EVENT_TYPES, type);
}
