import { setMaxListeners } from "node:events";
import { mkdir } from "node:fs/promises";
import { END, interrupt, type LangGraphRunnableConfig, type Pregel, START, Send, StateGraph } from "@langchain/langgraph";
import { DEFAULTS } from "../defaults.js";
import { infrastructureFailure, isInfrastructureFailure, runWithTaskRetries } from "../evaluation/infrastructure.js";
import type { ExecutionRecord } from "../evaluation/types.js";
import { toolsetComplexity } from "../functions/function-complexity.js";
import { Toolset } from "../functions/toolset.js";
import { formatToolsetDiff } from "../functions/toolset-diff.js";
import type { ToolsetFile } from "../functions/toolset-file.js";
import type { OptimizeStepInput, OptimizeStepOutput } from "../optimizer/types.js";
import { OPTIMIZER_RECORDS_KEY, readsRecordsFromConfig } from "../optimizer/optimize-step-graph.js";
import { withTracing } from "../tracing/tracing-config.js";
import { checkTrainingOptions } from "./check-options.js";
import { TrainingError } from "./errors.js";
import type { TrainingEvent } from "./events.js";
import { successfulLearnedCalls } from "./learned-calls.js";
import { createLimiter, runPulled } from "../limiter.js";
import { sampleBatch } from "./minibatch.js";
import { pairedLosses, scoredLoss } from "./scored-loss.js";
import { RunDirectory } from "./run-directory.js";
import {
  CLEAR_RESULTS,
  type PendingEvaluation,
  type TaskPacket,
  TrainingState,
  type TrainingStateType,
  type ValidationBest,
} from "./state.js";
import { trainingProvenance } from "./provenance.js";
import { parseReviewDecision, type ReviewRequest } from "./review.js";
import type { StepSummary, TrainingGraphOptions, TrainingNodes, TrainingStopReason, UsageByRole } from "./types.js";
import { addUsage, budgetExceeded, costOf, emptyUsage } from "./usage.js";
import { withUsageCounter } from "./usage-counter.js";
import { evaluationRecords } from "./evaluation-records.js";

type Update = typeof TrainingState.Update;

/**
 * Builds the training loop of arXiv 2402.11359 (Algorithm 2) as a compiled
 * LangGraph `StateGraph`:
 *
 * `setup → evaluate ⇉ evaluate_task (one Send per task) → compare_loss →
 * {evaluate (validation) | optimize_step → evaluate … | finish}`.
 *
 * The graph takes `{ best?: ToolsetFile }` as input (the initial toolset,
 * empty when omitted) and is driven by a checkpointer so a run can resume
 * after a crash without redoing finished tasks. Progress is written as
 * {@link TrainingEvent}s on the `custom` stream. Run it with
 * `durability: "sync"` (the returned graph defaults to it). Its recursion
 * limit is sized for `maxSteps` and is kept when it runs inside a parent graph
 * (whose own limit, 25 by default, would otherwise apply to it).
 *
 * @example
 * import { createTrainingGraph } from "toolforge";
 * import { MemorySaver } from "@langchain/langgraph";
 * const graph = createTrainingGraph({
 *   train: [{ id: "t1", question: "1+1?", answer: "2" }],
 *   evaluateTask: async ({ task }) => myRunTask(task),          // e.g. runTask with resolveAgent
 *   optimizeStep: createOptimizeStepGraph({ model, sandbox }),  // the optimizer subgraph
 *   checkpointer: new MemorySaver(),
 * });
 * for await (const [mode, chunk] of await graph.stream({}, { configurable: { thread_id: "run-1" }, streamMode: ["custom", "values"] })) {
 *   if (mode === "custom") console.log(chunk);
 * }
 */
export function createTrainingGraph(options: TrainingGraphOptions) {
  const nodes = createTrainingNodes(options);
  const graph = addTrainingNodes(new StateGraph(TrainingState), nodes).compile({ checkpointer: options.checkpointer, name: "toolforge_training" });
  // Every superstep must be on disk before the next one starts, so a kill -9
  // never loses a finished evaluation.
  return keepRecursionLimit(graph.withConfig({ durability: "sync", recursionLimit: recursionLimitFor(nodes.maxSteps, nodes.hasValidation) }));
}

