import { assertCapabilitiesGranted, createCapabilities, resolveCapabilityPolicy } from "../capabilities/index.js";
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { checkpointerRecords, createCheckpointer, parseCheckpointerSpec } from "../checkpoint/create-checkpointer.js";
import { createToolsetAgent } from "../agents/toolset-agent.js";
import type { AgentSpec } from "../agents/types.js";
import { InfrastructureFailureError } from "../evaluation/errors.js";
import { ToolforgeError } from "../errors.js";
import type { Scorer, Task } from "../evaluation/types.js";
import { Toolset } from "../functions/toolset.js";
import type { ToolsetFile } from "../functions/toolset-file.js";
import type { RequestGate } from "../models/request-gate.js";
import { createModel } from "../models/create-model.js";
import { createModelCache, type ModelCache } from "../models/model-cache.js";
import { SqliteRecordStore } from "./sqlite-record-store.js";
import type { ModelSpec } from "../models/types.js";
import { createOptimizeStepGraph, resolveOptimizerOptions } from "../optimizer/optimize-step-graph.js";
import { createSandbox } from "../sandbox/index.js";
import { isTeamSpec } from "../teams/define-team.js";
import { probeTeam } from "../teams/resolve-team.js";
import { langsmithTracingEnabled } from "../tracing/langsmith-env.js";
import { logLangSmithExperiments } from "../tracing/langsmith-experiments.js";
import { withTracing } from "../tracing/tracing-config.js";
import { checkTrainingOptions } from "./check-options.js";
import { TrainingError } from "./errors.js";
import type { TrainingEvent } from "./events.js";
import { createTrainingGraph } from "./graph.js";
import { trainingProvenance, type ProvenanceContext } from "./provenance.js";
import { createTaskEvaluator } from "./task-evaluator.js";
import { RunDirectory } from "./run-directory.js";
import type { RunLock } from "./run-lock.js";
import type { TrainingStateType } from "./state.js";
import type { TrainAgentOptions, TrainingResult, TrainingStopReason, UsageRole } from "./types.js";
import { costOf } from "./usage.js";

type TaskSource = TrainAgentOptions["train"];

/** Options passed through to the training graph as they are. */
const LOOP_OPTIONS = ["maxEpochs", "maxSteps", "patience", "rollback", "batchSize", "concurrency", "budget", "infrastructureFailures", "taskRetries"] as const satisfies readonly (keyof TrainAgentOptions)[];
/** The optimizer's settings passed through to its step graph. */
const OPTIMIZER_OPTIONS = ["maxActions", "promptTokenBudget", "mode"] as const satisfies readonly (keyof TrainAgentOptions["optimizer"])[];

/**
 * Trains an agent's toolset (Algorithm 2 of arXiv 2402.11359): evaluates the
 * initial toolset, then lets the optimizer LLM propose function updates,
 * keeping each only if the training loss strictly falls, until `maxEpochs`
 * improvements, `patience` consecutive roll-backs, `maxSteps` optimizer
 * steps, the budget, or `signal` stops it. `rollback: false` and
 * `optimizer.mode: "one-step"` run the paper's ablations.
 *
 * With `runDir`, everything is durable: LangGraph checkpoints in
 * `checkpoints.sqlite`, execution records in `records.sqlite` (with a
 * `postgres://` checkpointer both live in that database instead), model
 * responses in `model-cache.sqlite`, events in
 * `events.jsonl`, toolsets in `toolsets/` and `best.toolset.json`. Calling
 * `trainAgent` again with the same `runDir` (or {@link resumeTraining})
 * continues an interrupted run without redoing finished tasks or model calls.
 *
 * @example
 * import { trainAgent, loadDataset } from "toolforge";
 * const data = await loadDataset("math:train20");
 * const { toolset, steps } = await trainAgent({
 *   agent: { kind: "tool-calling", model: "ollama:llama3.1" },
 *   optimizer: { model: "ollama:llama3.1", maxActions: 3 },
 *   train: data,
 *   maxSteps: 5,
 *   runDir: "runs/math",
 *   onEvent: (e) => e.type === "loss" && console.log(e.step, e.trainLoss),
 * });
 * await toolset.save("math.toolset.json");
 */
