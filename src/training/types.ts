import type { ProvenanceContext } from "./provenance.js";
import type { CapabilityPolicy, ResolvedCapabilityPolicy } from "../capabilities/capability-policy.js";
import type { ToolsetAgent, ToolsetAgentOptions } from "../agents/toolset-agent.js";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { RunnableConfig } from "@langchain/core/runnables";
import type { BaseCheckpointSaver, LangGraphRunnableConfig, Send } from "@langchain/langgraph";
import type { AgentSpec } from "../agents/types.js";
import type { InfrastructureFailurePolicy } from "../evaluation/infrastructure.js";
import type { ExecutionRecord, Scorer, Task, TokenUsage } from "../evaluation/types.js";
import type { FunctionComplexity } from "../functions/function-complexity.js";
import type { RequestGate } from "../models/request-gate.js";
import type { Toolset } from "../functions/toolset.js";
import type { ToolsetFile } from "../functions/toolset-file.js";
import type { ModelSpec } from "../models/types.js";
import type { OptimizeStepInput, RejectionCode, StopReason } from "../optimizer/types.js";
import type { Sandbox } from "../sandbox/types.js";
import type { EvaluationPhase, TrainingEvent } from "./events.js";
import type { RunLock } from "./run-lock.js";
import type { ExecutionRecordStore } from "./record-store.js";
import type { TaskPacket, TrainingState, TrainingStateType } from "./state.js";

type TrainingStateUpdate = typeof TrainingState.Update;

/**
 * The two roles whose model calls are counted separately.
 *
 * @example
 * const role: import("toolforge").UsageRole = "optimizer";
 */
export type UsageRole = "agent" | "optimizer";

/**
 * Token usage per role.
 *
 * @example
 * const u: import("toolforge").UsageByRole = result.usage; console.log(u.agent.totalTokens, u.optimizer.totalTokens);
 */
export type UsageByRole = Record<UsageRole, TokenUsage>;

/**
 * USD price of a model, per million tokens.
 *
 * @example
 * const price: import("toolforge").ModelPrice = { inputPerMTok: 2.5, outputPerMTok: 10 };
 */
export interface ModelPrice {
  inputPerMTok: number;
  outputPerMTok: number;
}

/**
 * A hard limit on what a run may spend. Checked after every evaluation and
 * every optimizer step; when exceeded, training ends with reason `"budget"`
 * and the best toolset so far is returned.
 *
 * @example
 * const budget: import("toolforge").TrainingBudget = { maxCostUsd: 5, prices: { "gpt-4o": { inputPerMTok: 2.5, outputPerMTok: 10 } } };
 */
export interface TrainingBudget {
  /** Total tokens of both roles. */
  maxTokens?: number;
  /** Total USD cost of both roles; needs `prices` for the models in use. */
  maxCostUsd?: number;
  /** Prices keyed by model name (`"gpt-4o"`) or model spec (`"openai:gpt-4o"`). */
  prices?: Record<string, ModelPrice>;
}

/**
 * Why a training run ended: `max_epochs` (`maxEpochs` improvements, the
 * paper's E), `early_stop` (`patience` consecutive steps without one, C),
 * `max_steps` (the hard cap on optimizer steps), `budget`, or `aborted`.
 *
 * @example
 * if (result.stopReason === "budget") console.log("budget spent; best toolset kept");
 */
export type TrainingStopReason = "max_epochs" | "early_stop" | "max_steps" | "budget" | "aborted";

/**
 * A compact, JSON-safe view of one applied optimizer action.
 *
 * @example
 * const a: import("toolforge").StepAction = { action: "add_function", name: "solve_quadratic" };
 */
export interface StepAction {
  action: string;
  name: string;
}

/**
 * A compact, JSON-safe view of one rejected optimizer call.
 *
 * @example
 * const r: import("toolforge").StepRejection = { action: "remove_function", name: "x", code: "missing", reason: "no function named x" };
 */
export interface StepRejection {
  action: string;
  name?: string;
  code: RejectionCode | string;
  reason: string;
}