/**
 * The node functions of the training graph, with their options bound, for
 * graphs that declare a larger state around the same loop (the LangGraph
 * server's `agent_training`). {@link addTrainingNodes} wires them.
 *
 * @example
 * import { StateGraph } from "@langchain/langgraph";
 * import { TrainingState, addTrainingNodes, createTrainingNodes } from "toolforge";
 * const graph = addTrainingNodes(new StateGraph(TrainingState), createTrainingNodes(options)).compile();
 */
export function createTrainingNodes(options: TrainingGraphOptions): TrainingNodes {
  checkTrainingOptions(options);
  const train = options.train;
  const validation = options.validation ?? [];
  const maxEpochs = options.maxEpochs ?? DEFAULTS.training.maxEpochs;
  const maxSteps = options.maxSteps ?? DEFAULTS.training.maxSteps;
  const patienceLimit = options.patience ?? DEFAULTS.training.patience;
  const rollback = options.rollback ?? DEFAULTS.training.rollback;
  const seed = options.seed ?? DEFAULTS.training.seed;
  const hash = options.hashToolset ?? ((t: ToolsetFile) => Toolset.fromJSON(t).hash);
  const runDir = options.runDir ? new RunDirectory(options.runDir) : undefined;
  const modelNames = options.modelNames ?? {};
  const concurrency = options.concurrency ?? DEFAULTS.training.concurrency;
  const taskRetries = options.taskRetries ?? DEFAULTS.evaluation.taskRetries;
  const excludeFailed = options.infrastructureFailures === "exclude";
  const limit = createLimiter(concurrency);
  const records = evaluationRecords({ ...(options.records ? { records: options.records } : {}), ...(runDir ? { runDir } : {}), hash });
  // Completed-task counters for `task_done` events; progress display only.
  const doneCounts = new Map<string, number>();
  // Scored tasks per evaluation in this process: a task is only left out when
  // others were scored, so an evaluation never ends with nothing to compare.
  const scoredCounts = new Map<string, number>();

  const emit = (config: LangGraphRunnableConfig, event: TrainingEvent) => config.writer?.(event);
  const tasksOf = (set: PendingEvaluation["set"]) => (set === "train" ? train : validation);

  const saveToolset = async (path: string, toolset: ToolsetFile, metadata: { step: number; trainLoss: number }) => {
    await mkdir(runDir!.toolsets, { recursive: true });
    await Toolset.fromJSON(toolset).withMetadata({ ...toolset.metadata, ...metadata }).save(path);
  };

  /**
   * Stop reason once a step (or the baseline) is fully judged, if any:
   * Algorithm 2's two rules — `maxEpochs` improvements (E) and `patience`
   * consecutive steps without one (C) — plus the hard `maxSteps` cap on
   * optimizer steps and the budget. Without roll-back there is no early stop.
   */
  const stopAfterStep = (s: { step: number; epoch: number; patience: number; usage: UsageByRole }): TrainingStopReason | null => {
    if (budgetExceeded(s.usage, options.budget, modelNames)) return "budget";
    if (s.epoch >= maxEpochs) return "max_epochs";
    if (rollback && s.patience >= patienceLimit) return "early_stop";
    if (s.step >= maxSteps) return "max_steps";
    return null;
  };

  const setup = (state: TrainingStateType, config: LangGraphRunnableConfig): Update => {
    const best = state.best ?? Toolset.empty().toJSON();
    emit(config, {
      type: "run_start",
      runId: String(config.configurable?.thread_id ?? ""),
      trainSize: train.length,
      validationSize: validation.length,
      maxSteps,
      maxEpochs,
      patience: patienceLimit,
      rollback,
    });
    return {
      best,
      started: true,
      evaluation: { phase: "baseline", step: 0, set: "train", toolset: best },
    };
  };

  const evaluate = (state: TrainingStateType, config: LangGraphRunnableConfig): Update => {
    const ev = state.evaluation!;
    emit(config, { type: "evaluation_start", step: ev.step, phase: ev.phase, total: tasksOf(ev.set).length });
    return {};
  };

  // A fixed number of Send branches, each running its stripe of tasks under
  // the shared limit; every finished task's record goes to the record store at
  // once, so after a crash only the tasks without a record run again.
  const fanOut = (state: TrainingStateType): Send[] => {
    const ev = state.evaluation!;
    const total = tasksOf(ev.set).length;
    const branches = Math.min(total, DEFAULTS.training.evaluationBranches);
    return Array.from({ length: branches }, (_, branch) => new Send("evaluate_task", { ...ev, branch, branches, total } satisfies TaskPacket));
  };

  /** Runs one task (under the limit, with retries) and reports it; throws when it could not be scored. */
  const runOneTask = async (packet: TaskPacket, index: number, signal: AbortSignal | undefined, config: LangGraphRunnableConfig): Promise<ExecutionRecord> => {
    const task = tasksOf(packet.set)[index];
    if (!task) {
      throw new TrainingError("E_TRAIN_TASK", `evaluate_task: no ${packet.set} task at index ${index}`, { set: packet.set, index });
    }
    const run = () => options.evaluateTask({ toolset: packet.toolset, task, phase: packet.phase, step: packet.step, signal, callbacks: config.callbacks });
    const record = await limit(() => runWithTaskRetries(run, taskRetries));
    const key = `${packet.phase}:${packet.step}`;
    // Never scored: the node fails, finished tasks keep their records, and a
    // resumed run re-runs only this evaluation's unfinished tasks.
    if (isInfrastructureFailure(record) && !(excludeFailed && (scoredCounts.get(key) ?? 0) > 0)) {
      throw infrastructureFailure(record, taskRetries + 1, `The ${packet.phase} evaluation of step ${packet.step}`);
    }
    if (!isInfrastructureFailure(record)) scoredCounts.set(key, (scoredCounts.get(key) ?? 0) + 1);
    const done = (doneCounts.get(key) ?? 0) + 1;
    doneCounts.set(key, done);
    emit(config, {
      type: "task_done",
      step: packet.step,
      phase: packet.phase,
      taskId: task.id,
      index,
      done,
      total: packet.total,
      score: record.score,
      ...(record.error ? { error: `${record.error.kind}: ${record.error.message}` } : {}),
    });
    return record;
  };

  const evaluateTask = async (packet: TaskPacket, config: LangGraphRunnableConfig): Promise<Update> => {
    const store = await records.storeFor(config);
    const ref = records.refOf(packet, config);
    const found = await store.get(ref);
    const indices =
      packet.index !== undefined
        ? [packet.index]
        : Array.from({ length: Math.ceil((packet.total - packet.branch) / packet.branches) }, (_, i) => packet.branch + i * packet.branches);
    // The first failure stops the branch's other tasks; all settle before it
    // is thrown, so none is still running (or writing) once the node failed.
    const stop = new AbortController();
    const signal = config.signal ? AbortSignal.any([config.signal, stop.signal]) : stop.signal;
    // Every task in flight hangs a listener on the run signal: bounded by branches × concurrency, not a leak.
    setMaxListeners(0, signal);
    if (config.signal) setMaxListeners(0, config.signal);
    let usage = emptyUsage();
    const runIndex = async (index: number) => {
      let record = found.get(index);
      if (!record) {
        record = await runOneTask(packet, index, signal, config).catch((error: unknown) => {
          stop.abort(error);
          throw error;
        });
        // A task cut short by an abort is not a result.
        if (signal.aborted) throw signal.reason;
        await store.put(ref, index, record);
      } else if (!isInfrastructureFailure(record)) {
        scoredCounts.set(`${packet.phase}:${packet.step}`, (scoredCounts.get(`${packet.phase}:${packet.step}`) ?? 0) + 1);
      }
      usage = addUsage(usage, { agent: record.usage });
    };
    // A branch pulls its tasks with at most `concurrency` in flight (they also
    // wait for the shared limit): the tasks held at once do not grow with the set.
    const settled = await runPulled(indices.length, concurrency, (i) => runIndex(indices[i]!), () => signal.aborted);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
    // An abort between two tasks fails no task but leaves tasks unrun: still not a finished branch.
    if (failed || signal.aborted) throw stop.signal.aborted ? stop.signal.reason : failed ? failed.reason : signal.reason;
    // Records stay out of the state: the branch's only write is its usage.
    return { usage: { agent: usage.agent } };
  };

  const compareLoss = async (state: TrainingStateType, config: LangGraphRunnableConfig): Promise<Update> => {
    const ev = state.evaluation!;
    const ref = records.refOf(ev, config);
    const taskRecords: ExecutionRecord[] = await records.recordsOf(ref, tasksOf(ev.set), config, state.results);
    const scored = scoredLoss(taskRecords);
    if (scored === null) {
      throw new TrainingError("E_TRAIN_UNSCORED", `compare_loss: no task of the ${ev.phase} evaluation of step ${ev.step} could be run (every model call failed)`, {
        step: ev.step,
        phase: ev.phase,
      });
    }
    const loss = scored;
    const accuracy = 1 - loss;
    // Table 6 of the paper: how often learned functions worked, and how complex they are.
    const metrics = { successfulCalls: successfulLearnedCalls(taskRecords, ev.toolset), complexity: await toolsetComplexity(ev.toolset.functions) };
    emit(config, { type: "evaluation_end", step: ev.step, phase: ev.phase, loss, accuracy, ...metrics });

    const update: Update = { evaluation: null, ...legacyCleared(state) };
    let history = state.history;
    let patience = state.patience;
    let epoch = state.epoch;
    let validateNext: ToolsetFile | null = null;

    if (ev.phase === "baseline") {
      const toolsetHash = hash(ev.toolset);
      Object.assign(update, { bestLoss: loss, bestEvaluation: ref, ...(state.bestRecords.length > 0 ? { bestRecords: [] } : {}) });
      history = [...history, { step: 0, trainLoss: loss, accepted: true, actions: [], rejected: [], toolsetHash, ...metrics }];
      if (runDir) await saveToolset(runDir.stepToolset(0), ev.toolset, { step: 0, trainLoss: loss });
      if (validation.length > 0) validateNext = ev.toolset;
    } else if (ev.phase === "candidate") {
      const pending = state.pendingStep!;
      // Tasks left out for infrastructure failures count on neither side.
      const paired = excludeFailed ? pairedLosses(taskRecords, await records.bestRecords(state, tasksOf("train"), config)) : undefined;
      const bestLoss = paired ? (paired.best ?? state.bestLoss!) : state.bestLoss!;
      const candidateLoss = paired ? (paired.candidate ?? Infinity) : loss;
      // Without roll-back (the paper's ablation) every candidate is kept, better or not.
      const accepted = !rollback || candidateLoss < bestLoss;
      const summary: StepSummary = {
        step: ev.step,
        trainLoss: loss,
        accepted,
        actions: pending.actions,
        rejected: pending.rejected,
        optimizerStopReason: pending.stopReason,
        ...(pending.review ? { review: pending.review } : {}),
        toolsetHash: pending.candidateHash,
        ...metrics,
      };
      history = [...history, summary];
      emit(config, { type: "loss", step: ev.step, trainLoss: loss, bestLoss });
      if (accepted) {
        patience = 0;
        epoch += 1;
        // A checkpoint from before the record store has the best set's records in the state.
        const previous = state.bestEvaluation
          ? { previousEvaluation: state.bestEvaluation, ...(state.previousScores ? { previousScores: null } : {}) }
          : { previousScores: Object.fromEntries(state.bestRecords.map((r) => [r.taskId, r.score])), bestRecords: [] };
        Object.assign(update, { best: ev.toolset, bestLoss: loss, bestEvaluation: ref, ...previous, failures: [], patience, epoch });
        emit(config, { type: "accepted", step: ev.step, trainLoss: loss, previousLoss: bestLoss, toolsetHash: pending.candidateHash });
        if (runDir) await saveToolset(runDir.stepToolset(ev.step), ev.toolset, { step: ev.step, trainLoss: loss });
        if (validation.length > 0) validateNext = ev.toolset;
      } else {
        patience += 1;
        Object.assign(update, { failures: [...state.failures, { toolset: ev.toolset, score: accuracy }], patience });
        emit(config, { type: "rolled_back", step: ev.step, trainLoss: loss, bestLoss, patience });
        if (runDir) await saveToolset(runDir.candidateToolset(ev.step), ev.toolset, { step: ev.step, trainLoss: loss });
      }
      update.candidate = null;
      update.pendingStep = null;
    } else {
      // Validation of the set just accepted (or of the initial set).
      const last = history[history.length - 1]!;
      history = [...history.slice(0, -1), { ...last, validationLoss: loss }];
      emit(config, { type: "loss", step: ev.step, trainLoss: last.trainLoss, bestLoss: state.bestLoss ?? last.trainLoss, validationLoss: loss });
      // Ties go to the later set: it is at least as good on validation and better on train.
      if (!state.validationBest || loss <= state.validationBest.loss) {
        update.validationBest = { toolset: ev.toolset, loss, step: ev.step } satisfies ValidationBest;
      }
    }
    update.history = history;

    if (validateNext) {
      update.evaluation = { phase: "validation", step: ev.step, set: "validation", toolset: validateNext } satisfies PendingEvaluation;
    } else {
      update.stopReason = stopAfterStep({ step: state.step, epoch, patience, usage: state.usage });
    }
    return update;
  };

  const optimizeStep = async (state: TrainingStateType, config: LangGraphRunnableConfig): Promise<Update> => {
    const step = state.step + 1;
    const bestLoss = state.bestLoss!;
    emit(config, { type: "step_start", step, bestLoss });
    const bestRecords = await records.bestRecords(state, train, config);
    const previousScores = await records.previousScores(state, train, config);
    const batch = sampleBatch(bestRecords.length, options.batchSize, seed, step).map((i) => bestRecords[i]!);
    const { config: counted, usage } = withUsageCounter(withTracing(config, { role: "optimizer", step }));
    const input: OptimizeStepInput = {
      step,
      best: state.best,
      bestScore: 1 - bestLoss,
      records: batch,
      failures: state.failures,
      ...(previousScores ? { previousScores } : {}),
    };
    const out = await runOptimizeStep(options.optimizeStep, input, counted, (event) => emit(config, event));
    const candidateHash = hash(out.candidate);
    const actions = out.actions.map((a) => ({ action: a.action, name: a.name }));
    const rejected = out.rejected.map((r) => ({ action: r.action, ...(r.name ? { name: r.name } : {}), code: r.code, reason: r.reason }));
    // The subgraph's own count survives a crash mid-step (its state is checkpointed); the callback count does not.
    const usageUpdate = { optimizer: out.usage ?? usage() };
    const totalUsage = addUsage(state.usage, usageUpdate);

    if (candidateHash === hash(state.best)) {
      // Nothing changed: evaluating the same toolset again could only "improve" by noise,
      // so the step is judged without spending an evaluation: a roll-back, or — without
      // roll-back, where every candidate is kept — an epoch that kept the same set.
      const patience = rollback ? state.patience + 1 : state.patience;
      const epoch = rollback ? state.epoch : state.epoch + 1;
      emit(config, { type: "loss", step, trainLoss: bestLoss, bestLoss });
      if (rollback) emit(config, { type: "rolled_back", step, trainLoss: bestLoss, bestLoss, patience });
      else emit(config, { type: "accepted", step, trainLoss: bestLoss, previousLoss: bestLoss, toolsetHash: candidateHash });
      const summary: StepSummary = {
        step,
        trainLoss: bestLoss,
        accepted: !rollback,
        actions,
        rejected,
        optimizerStopReason: out.stopReason,
        unchanged: true,
        toolsetHash: candidateHash,
      };
      return {
        step,
        patience,
        epoch,
        usage: usageUpdate,
        history: [...state.history, summary],
        stopReason: stopAfterStep({ step, epoch, patience, usage: totalUsage }),
      };
    }
    if (budgetExceeded(totalUsage, options.budget, modelNames)) {
      return { step, usage: usageUpdate, stopReason: "budget" };
    }
    return {
      step,
      usage: usageUpdate,
      candidate: out.candidate,
      pendingStep: { actions, rejected, stopReason: out.stopReason, candidateHash },
      evaluation: { phase: "candidate", step, set: "train", toolset: out.candidate } satisfies PendingEvaluation,
    };
  };

  const finish = async (state: TrainingStateType, config: LangGraphRunnableConfig): Promise<Update> => {
    const reason = state.stopReason!;
    if (reason === "budget") {
      const costUsd = costOf(state.usage, options.budget?.prices, modelNames);
      emit(config, { type: "budget_reached", step: state.step, usage: state.usage, ...(costUsd !== undefined ? { costUsd } : {}) });
    } else if (reason === "early_stop") {
      emit(config, { type: "early_stop", step: state.step, patience: state.patience });
    } else if (reason === "max_steps") {
      emit(config, { type: "max_steps", step: state.step });
    } else if (reason === "max_epochs") {
      emit(config, { type: "max_epochs", step: state.step, epochs: state.epoch });
    }
    const chosen = state.validationBest?.toolset ?? state.best;
    if (runDir) {
      const runId = String(config.configurable?.thread_id ?? "");
      const provenance = trainingProvenance(state, { runId, stopReason: reason, trainSize: train.length, validationSize: validation.length, ...(options.provenance && { context: options.provenance }) });
      await Toolset.fromJSON(chosen).withMetadata(provenance).save(runDir.best);
    }
    emit(config, {
      type: "run_end",
      bestTrainLoss: state.bestLoss!,
      ...(state.validationBest ? { bestValidationLoss: state.validationBest.loss } : {}),
      steps: state.step,
      reason,
    });
    return {};
  };

  const route = (state: TrainingStateType): "evaluate" | "optimize_step" | "finish" => {
    if (state.stopReason) return "finish";
    if (state.evaluation) return "evaluate";
    return "optimize_step";
  };

  // Human review (options.review): the optimizer's changes wait for a decision
  // before the candidate is evaluated. Its own node, since a resumed interrupt
  // re-runs the node from its start and must not re-run the optimizer.
  const reviewStep = (state: TrainingStateType, config: LangGraphRunnableConfig): Update => {
    const pending = state.pendingStep!;
    const candidate = state.candidate!;
    const request: ReviewRequest = {
      type: "review_step",
      step: state.step,
      actions: pending.actions,
      rejected: pending.rejected,
      diff: formatToolsetDiff(Toolset.diff(Toolset.fromJSON(state.best), Toolset.fromJSON(candidate))),
      candidate,
    };
    const decision = parseReviewDecision(interrupt<ReviewRequest, unknown>(request), state.step);
    const edited = decision.action === "edit" ? decision.toolset : null;
    if (decision.action === "approve" || (edited && hash(edited) !== hash(state.best))) {
      const toolset = edited ?? candidate;
      const review = edited ? "edited" : "approved";
      return {
        candidate: toolset,
        pendingStep: { ...pending, candidateHash: hash(toolset), review },
        evaluation: { ...state.evaluation!, toolset },
      };
    }
    // Rejected (or edited back to the best set): a roll-back without an evaluation.
    const patience = state.patience + 1;
    const bestLoss = state.bestLoss!;
    emit(config, { type: "rolled_back", step: state.step, trainLoss: bestLoss, bestLoss, patience });
    const summary: StepSummary = {
      step: state.step,
      trainLoss: bestLoss,
      accepted: false,
      actions: pending.actions,
      rejected: pending.rejected,
      optimizerStopReason: pending.stopReason,
      unchanged: true,
      review: "rejected",
      toolsetHash: pending.candidateHash,
    };
    return {
      patience,
      candidate: null,
      pendingStep: null,
      evaluation: null,
      history: [...state.history, summary],
      stopReason: stopAfterStep({ step: state.step, epoch: state.epoch, patience, usage: state.usage }),
    };
  };

  const routeAfterOptimize = (state: TrainingStateType): "evaluate" | "optimize_step" | "finish" | "review_step" =>
    options.review && !state.stopReason && state.evaluation?.phase === "candidate" ? "review_step" : route(state);

  return {
    setup,
    evaluate,
    fanOut,
    evaluateTask,
    compareLoss,
    optimizeStep,
    reviewStep,
    finish,
    route,
    routeAfterOptimize,
    maxSteps,
    hasValidation: validation.length > 0,
  };
}

