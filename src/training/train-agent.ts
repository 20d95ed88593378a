import { randomUUID } from "node:crypto";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { createCheckpointer, parseCheckpointerSpec } from "../checkpoint/create-checkpointer.js";
import { resolveAgent } from "../agents/resolve-agent.js";
import type { AgentRunnable, AgentSpec } from "../agents/types.js";
import { runTask } from "../evaluation/run-task.js";
import type { Scorer, Task } from "../evaluation/types.js";
import { Toolset } from "../functions/toolset.js";
import type { ToolsetFile } from "../functions/toolset-file.js";
import { createModel } from "../models/create-model.js";
import { createModelCache } from "../models/model-cache.js";
import type { ModelSpec } from "../models/types.js";
import { createOptimizeStepGraph } from "../optimizer/optimize-step-graph.js";
import { createSandbox } from "../sandbox/index.js";
import { isTeamSpec } from "../teams/define-team.js";
import { probeTeam } from "../teams/resolve-team.js";
import { tracingConfig, withTracing } from "../tracing/tracing-config.js";
import { checkTrainingOptions } from "./check-options.js";
import { TrainingError } from "./errors.js";
import type { TrainingEvent } from "./events.js";
import { createTrainingGraph } from "./graph.js";
import { RunDirectory } from "./run-directory.js";
import type { TrainingStateType } from "./state.js";
import type { EvaluateTaskFn, TrainAgentOptions, TrainingResult, TrainingStopReason, UsageRole } from "./types.js";
import { costOf } from "./usage.js";

type TaskSource = TrainAgentOptions["train"];

