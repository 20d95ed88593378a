import type { TokenUsage } from "../evaluation/types.js";

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
  | { type: "run_start"; runId: string; trainSize: number; validationSize: number; maxSteps: number }
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
  | { type: "evaluation_end"; step: number; phase: EvaluationPhase; loss: number; accuracy: number }
  | { type: "step_start"; step: number; bestLoss: number }
  | { type: "action_proposed"; step: number; action: string; name?: string }
  | { type: "action_applied"; step: number; action: string; name?: string; actionsUsed: number }
  | { type: "action_rejected"; step: number; action: string; name?: string; reason: string }
  | { type: "optimizer_done"; step: number; reason: "terminate" | "text" | "max_actions" | "no_call" }
  | { type: "loss"; step: number; trainLoss: number; bestLoss: number; validationLoss?: number }
  | { type: "accepted"; step: number; trainLoss: number; previousLoss: number; toolsetHash: string }
  | { type: "rolled_back"; step: number; trainLoss: number; bestLoss: number; patience: number }
  | { type: "early_stop"; step: number; patience: number }
  | { type: "max_steps"; step: number }
  | { type: "budget_reached"; step: number; usage: Record<string, TokenUsage>; costUsd?: number }
  | { type: "run_end"; bestTrainLoss: number; bestValidationLoss?: number; steps: number; reason: string };