/**
 * Wires the training nodes into a `StateGraph` whose state includes
 * {@link TrainingState}'s channels:
 * `setup → evaluate ⇉ evaluate_task → compare_loss → {evaluate | optimize_step [→ review_step] | finish}`.
 *
 * @example
 * const graph = addTrainingNodes(new StateGraph(TrainingState), createTrainingNodes(options)).compile({ checkpointer });
 */
export function addTrainingNodes<G extends StateGraph<any, any, any, any, any, any, any>>(builder: G, nodes: TrainingNodes): G {
  return builder
    .addNode("setup", nodes.setup)
    .addNode("evaluate", nodes.evaluate)
    .addNode("evaluate_task", nodes.evaluateTask)
    .addNode("compare_loss", nodes.compareLoss)
    .addNode("optimize_step", nodes.optimizeStep)
    .addNode("review_step", nodes.reviewStep)
    .addNode("finish", nodes.finish)
    .addEdge(START, "setup")
    .addEdge("setup", "evaluate")
    .addConditionalEdges("evaluate", nodes.fanOut, ["evaluate_task"])
    .addEdge("evaluate_task", "compare_loss")
    .addConditionalEdges("compare_loss", nodes.route, ["evaluate", "optimize_step", "finish"])
    .addConditionalEdges("optimize_step", nodes.routeAfterOptimize, ["evaluate", "optimize_step", "finish", "review_step"])
    .addConditionalEdges("review_step", nodes.route, ["evaluate", "optimize_step", "finish"])
    .addEdge("finish", END) as G;
}