export async function trainAgent(options: TrainAgentOptions): Promise<TrainingResult> {
  // Every option is checked before a directory, sandbox or store is touched.
  const { train, validation, trainScorer, validationScorer, names, initial, policy } = checkTrainAgentOptions(options);
  const provenance: ProvenanceContext = { models: names, dataset: { train: datasetName(options.train), ...(options.validation && { validation: datasetName(options.validation) }) } };
  // A broken team (roles, factory, a function naming an unknown role) fails before anything is written or spent.
  const team = isTeamSpec(options.agent) ? options.agent : undefined;
  if (team) await probeTeam(team, Toolset.fromJSON(initial));

  const runDir = options.runDir ? new RunDirectory(options.runDir) : undefined;
  // One writer per run directory, taken before anything in it is touched.
  const lock = runDir ? (options.runLock ?? runDir.lock("trainAgent")) : undefined;
  if (runDir && options.runLock) checkCallerLock(options.runLock, runDir);
  const ownsSandbox = options.sandbox === undefined;
  let sandbox = options.sandbox;
  let opened: Awaited<ReturnType<typeof createCheckpointer>> | undefined;
  let experiments: ReturnType<typeof logLangSmithExperiments> | undefined;
  let ownedRecords: SqliteRecordStore | undefined;
  let cache: ModelCache | undefined;
  try {
    sandbox ??= await createSandbox();
    // A saver passed in stays the caller's to close; one opened from a spec is ours.
    opened =
      typeof options.checkpointer === "object"
        ? undefined
        : await createCheckpointer(options.checkpointer, runDir ? { runDir: runDir.root } : {});
    const checkpointer = opened?.checkpointer ?? (options.checkpointer as Exclude<TrainAgentOptions["checkpointer"], string | undefined>);
    // Only once the store opened (a corrupt one is refused untouched) does the run directory take shape.
    runDir?.ensure();
    // Records live where the checkpoints live: beside a Postgres saver in its database, else in the run directory.
    const besideSaver = opened?.records ?? (typeof options.checkpointer === "object" ? checkpointerRecords(options.checkpointer) : undefined);
    ownedRecords = !options.records && !besideSaver && runDir ? await SqliteRecordStore.open(runDir.records) : undefined;
    const records = options.records ?? besideSaver ?? ownedRecords;
    const threadId = options.threadId ?? runDir?.readInfo()?.threadId ?? randomUUID();
    if (runDir && runDir.readInfo()?.threadId !== threadId) runDir.writeInfo({ threadId, createdAt: new Date().toISOString() });
    // One cache for both roles: a resumed run re-issues no completed model call.
    cache = runDir ? runDir.openModelCache() : createModelCache();
    const agent = withModel(options.agent, (model) => cachedModel(model, cache!, options.requestGate));
    const optimizerModel = cachedModel(options.optimizer.model, cache, options.requestGate);
    const capabilities = policy ? createCapabilities(policy, runDir ? { runDir: runDir.root } : {}) : undefined;
    const evaluateTask = createTaskEvaluator({ agent, sandbox, trainScorer, validationScorer, ...(capabilities ? { capabilities } : {}) });

    const graph = createTrainingGraph({
      train,
      validation,
      evaluateTask,
      optimizeStep: createOptimizeStepGraph({
        model: optimizerModel,
        sandbox,
        ...(capabilities ? { capabilities } : {}),
        ...(team ? { team: team.roles } : {}),
        ...pick(options.optimizer, OPTIMIZER_OPTIONS),
      }),
      ...pick(options, [...LOOP_OPTIONS, "seed"]),
      modelNames: names,
      provenance,
      ...(runDir ? { runDir: runDir.root } : {}),
      ...(records ? { records } : {}),
      checkpointer,
    });

    // An event a resumed run re-emits (its interrupted node runs again) was already written and shown.
    // With tracing on, evaluations of tasks from `langsmith:` datasets are also LangSmith experiments.
    experiments = langsmithTracingEnabled() ? logLangSmithExperiments({ datasets: [options.train, options.validation].map(asDataset) }) : undefined;
    const emit = (event: TrainingEvent) => {
      if (runDir && !runDir.appendEvent(event)) return;
      experiments?.onEvent(event);
      options.onEvent?.(event);
    };
    const config = { configurable: { thread_id: threadId } };
    const snapshot = await graph.getState(config);
    // A thread with pending nodes resumes from its checkpoint (null input). `next` leaves out a
    // node that finished but was killed before its checkpoint (its writes are pending), so a
    // started run counts as one to resume too: restarting it from the input would run setup
    // and the baseline again on top of the saved state (a kill -9 test caught this). A finished
    // run resumed this way runs nothing.
    const resuming = snapshot.next.length > 0 || (snapshot.values as Partial<TrainingStateType>).started === true;
    try {
      const stream = await graph.stream(resuming ? null : { best: initial }, {
        ...withTracing(config, { role: "train", threadId }),
        streamMode: ["custom"],
        ...(options.signal ? { signal: options.signal } : {}),
      });
      for await (const [, chunk] of stream as AsyncIterable<[string, unknown]>) emit(chunk as TrainingEvent);
    } catch (error) {
      if (options.signal?.aborted) {
        // An abort ends the run cleanly below.
      } else if (isInfrastructureError(error)) {
        throw stoppedForInfrastructure(error, threadId, runDir?.root, options.checkpointer !== undefined && options.checkpointer !== "memory");
      } else {
        throw error;
      }
    }

    const state = (await graph.getState(config)).values as TrainingStateType;
    if (state.bestLoss === null || state.bestLoss === undefined) {
      throw new TrainingError("E_TRAIN_ABORTED", "training was aborted before the initial toolset was evaluated; run again to resume", {
        threadId,
        ...(runDir ? { runDir: runDir.root } : {}),
      });
    }
    const stopReason: TrainingStopReason = state.stopReason ?? "aborted";
    // The graph's finish node wrote best.toolset.json with its provenance; the result carries the same.
    const chosen =
      runDir && stopReason !== "aborted"
        ? await Toolset.load(runDir.best)
        : Toolset.fromJSON(state.validationBest?.toolset ?? state.best).withMetadata(
            trainingProvenance(state, { runId: threadId, stopReason, trainSize: train.length, validationSize: validation.length, context: provenance }),
          );
    if (stopReason === "aborted") {
      if (runDir) await chosen.save(runDir.best);
      emit({ type: "run_end", bestTrainLoss: state.bestLoss, ...validationLoss(state), steps: state.step, reason: "aborted" });
    }
    const costUsd = costOf(state.usage, options.budget?.prices, names);
    return {
      toAgent: (agentOptions) => createToolsetAgent(chosen, agentOptions),
      toolset: chosen,
      steps: state.history,
      usage: { ...state.usage, ...(costUsd !== undefined ? { costUsd } : {}) },
      bestTrainLoss: state.bestLoss,
      ...validationLoss(state),
      stopReason,
      threadId,
      ...(runDir ? { runDir: runDir.root } : {}),
    };
  } finally {
    await experiments?.flush();
    if (ownsSandbox) await sandbox?.close();
    await opened?.close();
    await ownedRecords?.close();
    await cache?.close();
    if (lock !== options.runLock) lock?.release();
  }
}