/**
 * What happened in one optimization step. Step 0 is the evaluation of the
 * initial toolset (always `accepted`, no actions).
 *
 * @example
 * for (const s of result.steps) console.log(s.step, s.trainLoss, s.accepted ? "accepted" : "rolled back");
 */
export interface StepSummary {
  step: number;
  /** Training loss (1 − mean score) of this step's candidate. */
  trainLoss: number;
  /** Validation loss, when a validation set is given and the step was accepted. */
  validationLoss?: number;
  accepted: boolean;
  actions: StepAction[];
  rejected: StepRejection[];
  /** Why the optimizer ended this step (absent for step 0). */
  optimizerStopReason?: StopReason;
  /** True when the candidate was rolled back without evaluation: the optimizer changed nothing, or a reviewer rejected it. */
  unchanged?: boolean;
  /** The human decision on this step, when the run had `review: true`. */
  review?: ReviewOutcome;
  /** `Toolset.hash` of this step's candidate. */
  toolsetHash: string;
  /** Successful calls of learned functions in this step's training evaluation (absent when it was not evaluated). */
  successfulCalls?: number;
  /** Cyclomatic complexity of each function of this step's candidate (absent when it was not evaluated). */
  complexity?: FunctionComplexity[];
}

/**
 * What a human reviewer decided on an optimizer step (`review: true`).
 *
 * @example
 * const rejectedSteps = result.steps.filter((s) => s.review === "rejected");
 */
export type ReviewOutcome = "approved" | "edited" | "rejected";

/**
 * Evaluates one toolset on one task (the graph's unit of durable work).
 *
 * @example
 * const evaluateTask: import("toolforge").EvaluateTaskFn = async ({ toolset, task, signal }) =>
 *   runTask({ agent: await build(Toolset.fromJSON(toolset)), task, scorer, signal });
 */
export type EvaluateTaskFn = (args: {
  toolset: ToolsetFile;
  task: Task;
  phase: EvaluationPhase;
  step: number;
  signal?: AbortSignal;
  /** The node's callbacks (tracing): bind them to the agent so its runs nest under the training trace. */
  callbacks?: RunnableConfig["callbacks"];
}) => Promise<ExecutionRecord>;

/**
 * Anything with `invoke(input, config)` resolving to an `OptimizeStepOutput` —
 * normally the compiled subgraph of `createOptimizeStepGraph`.
 *
 * @example
 * const optimizeStep: import("toolforge").OptimizeStepRunnable = createOptimizeStepGraph({ model, sandbox, maxActions: 3 });
 */
export interface OptimizeStepRunnable {
  invoke(input: OptimizeStepInput, config?: RunnableConfig): Promise<unknown>;
}

/**
 * Options of {@link createTrainingGraph}.
 *
 * @example
 * const opts: import("toolforge").TrainingGraphOptions = { train: tasks, evaluateTask, optimizeStep, maxSteps: 5, patience: 3 };
 */