/**
 * Runs the optimize step. A LangGraph subgraph reports its own action events
 * on its `custom` stream, which are forwarded to ours; any other runnable is
 * described by its output instead.
 */
async function runOptimizeStep(
  runnable: TrainingGraphOptions["optimizeStep"],
  input: OptimizeStepInput,
  config: LangGraphRunnableConfig,
  emit: (event: TrainingEvent) => void,
): Promise<OptimizeStepOutput> {
  const graph = runnable as Partial<Pick<Pregel<any, any>, "stream" | "lg_is_pregel">>;
  if (graph.lg_is_pregel && graph.stream) {
    let out: OptimizeStepOutput | undefined;
    // Our optimizer subgraph takes the records through its config, so its per-turn checkpoints stay small.
    const { records, previousScores, ...rest } = input;
    const [stepInput, stepConfig] = readsRecordsFromConfig(runnable)
      ? [{ ...rest, records: [] }, { ...config, configurable: { ...config.configurable, [OPTIMIZER_RECORDS_KEY]: { records, previousScores } } }]
      : [input, config];
    const stream = await graph.stream(stepInput, { ...stepConfig, streamMode: ["custom", "values"] });
    for await (const [mode, chunk] of stream as AsyncIterable<[string, unknown]>) {
      if (mode === "custom") emit(chunk as TrainingEvent);
      else out = chunk as OptimizeStepOutput;
    }
    if (!out) throw new TrainingError("E_TRAIN_OPTIMIZER", `optimize_step: the optimizer subgraph returned no output at step ${input.step}`, { step: input.step });
    return out;
  }
  const out = (await runnable.invoke(input, config)) as OptimizeStepOutput;
  const step = input.step;
  out.actions.forEach((a, i) => {
    emit({ type: "action_proposed", step, action: a.action, name: a.name });
    emit({ type: "action_applied", step, action: a.action, name: a.name, actionsUsed: i + 1 });
  });
  for (const r of out.rejected) {
    const name = r.name ? { name: r.name } : {};
    emit({ type: "action_proposed", step, action: r.action, ...name });
    emit({ type: "action_rejected", step, action: r.action, ...name, reason: r.reason });
  }
  emit({ type: "optimizer_done", step, reason: out.stopReason });
  return out;
}