function checkCallerLock(lock: RunLock, runDir: RunDirectory): void {
  if (!lock.held || lock.dir !== resolve(runDir.root)) {
    throw new TrainingError("E_TRAIN_OPTIONS", `runLock: not a held lock of ${runDir.root}`, { field: "runLock" });
  }
}

/**
 * Continues an interrupted run from its run directory (thread id from
 * `run.json` unless given). Pass the same options as the original run; the
 * tasks, agent and optimizer are not stored in the checkpoint.
 *
 * @example
 * import { resumeTraining } from "toolforge";
 * const result = await resumeTraining({ ...sameOptionsAsBefore, runDir: "runs/math" });
 * console.log(result.stopReason, result.toolset.size);
 */
export async function resumeTraining(options: TrainAgentOptions & { runDir: string }): Promise<TrainingResult> {
  const info = new RunDirectory(options.runDir).readInfo();
  if (!info && !options.threadId) {
    throw new TrainingError("E_TRAIN_RESUME", `resumeTraining: ${options.runDir} has no run.json; nothing to resume`, { runDir: options.runDir });
  }
  return trainAgent({ ...options, threadId: options.threadId ?? info!.threadId });
}

/** A model provider that stayed down (in an evaluation or in the optimizer), as opposed to a bug. */
function isInfrastructureError(error: unknown): error is ToolforgeError {
  return error instanceof InfrastructureFailureError || (error instanceof ToolforgeError && error.code.startsWith("E_MODEL") && error.code !== "E_MODEL_SPEC");
}

