import { Annotation } from "@langchain/langgraph";
import type { ExecutionRecord } from "../evaluation/types.js";
import type { ToolsetFile } from "../functions/toolset-file.js";
import type { FailedUpdate, StopReason } from "../optimizer/types.js";
import type { EvaluationPhase } from "./events.js";
import type { StepAction, StepRejection, StepSummary, TrainingStopReason, UsageByRole } from "./types.js";
import type { EvaluationRef } from "./record-store.js";
import { addUsage, emptyUsage } from "./usage.js";

/**
 * Which task list an evaluation runs on.
 *
 * @example
 * const set: import("toolforge").TaskSet = "validation";
 */
export type TaskSet = "train" | "validation";

/**
 * The evaluation the graph is currently running (one `Send` per task).
 *
 * @example
 * const ev: import("toolforge").PendingEvaluation = { phase: "candidate", step: 2, set: "train", toolset: Toolset.empty().toJSON() };
 */
export interface PendingEvaluation {
  phase: EvaluationPhase;
  step: number;
  set: TaskSet;
  toolset: ToolsetFile;
}

/**
 * The optimizer's output of the current step, until its candidate is judged.
 *
 * @example
 * const p: import("toolforge").PendingStep = { actions: [], rejected: [], stopReason: "terminate", candidateHash: Toolset.empty().hash };
 */
export interface PendingStep {
  actions: StepAction[];
  rejected: StepRejection[];
  stopReason: StopReason;
  candidateHash: string;
  /** Set once a reviewer approved or edited the candidate (`review: true`). */
  review?: "approved" | "edited";
}

/**
 * Payload of one `Send("evaluate_task", …)`: one branch of an evaluation,
 * the tasks `branch`, `branch + branches`, … of the set, with one toolset.
 * Their number is fixed (`DEFAULTS.training.evaluationBranches`), so the
 * checkpoint that holds them does not grow with the training set.
 *
 * @example
 * new Send("evaluate_task", { phase: "baseline", step: 0, set: "train", toolset: Toolset.empty().toJSON(), branch: 0, branches: 4, total: 10 });
 */
export interface TaskPacket extends PendingEvaluation {
  branch: number;
  branches: number;
  total: number;
  /** One task only: the packets of checkpoints written before branches existed. */
  index?: number;
}

/**
 * The toolset with the lowest validation loss among accepted ones.
 *
 * @example
 * const state = await graph.invoke({}, config); console.log(state.validationBest?.step, state.validationBest?.loss);
 */
export interface ValidationBest {
  toolset: ToolsetFile;
  loss: number;
  step: number;
}

/**
 * Sentinel update that empties the legacy `results` channel.
 *
 * @example
 * return { evaluation: next, results: CLEAR_RESULTS }; // inside a training-graph node
 */
export const CLEAR_RESULTS = "clear" as const;

/**
 * The training graph's state. Everything is JSON-safe (no `Infinity`, no
 * class instances): toolsets are stored as their file form and "no loss yet"
 * is `null`, so every checkpointer can store it.
 *
 * @example
 * import { StateGraph } from "@langchain/langgraph";
 * import { TrainingState } from "toolforge";
 * const g = new StateGraph(TrainingState); // e.g. to build a variant of the loop
 */
export const TrainingState = Annotation.Root({
  /** Best toolset so far (List A of Algorithm 1); the graph input may set the initial one. */
  best: Annotation<ToolsetFile>(),
  /** Training loss of `best`; `null` before the baseline evaluation. */
  bestLoss: Annotation<number | null>({ reducer: (_, b) => b, default: () => null }),
  /** The evaluation of `best` on the training set, whose records (in the record store) the optimizer is shown. */
  bestEvaluation: Annotation<EvaluationRef | null>({ reducer: (_, b) => b, default: () => null }),
  /** The evaluation of the best set before the last accepted one, to show the optimizer what changed. */
  previousEvaluation: Annotation<EvaluationRef | null>({ reducer: (_, b) => b, default: () => null }),
  /** Legacy (read only): records of `best` in checkpoints written before the record store. */
  bestRecords: Annotation<ExecutionRecord[]>({ reducer: (_, b) => b, default: () => [] }),
  candidate: Annotation<ToolsetFile | null>({ reducer: (_, b) => b, default: () => null }),
  pendingStep: Annotation<PendingStep | null>({ reducer: (_, b) => b, default: () => null }),
  evaluation: Annotation<PendingEvaluation | null>({ reducer: (_, b) => b, default: () => null }),
  /** Legacy (read only): records of the running evaluation in checkpoints written before the record store. */
  results: Annotation<Record<string, ExecutionRecord>, Record<string, ExecutionRecord> | typeof CLEAR_RESULTS>({
    reducer: (a, b) => (b === CLEAR_RESULTS ? {} : { ...a, ...b }),
    default: () => ({}),
  }),
  /** Rolled-back candidates since the last improvement (Algorithm 2, line 11). */
  failures: Annotation<FailedUpdate[]>({ reducer: (_, b) => b, default: () => [] }),
  /** Consecutive roll-backs (Algorithm 2's r). */
  patience: Annotation<number>({ reducer: (_, b) => b, default: () => 0 }),
  /** Accepted improvements (Algorithm 2's epoch counter i); without roll-back, every kept candidate. */
  epoch: Annotation<number>({ reducer: (_, b) => b, default: () => 0 }),
  /** Legacy (read only): `previousEvaluation`'s scores by task id in checkpoints written before the record store. */
  previousScores: Annotation<Record<string, number> | null>({ reducer: (_, b) => b, default: () => null }),
  /** Optimization steps taken. */
  step: Annotation<number>({ reducer: (_, b) => b, default: () => 0 }),
  history: Annotation<StepSummary[]>({ reducer: (_, b) => b, default: () => [] }),
  usage: Annotation<UsageByRole, Partial<UsageByRole>>({ reducer: addUsage, default: emptyUsage }),
  validationBest: Annotation<ValidationBest | null>({ reducer: (_, b) => b, default: () => null }),
  stopReason: Annotation<TrainingStopReason | null>({ reducer: (_, b) => b, default: () => null }),
  started: Annotation<boolean>({ reducer: (_, b) => b, default: () => false }),
});

/**
 * The state type of the training graph.
 *
 * @example
 * const state = (await graph.getState(config)).values as import("toolforge").TrainingStateType;
 * console.log(state.bestLoss, state.patience, state.history.length);
 */
export type TrainingStateType = typeof TrainingState.State;