export interface TrainingGraphOptions {
  /** Training tasks. */
  train: Task[];
  /** Optional validation tasks; accepted toolsets are scored on them and the best one is returned. */
  validation?: Task[];
  /** Runs the agent with a toolset on one task. */
  evaluateTask: EvaluateTaskFn;
  /** One optimize step (Algorithm 1). */
  optimizeStep: OptimizeStepRunnable;
  /** Accepted improvements before training stops: the paper's max training epoch E (default `DEFAULTS.training.maxEpochs`). */
  maxEpochs?: number;
  /** Consecutive steps without improvement before early stop: the paper's C (default `DEFAULTS.training.patience`). */
  patience?: number;
  /** Hard cap on optimizer steps, accepted or not, so cost is bounded whatever happens (default `DEFAULTS.training.maxSteps`). */
  maxSteps?: number;
  /**
   * `false` runs the paper's "w/o roll-back & early-stop" ablation: every candidate is kept even if
   * it is worse, there is no early stop, and each step counts as an epoch (default `true`).
   */
  rollback?: boolean;
  /** Training records shown to the optimizer per step (seeded sample); all when omitted. */
  batchSize?: number;
  /** Seed of minibatch sampling (default `DEFAULTS.training.seed`). */
  seed?: number;
  budget?: TrainingBudget;
  /** Model names per role, to price usage with `budget.prices`. */
  modelNames?: Partial<Record<UsageRole, string>>;
  /** Task evaluations in flight at once (default `DEFAULTS.training.concurrency`). */
  concurrency?: number;
  /** When set, accepted toolsets and the best one are written there, and execution records to its `records.sqlite`. */
  runDir?: string;
  /**
   * Where evaluations' execution records are kept, outside the checkpointed
   * state (default: the LangGraph store the graph runs with, as on a
   * LangGraph server; else `runDir/records.sqlite`; else memory). With a
   * durable checkpointer and neither, give a durable store so a run can
   * resume in another process.
   */
  records?: ExecutionRecordStore;
  /** Model and dataset names for the provenance stored in `best.toolset.json` (`trainAgent` fills it). */
  provenance?: ProvenanceContext;
  /** LangGraph checkpointer (a saver, `true` to inherit a parent's, or none). */
  checkpointer?: BaseCheckpointSaver | boolean;
  /**
   * A task whose run still fails for an infrastructure reason after
   * `taskRetries` re-runs: `"fail"` (default) stops training resumably
   * (`InfrastructureFailureError`); `"exclude"` leaves it out of both sides
   * of the comparison. It is never scored 0.
   */
  infrastructureFailures?: InfrastructureFailurePolicy;
  /** Re-runs of such a task (default `DEFAULTS.evaluation.taskRetries`). */
  taskRetries?: number;
  /** Hash of a toolset file (default `Toolset.fromJSON(file).hash`). */
  hashToolset?: (toolset: ToolsetFile) => string;
  /**
   * Pause with LangGraph's `interrupt()` after each optimizer step, showing its
   * actions and the toolset diff, until `Command({ resume })` approves, edits
   * or rejects them (see `ReviewDecision`). Needs a checkpointer.
   */
  review?: boolean;
}

type TrainingNode<I = TrainingStateType> = (input: I, config: LangGraphRunnableConfig) => Partial<TrainingStateUpdate> | Promise<Partial<TrainingStateUpdate>>;

/**
 * The node functions of the training loop (`createTrainingNodes`), plus what
 * the graph's wiring needs to know.
 *
 * @example
 * const nodes = createTrainingNodes(options);
 * console.log(nodes.maxSteps, nodes.hasValidation);
 */
export interface TrainingNodes {
  setup: TrainingNode;
  evaluate: TrainingNode;
  fanOut: (state: TrainingStateType) => Send[];
  evaluateTask: TrainingNode<TaskPacket>;
  compareLoss: TrainingNode;
  optimizeStep: TrainingNode;
  reviewStep: TrainingNode;
  finish: TrainingNode;
  route: (state: TrainingStateType) => "evaluate" | "optimize_step" | "finish";
  routeAfterOptimize: (state: TrainingStateType) => "evaluate" | "optimize_step" | "finish" | "review_step";
  maxSteps: number;
  hasValidation: boolean;
}

/**
 * Options of {@link trainAgent}.
 *
 * @example
 * const opts: import("toolforge").TrainAgentOptions = {
 *   agent: { kind: "react", model: "ollama:llama3.1" }, optimizer: { model: "openai:gpt-4o" },
 *   train: tasks, scorer: (p, t) => (p.trim() === t.answer ? 1 : 0), runDir: "runs/r1",
 * };
 */