function stoppedForInfrastructure(error: ToolforgeError, threadId: string, runDir: string | undefined, durable: boolean): TrainingError {
  const how = runDir
    ? `The run is saved in ${runDir}: once the provider is back, run \`toolforge resume ${runDir}\` (or trainAgent with the same runDir)`
    : durable
      ? `Once the provider is back, call trainAgent again with the same checkpointer and threadId "${threadId}"`
      : "This run had no runDir or durable checkpointer, so it cannot be resumed; pass runDir to make runs resumable";
  return new TrainingError(
    "E_TRAIN_INFRASTRUCTURE",
    `Training stopped because the model provider failed; nothing was scored for it. ${error.message.replace(/\s*$/, "")} ${how}; finished tasks and model calls are not redone.`,
    { threadId, ...(runDir ? { runDir } : {}), ...error.context, resumable: runDir !== undefined || durable },
    { cause: error },
  );
}

function validationLoss(state: TrainingStateType): { bestValidationLoss?: number } {
  return state.validationBest ? { bestValidationLoss: state.validationBest.loss } : {};
}

/**
 * Checks every option of {@link trainAgent} without opening, creating or
 * writing anything, and throws the same typed error `trainAgent` would
 * (`TrainingError` naming the option — duplicate task ids included —,
 * `OptimizerError` (`E_OPTIMIZER_OPTION`) for a bad `optimizer.maxActions`,
 * `promptTokenBudget` or `mode`, `FunctionSpecError` for a bad initial
 * toolset, `CheckpointerError`). Callers
 * that write files of their own before training (the CLI's run directory)
 * call it first, so bad input leaves nothing behind.
 *
 * @example
 * import { checkTrainAgentOptions, loadDataset } from "toolforge";
 * checkTrainAgentOptions({ agent: { kind: "react", model: "ollama:llama3.1" }, optimizer: { model: "ollama:llama3.1" }, train: await loadDataset("gsm8k:train") });
 */