/**
 * Trains an agent's toolset (Algorithm 2 of arXiv 2402.11359): evaluates the
 * initial toolset, then lets the optimizer LLM propose function updates,
 * keeping each only if the training loss strictly falls, until `maxSteps`
 * steps, `patience` consecutive roll-backs, the budget, or `signal` stops it.
 *
 * With `runDir`, everything is durable: LangGraph checkpoints in
 * `checkpoints.sqlite`, model responses in `model-cache/`, events in
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
  for (const field of ["agent", "optimizer"] as const) {
    if (typeof options[field] !== "object" && typeof options[field] !== "function") {
      throw new TrainingError("E_TRAIN_OPTIONS", `${field}: required, got ${options[field] === null ? "null" : typeof options[field]}`, { field });
    }
  }
  const train = tasksOf(options.train, "train");
  const validation = options.validation ? tasksOf(options.validation, "validation") : [];
  const trainScorer = scorerOf(options.scorer, options.train, "train");
  const validationScorer = options.validation ? scorerOf(options.scorer ?? trainScorer, options.validation, "validation") : trainScorer;
  const names = modelNames(options.agent, options.optimizer.model);
  checkTrainingOptions({ ...pick(options, ["maxSteps", "patience", "batchSize", "concurrency", "budget"]), train, validation, modelNames: names });
  const initial = options.initialToolset ? toFile(options.initialToolset) : Toolset.empty().toJSON();
  const initialSet = Toolset.fromJSON(initial); // a bad initial toolset fails here, naming the function and field
  // A broken team (roles, factory, a function naming an unknown role) fails before anything is written or spent.
  const team = isTeamSpec(options.agent) ? options.agent : undefined;
  if (team) await probeTeam(team, initialSet);
  if (typeof options.checkpointer === "string") parseCheckpointerSpec(options.checkpointer);

  const runDir = options.runDir ? new RunDirectory(options.runDir).ensure() : undefined;
  const threadId = options.threadId ?? runDir?.readInfo()?.threadId ?? randomUUID();
  if (runDir && runDir.readInfo()?.threadId !== threadId) runDir.writeInfo({ threadId, createdAt: new Date().toISOString() });

  const ownsSandbox = options.sandbox === undefined;
  let sandbox = options.sandbox;
  let opened: Awaited<ReturnType<typeof createCheckpointer>> | undefined;
  try {
    sandbox ??= await createSandbox();
    // A saver passed in stays the caller's to close; one opened from a spec is ours.
    opened =
      typeof options.checkpointer === "object"
        ? undefined
        : await createCheckpointer(options.checkpointer, runDir ? { runDir: runDir.root } : {});
    const checkpointer = opened?.checkpointer ?? (options.checkpointer as Exclude<TrainAgentOptions["checkpointer"], string | undefined>);
    // One cache for both roles: a resumed run re-issues no completed model call.
    const cache = createModelCache(runDir ? { dir: runDir.modelCache } : {});
    const agent = withModel(options.agent, (model) => cachedModel(model, cache));
    const optimizerModel = cachedModel(options.optimizer.model, cache);
    const build = resolveAgent(agent, { sandbox });
    const agents = new Map<string, Promise<AgentRunnable>>();
    const agentFor = (file: ToolsetFile) => {
      const toolset = Toolset.fromJSON(file);
      let built = agents.get(toolset.hash);
      if (!built) {
        if (agents.size >= 8) agents.delete(agents.keys().next().value!);
        built = build(toolset);
        agents.set(toolset.hash, built);
      }
      return built;
    };
    const evaluateTask: EvaluateTaskFn = async ({ toolset, task, phase, step, signal, callbacks }) => {
      // Named, tagged runs nested under the node's callbacks: one readable trace per task.
      const traced = { ...tracingConfig({ role: "agent", step, taskId: task.id, phase }), ...(callbacks ? { callbacks } : {}) };
      const agent = (await agentFor(toolset)).withConfig(traced);
      return runTask({ agent, task, scorer: phase === "validation" ? validationScorer : trainScorer, signal });
    };

    const graph = createTrainingGraph({
      train,
      validation,
      evaluateTask,
      optimizeStep: createOptimizeStepGraph({
        model: optimizerModel,
        sandbox,
        ...(team ? { team: team.roles } : {}),
        ...(options.optimizer.maxActions !== undefined ? { maxActions: options.optimizer.maxActions } : {}),
        ...(options.optimizer.promptTokenBudget !== undefined ? { promptTokenBudget: options.optimizer.promptTokenBudget } : {}),
      }),
      ...pick(options, ["maxSteps", "patience", "batchSize", "seed", "budget", "concurrency"]),
      modelNames: names,
      ...(runDir ? { runDir: runDir.root } : {}),
      checkpointer,
    });

    const emit = (event: TrainingEvent) => {
      runDir?.appendEvent(event);
      options.onEvent?.(event);
    };
    const config = { configurable: { thread_id: threadId } };
    const snapshot = await graph.getState(config);
    const finished = snapshot.next.length === 0 && (snapshot.values as Partial<TrainingStateType>).stopReason;
    if (!finished) {
      // A thread with pending nodes resumes from its checkpoint (null input).
      const resuming = snapshot.next.length > 0;
      try {
        const stream = await graph.stream(resuming ? null : { best: initial }, {
          ...withTracing(config, { role: "train", threadId }),
          streamMode: ["custom"],
          ...(options.signal ? { signal: options.signal } : {}),
        });
        for await (const [, chunk] of stream as AsyncIterable<[string, unknown]>) emit(chunk as TrainingEvent);
      } catch (error) {
        if (!options.signal?.aborted) throw error;
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
    const chosen = Toolset.fromJSON(state.validationBest?.toolset ?? state.best);
    if (stopReason === "aborted") {
      if (runDir) await chosen.save(runDir.best);
      emit({ type: "run_end", bestTrainLoss: state.bestLoss, ...validationLoss(state), steps: state.step, reason: "aborted" });
    }
    const costUsd = costOf(state.usage, options.budget?.prices, names);
    return {
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
    if (ownsSandbox) await sandbox?.close();
    await opened?.close();
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

function validationLoss(state: TrainingStateType): { bestValidationLoss?: number } {
  return state.validationBest ? { bestValidationLoss: state.validationBest.loss } : {};
}

function tasksOf(source: TaskSource, field: string): Task[] {
  const tasks = Array.isArray(source) ? source : source?.tasks;
  if (!Array.isArray(tasks)) throw new TrainingError("E_TRAIN_OPTIONS", `${field}: expected Task[] or a dataset with tasks`, { field });
  return tasks;
}

function scorerOf(scorer: Scorer | undefined, source: TaskSource, field: string): Scorer {
  const found = scorer ?? (Array.isArray(source) ? undefined : source.scorer);
  if (typeof found !== "function") {
    throw new TrainingError("E_TRAIN_OPTIONS", `scorer: pass { scorer } or a dataset with a scorer as ${field}`, { field: "scorer" });
  }
  return found;
}

function isChatModel(model: unknown): model is BaseChatModel {
  return typeof model === "object" && model !== null && typeof (model as { invoke?: unknown }).invoke === "function";
}

/** Specs get the run's cache; a user's own model instance is left as is (caching is the user's choice). */
function cachedModel(model: ModelSpec | BaseChatModel, cache: ReturnType<typeof createModelCache>): BaseChatModel {
  return isChatModel(model) ? model : createModel(model, { cache });
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

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