export interface TrainAgentOptions {
  /** `{ kind: "tool-calling" | "react", model }` or a factory `(tools) => Runnable`. */
  agent: AgentSpec;
  /**
   * The optimizer model and its settings. `mode: "one-step"` is the paper's "w/o progressive
   * function update" baseline: one reply per step writes the whole new set (default `"progressive"`).
   */
  optimizer: { model: ModelSpec | BaseChatModel; maxActions?: number; promptTokenBudget?: number; mode?: "progressive" | "one-step" };
  /** Training tasks, or a dataset (whose scorer is used when `scorer` is omitted; its `name` goes into the provenance). */
  train: Task[] | { name?: string; tasks: Task[]; scorer?: Scorer };
  /** Validation tasks, or a dataset; without `scorer` it is scored by its own scorer, else by the training one. */
  validation?: Task[] | { name?: string; tasks: Task[]; scorer?: Scorer };
  scorer?: Scorer;
  /** See {@link TrainingGraphOptions.maxEpochs}. */
  maxEpochs?: number;
  /** See {@link TrainingGraphOptions.patience}. */
  patience?: number;
  /** See {@link TrainingGraphOptions.maxSteps}. */
  maxSteps?: number;
  /** See {@link TrainingGraphOptions.rollback}. */
  rollback?: boolean;
  batchSize?: number;
  seed?: number;
  budget?: TrainingBudget;
  /** Concurrency and rate limits shared with other runs, for models built from specs (see `RequestGate`). */
  requestGate?: RequestGate;
  /**
   * Run directory: checkpoints, model cache, toolsets, events. In-memory when
   * omitted. The run holds its writer lock (`run.lock`) throughout; a second
   * writer fails with `RunLockedError`.
   */
  runDir?: string;
  /** The lock of `runDir` when the caller already holds it (the CLI does, across training, test evaluation and report); it is then neither taken nor released here. */
  runLock?: RunLock;
  /** Thread id of the run; a run with the same runDir and thread id resumes. */
  threadId?: string;
  /**
   * A LangGraph saver (yours to close), or a spec for `createCheckpointer`:
   * `"sqlite"` (default: `runDir/checkpoints.sqlite`, memory without a
   * runDir), `"sqlite:<file>"`, `"memory"` or `"postgres://user:pass@host:port/db"`.
   * Execution records live beside the checkpoints: in the Postgres database
   * for a `postgres://` spec (or a saver `createCheckpointer` opened from
   * one), else in `runDir/records.sqlite`. A saver you built yourself keeps
   * records in the run directory: to resume on another machine, pass
   * `records` in the same shared place too.
   */
  checkpointer?: BaseCheckpointSaver | string;
  /**
   * Where execution records are kept (default: beside the checkpointer, see
   * `checkpointer`; else `runDir/records.sqlite`; else memory). Yours to close.
   */
  records?: ExecutionRecordStore;
  /** Concurrent task evaluations (default `DEFAULTS.training.concurrency`). */
  concurrency?: number;
  signal?: AbortSignal;
  onEvent?: (event: TrainingEvent) => void;
  /** Start from this toolset instead of the empty one. */
  initialToolset?: ToolsetFile | { toJSON(): ToolsetFile };
  /** Sandbox for learned functions; created (and closed) by the run when omitted. */
  sandbox?: Sandbox;
  /**
   * What learned functions may do beyond computing (network, parsers,
   * attachments, search, host tools, composition); default nothing. `fetch`
   * responses are recorded in `runDir/capabilities/` and replayed on resume.
   */
  capabilities?: CapabilityPolicy | ResolvedCapabilityPolicy;
  /** See `TrainingGraphOptions.infrastructureFailures` (default `"fail"`: stop resumably). */
  infrastructureFailures?: InfrastructureFailurePolicy;
  /** Re-runs of a task whose model failed (default `DEFAULTS.evaluation.taskRetries`). */
  taskRetries?: number;
}

/**
 * Result of {@link trainAgent}.
 *
 * @example
 * const { toolset, steps, usage, stopReason } = await trainAgent(opts);
 * await toolset.save("trained.toolset.json");
 */
export interface TrainingResult {
  /** The trained toolset: best on validation when a validation set is given, else best on train. */
  toolset: Toolset;
  steps: StepSummary[];
  usage: UsageByRole & { costUsd?: number };
  bestTrainLoss: number;
  bestValidationLoss?: number;
  stopReason: TrainingStopReason;
  threadId: string;
  runDir?: string;
  /**
   * A ready LangChain `createAgent` agent over {@link TrainingResult.toolset}
   * (its own sandbox unless `sandbox` is given; `await using` or `close()`).
   */
  toAgent(options: ToolsetAgentOptions): Promise<ToolsetAgent>;
}