/**
 * Recursion limit of a training run: supersteps per step are optimize,
 * review, evaluate, tasks, compare (+3 for validation).
 *
 * @example
 * graph.invoke(input, { recursionLimit: recursionLimitFor(10, true) });
 */
export function recursionLimitFor(maxSteps: number, withValidation: boolean): number {
  return 20 + maxSteps * (withValidation ? 9 : 6);
}

/**
 * Makes the graph's bound recursion limit a floor. As a node of a parent graph
 * (or invoked with a parent node's config) a subgraph receives the parent's
 * limit, LangGraph's default 25, which would override the loop's own and stop
 * a run of more than a few steps with a `GraphRecursionError`. The loop is
 * bounded by `maxSteps`, so the larger of the two limits wins; `withConfig`
 * keeps the floor.
 */
export function keepRecursionLimit<G extends { config?: { recursionLimit?: number }; stream: Function; withConfig: Function }>(graph: G): G {
  const stream = graph.stream;
  const withConfig = graph.withConfig;
  Object.assign(graph, {
    stream(this: G, input: unknown, options?: { recursionLimit?: number }) {
      const floor = this.config?.recursionLimit ?? 0;
      return stream.call(this, input, { ...options, recursionLimit: Math.max(options?.recursionLimit ?? 0, floor) });
    },
    withConfig(this: G, config: unknown) {
      return keepRecursionLimit(withConfig.call(this, config));
    },
  });
  return graph;
}

/**
 * Empties the channel where checkpoints written before the record store kept
 * the running evaluation's records, once read; writes nothing for new runs.
 */
function legacyCleared(state: TrainingStateType): Update {
  return {
    ...(Object.keys(state.results).length > 0 ? { results: CLEAR_RESULTS } : {}),
  };
}