export function checkTrainAgentOptions(options: TrainAgentOptions) {
  for (const field of ["agent", "optimizer"] as const) {
    if (options[field] === null || (typeof options[field] !== "object" && typeof options[field] !== "function")) {
      throw new TrainingError("E_TRAIN_OPTIONS", `${field}: required, got ${options[field] === null ? "null" : typeof options[field]}`, { field });
    }
  }
  const train = tasksOf(options.train, "train");
  const validation = options.validation ? tasksOf(options.validation, "validation") : [];
  const trainScorer = scorerOf(options.scorer, options.train, "train");
  // Without `scorer`, a validation dataset is scored by its own scorer, else by the training one.
  const validationScorer = options.validation ? scorerOf(options.scorer, options.validation, "validation", trainScorer) : trainScorer;
  const names = modelNames(options.agent, options.optimizer.model);
  checkTrainingOptions({ ...pick(options, LOOP_OPTIONS), train, validation, modelNames: names });
  // The step graph would refuse these too, but only after the run directory and stores were opened.
  resolveOptimizerOptions(pick(options.optimizer, OPTIMIZER_OPTIONS));
  const initial = options.initialToolset ? toFile(options.initialToolset) : Toolset.empty().toJSON();
  Toolset.fromJSON(initial); // a bad initial toolset fails here, naming the function and field
  const policy = options.capabilities === undefined ? undefined : resolveCapabilityPolicy(options.capabilities);
  assertCapabilitiesGranted(initial.functions, policy, "initialToolset");
  if (typeof options.checkpointer === "string") parseCheckpointerSpec(options.checkpointer);
  return { train, validation, trainScorer, validationScorer, names, initial, policy };
}

/** A dataset's name (`gsm8k:train`, a file's base name); a plain task array has none. */
function asDataset(source: TaskSource | undefined): { name: string; tasks: Task[] } | undefined {
  return source && !Array.isArray(source) ? { name: datasetName(source), tasks: source.tasks } : undefined;
}

function datasetName(source: TaskSource): string {
  const name = Array.isArray(source) ? undefined : (source as { name?: unknown }).name;
  return typeof name === "string" && name !== "" ? name : "tasks";
}

function tasksOf(source: TaskSource, field: string): Task[] {
  const tasks = Array.isArray(source) ? source : source?.tasks;
  if (!Array.isArray(tasks)) throw new TrainingError("E_TRAIN_OPTIONS", `${field}: expected Task[] or a dataset with tasks`, { field });
  return tasks;
}

function scorerOf(scorer: Scorer | undefined, source: TaskSource, field: string, fallback?: Scorer): Scorer {
  const found = scorer ?? (Array.isArray(source) ? undefined : source.scorer) ?? fallback;
  if (typeof found !== "function") {
    throw new TrainingError("E_TRAIN_OPTIONS", `scorer: pass { scorer } or a dataset with a scorer as ${field}`, { field: "scorer" });
  }
  return found;
}

function isChatModel(model: unknown): model is BaseChatModel {
  return typeof (model as { invoke?: unknown } | null | undefined)?.invoke === "function";
}

/** Specs get the run's cache; a user's own model instance is left as is (caching is the user's choice). */
function cachedModel(model: ModelSpec | BaseChatModel, cache: ReturnType<typeof createModelCache>, requestGate?: RequestGate): BaseChatModel {
  return isChatModel(model) ? model : createModel(model, { cache, ...(requestGate && { requestGate }) });
}

function withModel(agent: AgentSpec, wrap: (model: ModelSpec | BaseChatModel) => BaseChatModel): AgentSpec {
  return typeof agent === "function" || isTeamSpec(agent) ? agent : { ...agent, model: wrap(agent.model) };
}

function modelName(model: ModelSpec | BaseChatModel | undefined): string | undefined {
  if (model === undefined) return undefined;
  if (typeof model === "string") return model;
  if (isChatModel(model)) {
    const name = (model as unknown as { model?: unknown }).model;
    return typeof name === "string" ? name : undefined;
  }
  return model.model;
}

function modelNames(agent: AgentSpec, optimizer: ModelSpec | BaseChatModel): Partial<Record<UsageRole, string>> {
  const names: Partial<Record<UsageRole, string>> = {};
  const agentName = typeof agent === "function" || isTeamSpec(agent) ? undefined : modelName(agent.model);
  const optimizerName = modelName(optimizer);
  if (agentName) names.agent = agentName;
  if (optimizerName) names.optimizer = optimizerName;
  return names;
}

function toFile(toolset: ToolsetFile | { toJSON(): ToolsetFile }): ToolsetFile {
  return "toJSON" in toolset && typeof toolset.toJSON === "function" ? toolset.toJSON() : (toolset as ToolsetFile);
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
