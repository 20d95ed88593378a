import { readdirSync } from "node:fs";
import { Annotation, END, type LangGraphRunnableConfig, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { tempDirs } from "../helpers/temp-dirs.js";
import { Toolset } from "../../src/functions/toolset.js";
import type { OptimizeStepOutput } from "../../src/optimizer/types.js";
import { addTrainingNodes, createTrainingGraph, createTrainingNodes, MemoryRecordStore, RunDirectory, TrainingError, TrainingState, type EvaluateTaskFn, type TrainingEvent } from "../../src/training/index.js";
import { makeTasks, names, record, runScripted as run, scriptedEvaluator, scriptedOptimizer } from "./helpers.js";

// What a run of the training graph reports (events, files of the run
// directory) and how it takes an optimizer written as a LangGraph subgraph or
// a checkpoint from before the record store, in process with a scripted
// evaluator and optimizer.

const scratch = tempDirs("toolforge-graph-events-");
const withoutTasks = (events: TrainingEvent[]) => events.filter((e) => e.type !== "task_done");
const hashOf = (fs: string[]) => {
  let t = Toolset.empty();
  for (const name of fs) t = t.add({ name, description: `step ${name.slice(1)}`, parameters: { type: "object", properties: {} }, code: `function ${name}() { return ${name.slice(1)}; }`, packages: [] });
  return t.hash;
};

describe("training graph: the events of a run", () => {
  it("reports each phase of a one-step run, in order, with its numbers", async () => {
    // Ten tasks: the baseline solves five (loss 0.5), f1 all (loss 0).
    const { events } = await run({ accuracy: [0.5, 1], trainSize: 10, maxSteps: 1, patience: 3, maxEpochs: 4 });
    const step1 = hashOf(["f1"]);
    expect(withoutTasks(events)).toEqual([
      { type: "run_start", runId: "t", trainSize: 10, validationSize: 0, maxSteps: 1, maxEpochs: 4, patience: 3, rollback: true },
      { type: "evaluation_start", step: 0, phase: "baseline", total: 10 },
      { type: "evaluation_end", step: 0, phase: "baseline", loss: 0.5, accuracy: 0.5, successfulCalls: 0, complexity: [] },
      { type: "step_start", step: 1, bestLoss: 0.5 },
      { type: "action_proposed", step: 1, action: "add_function", name: "f1" },
      { type: "action_applied", step: 1, action: "add_function", name: "f1", actionsUsed: 1 },
      { type: "action_proposed", step: 1, action: "revise_function", name: "ghost" },
      { type: "action_rejected", step: 1, action: "revise_function", name: "ghost", reason: 'no function named "ghost"' },
      { type: "optimizer_done", step: 1, reason: "max_actions" },
      { type: "evaluation_start", step: 1, phase: "candidate", total: 10 },
      { type: "evaluation_end", step: 1, phase: "candidate", loss: 0, accuracy: 1, successfulCalls: 0, complexity: [{ name: "f1", complexity: 1 }] },
      { type: "loss", step: 1, trainLoss: 0, bestLoss: 0.5 },
      { type: "accepted", step: 1, trainLoss: 0, previousLoss: 0.5, toolsetHash: step1 },
      { type: "max_steps", step: 1 },
      { type: "run_end", bestTrainLoss: 0, steps: 1, reason: "max_steps" },
    ]);
    const done = events.filter((e) => e.type === "task_done");
    expect(done.filter((e) => e.score === 1).map((e) => `${e.phase}:${e.taskId}`).sort()).toEqual([
      ...makeTasks(5).map((t) => `baseline:${t.id}`),
      ...makeTasks(10).map((t) => `candidate:${t.id}`),
    ].sort());
    expect(done).toHaveLength(20);
    expect(done.every((e) => e.total === 10)).toBe(true);
    expect(done.filter((e) => e.phase === "baseline").map((e) => e.done).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("reports a roll-back with the patience so far, and the early stop", async () => {
    const { events } = await run({ accuracy: [0.5, 0], maxSteps: 5, patience: 1 });
    expect(withoutTasks(events).slice(-4)).toEqual([
      { type: "loss", step: 1, trainLoss: 1, bestLoss: 0.5 },
      { type: "rolled_back", step: 1, trainLoss: 1, bestLoss: 0.5, patience: 1 },
      { type: "early_stop", step: 1, patience: 1 },
      { type: "run_end", bestTrainLoss: 0.5, steps: 1, reason: "early_stop" },
    ]);
  });

  it("reports the epochs at max_epochs, and validation losses with the best train loss", async () => {
    const { events, state } = await run({ accuracy: [0.5, 1], validationAccuracy: [0.5, 0.5], validationSize: 10, maxSteps: 5, maxEpochs: 1 });
    expect(withoutTasks(events).filter((e) => ["loss", "max_epochs", "run_end", "evaluation_start"].includes(e.type))).toEqual([
      { type: "evaluation_start", step: 0, phase: "baseline", total: 10 },
      { type: "evaluation_start", step: 0, phase: "validation", total: 10 },
      { type: "loss", step: 0, trainLoss: 0.5, bestLoss: 0.5, validationLoss: 0.5 },
      { type: "evaluation_start", step: 1, phase: "candidate", total: 10 },
      { type: "loss", step: 1, trainLoss: 0, bestLoss: 0.5 },
      { type: "evaluation_start", step: 1, phase: "validation", total: 10 },
      { type: "loss", step: 1, trainLoss: 0, bestLoss: 0, validationLoss: 0.5 },
      { type: "max_epochs", step: 1, epochs: 1 },
      { type: "run_end", bestTrainLoss: 0, bestValidationLoss: 0.5, steps: 1, reason: "max_epochs" },
    ]);
    expect(state.validationBest.step).toBe(1);
  });

  it("reports the budget reached with the cost when the models have prices", async () => {
    const { events, state } = await run({
      accuracy: [0.5, 0.6],
      maxSteps: 5,
      modelNames: { agent: "m" },
      budget: { maxCostUsd: 0.00005, prices: { m: { inputPerMTok: 1, outputPerMTok: 1 } } },
    });
    // Ten tasks of 10 tokens: $0.0001 ≥ $0.00005 after the baseline.
    expect(state.stopReason).toBe("budget");
    expect(events.find((e) => e.type === "budget_reached")).toEqual({ type: "budget_reached", step: 0, usage: state.usage, costUsd: 0.0001 });
    expect(events.at(-1)).toEqual({ type: "run_end", bestTrainLoss: 0.5, steps: 0, reason: "budget" });
  });

  it("reports a budget without prices without a cost", async () => {
    const { events } = await run({ accuracy: [0.5], trainSize: 2, budget: { maxTokens: 5 } });
    expect(events.find((e) => e.type === "budget_reached")).not.toHaveProperty("costUsd");
  });
});

describe("training graph: the run directory", () => {
  it("saves the baseline and accepted sets as steps, a rolled-back one as a candidate, each with its step and loss", async () => {
    const runDir = scratch();
    await run({ accuracy: [0.5, 1, 0], maxSteps: 2, patience: 5, runDir });
    const dir = new RunDirectory(runDir);
    expect(readdirSync(dir.toolsets).sort()).toEqual(["candidate-2.json", "step-0.json", "step-1.json"]);
    const meta = async (path: string) => (await Toolset.load(path)).toJSON().metadata;
    expect(await meta(dir.stepToolset(0))).toMatchObject({ step: 0, trainLoss: 0.5 });
    expect(await meta(dir.stepToolset(1))).toMatchObject({ step: 1, trainLoss: 0 });
    expect(await meta(dir.candidateToolset(2))).toMatchObject({ step: 2, trainLoss: 1 });
    expect(names((await Toolset.load(dir.candidateToolset(2))).toJSON())).toEqual(["f1", "f2"]);
    const best = await Toolset.load(dir.best);
    expect(names(best.toJSON())).toEqual(["f1"]);
    expect(best.toJSON().metadata).toMatchObject({ runId: "t", step: 1, trainLoss: 0, stopReason: "max_steps", dataset: { trainSize: 10 } });
  });

  it("keeps the initial set's own metadata beside the step's", async () => {
    const runDir = scratch();
    const initial = Toolset.empty().withMetadata({ author: "me" }).toJSON();
    const graph = createTrainingGraph({ train: makeTasks(2), evaluateTask: scriptedEvaluator([0.5]).evaluateTask, optimizeStep: scriptedOptimizer().optimizeStep, maxSteps: 0, runDir, checkpointer: new MemorySaver() });
    await graph.invoke({ best: initial }, { configurable: { thread_id: "m" } });
    expect((await Toolset.load(new RunDirectory(runDir).stepToolset(0))).toJSON().metadata).toMatchObject({ author: "me", step: 0 });
  });
});

describe("training graph: an optimizer written as a LangGraph subgraph", () => {
  const Step = Annotation.Root({
    step: Annotation<number>(),
    best: Annotation<any>(),
    records: Annotation<any[]>(),
    candidate: Annotation<any>(),
    actions: Annotation<any[]>(),
    rejected: Annotation<any[]>(),
    stopReason: Annotation<string>(),
  });

  it("forwards its own events and takes its last state as the step's output", async () => {
    const seen: number[] = [];
    const optimizer = new StateGraph(Step)
      .addNode("propose", (s: typeof Step.State, config: LangGraphRunnableConfig) => {
        seen.push(s.records.length);
        config.writer?.({ type: "action_applied", step: s.step, action: "add_function", name: "g", actionsUsed: 1 });
        const candidate = Toolset.fromJSON(s.best).add({ name: "g", description: "g", parameters: { type: "object", properties: {} }, code: "function g() { return 1; }", packages: [] }).toJSON();
        return { candidate, actions: [{ action: "add_function", name: "g" }], rejected: [], stopReason: "terminate" };
      })
      .addEdge(START, "propose")
      .addEdge("propose", END)
      .compile();
    const evaluateTask: EvaluateTaskFn = async ({ task, toolset }) => record(task, toolset.functions.length > 0 ? 1 : 0);
    const graph = createTrainingGraph({ train: makeTasks(3), evaluateTask, optimizeStep: optimizer, maxSteps: 1, checkpointer: new MemorySaver() });
    const events: TrainingEvent[] = [];
    for await (const [, chunk] of await graph.stream({}, { configurable: { thread_id: "s" }, streamMode: ["custom"] })) events.push(chunk as TrainingEvent);
    // A subgraph that does not read records from its config gets them in its input.
    expect(seen).toEqual([3]);
    // Its events as it wrote them; nothing made up from its output.
    expect(events.filter((e) => e.type.startsWith("action_") || e.type === "optimizer_done")).toEqual([{ type: "action_applied", step: 1, action: "add_function", name: "g", actionsUsed: 1 }]);
    const state = (await graph.getState({ configurable: { thread_id: "s" } })).values;
    expect(state.history[1]).toMatchObject({ step: 1, accepted: true, actions: [{ action: "add_function", name: "g" }], optimizerStopReason: "terminate" });
  });

  it("fails with E_TRAIN_OPTIMIZER when the subgraph streams no state", async () => {
    const silent = {
      lg_is_pregel: true,
      async *stream() {
        yield ["custom", { type: "optimizer_done", step: 1, reason: "terminate" }];
      },
      invoke: async () => {
        throw new Error("not called");
      },
    };
    const graph = createTrainingGraph({ train: makeTasks(1), evaluateTask: scriptedEvaluator([0]).evaluateTask, optimizeStep: silent as never, maxSteps: 1, checkpointer: new MemorySaver() });
    const error = await graph.invoke({}, { configurable: { thread_id: "x" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingError);
    expect(error).toMatchObject({ code: "E_TRAIN_OPTIMIZER", context: { step: 1 } });
    expect((error as Error).message).toBe("optimize_step: the optimizer subgraph returned no output at step 1");
  });

  it("a plain runnable is described by its output; a candidate that changed nothing is rolled back unevaluated", async () => {
    const unchanged = { invoke: async (input: { best: unknown }): Promise<OptimizeStepOutput> => ({ candidate: input.best as never, actions: [], rejected: [], stopReason: "terminate" }) };
    const { events } = await (async () => {
      const graph = createTrainingGraph({ train: makeTasks(1), evaluateTask: scriptedEvaluator([0]).evaluateTask, optimizeStep: unchanged as never, maxSteps: 1, checkpointer: new MemorySaver() });
      const out: TrainingEvent[] = [];
      for await (const [, chunk] of await graph.stream({}, { configurable: { thread_id: "u" }, streamMode: ["custom"] })) out.push(chunk as TrainingEvent);
      return { events: out };
    })();
    expect(withoutTasks(events).slice(3, 8)).toEqual([
      { type: "step_start", step: 1, bestLoss: 1 },
      { type: "optimizer_done", step: 1, reason: "terminate" },
      { type: "loss", step: 1, trainLoss: 1, bestLoss: 1 },
      { type: "rolled_back", step: 1, trainLoss: 1, bestLoss: 1, patience: 1 },
      { type: "max_steps", step: 1 },
    ]);
  });
});

describe("training graph: a checkpoint written before the record store", () => {
  it("shows the optimizer the best set's records from the state, and its scores once a better set is accepted", async () => {
    const optimizer = scriptedOptimizer();
    const evaluateTask: EvaluateTaskFn = async ({ task, toolset }) => record(task, toolset.functions.length > 0 ? 1 : 0);
    const nodes = createTrainingNodes({ train: makeTasks(2), evaluateTask, optimizeStep: optimizer.optimizeStep, maxSteps: 2, patience: 5 });
    const graph = addTrainingNodes(new StateGraph(TrainingState), nodes).compile({ checkpointer: new MemorySaver(), interruptBefore: ["optimize_step"] as never });
    const config = { configurable: { thread_id: "legacy" } };
    await graph.invoke({}, config);
    // What such a checkpoint held: the best set's records in the state, no reference to the store.
    const legacy = makeTasks(2).map((t, i) => ({ ...record(t, i === 0 ? 1 : 0), finalAnswer: `legacy ${i}` }));
    await graph.updateState(config, { bestEvaluation: null, bestRecords: legacy });
    await graph.invoke(null, config);
    expect(optimizer.inputs[0]!.records.map((r) => r.finalAnswer)).toEqual(["legacy 0", "legacy 1"]);
    const afterAccept = (await graph.getState(config)).values;
    expect(afterAccept.bestRecords).toEqual([]);
    expect(afterAccept.previousScores).toEqual({ t0: 1, t1: 0 });
    await graph.invoke(null, config);
    expect(optimizer.inputs[1]!.previousScores).toEqual({ t0: 1, t1: 0 });
    expect((await graph.getState(config)).values.stopReason).toBe("max_steps");
  });
});

describe("training graph: the execution records of its evaluations", () => {
  it("files records under the thread id, or under an empty one for a graph run without checkpointer", async () => {
    const records = new MemoryRecordStore();
    const graph = createTrainingGraph({ train: makeTasks(2), evaluateTask: scriptedEvaluator([0.5]).evaluateTask, optimizeStep: scriptedOptimizer().optimizeStep, maxSteps: 0, records });
    await graph.invoke({});
    const baseline = await records.get({ thread: "", phase: "baseline", step: 0, toolset: Toolset.empty().hash });
    expect([...baseline.keys()].sort()).toEqual([0, 1]);
  });

  it("shows the optimizer the previous best set's scores by task once a better set was accepted", async () => {
    const { optimizer } = await run({ accuracy: [0.3, 0.5, 0.6], maxSteps: 2, patience: 5 });
    expect(optimizer.inputs[0]!).not.toHaveProperty("previousScores");
    const previous = optimizer.inputs[1]!.previousScores!;
    expect(Object.keys(previous)).toHaveLength(10);
    expect(Object.entries(previous).filter(([, score]) => score === 1).map(([id]) => id).sort()).toEqual(["t0", "t1", "t2"]);
  });

  it("fails with E_TRAIN_RESULTS naming the task when its record store lost a record", async () => {
    const forgetful = new MemoryRecordStore();
    const put = forgetful.put.bind(forgetful);
    forgetful.put = async (ref, index, rec) => (rec.taskId === "t1" ? undefined : put(ref, index, rec));
    const graph = createTrainingGraph({ train: makeTasks(2), evaluateTask: scriptedEvaluator([0.5]).evaluateTask, optimizeStep: scriptedOptimizer().optimizeStep, maxSteps: 0, records: forgetful, checkpointer: new MemorySaver() });
    const error = await graph.invoke({}, { configurable: { thread_id: "lost" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingError);
    expect(error).toMatchObject({ code: "E_TRAIN_RESULTS", context: { taskId: "t1" } });
    expect((error as Error).message).toBe("no record of task t1 (index 1) for the baseline evaluation of step 0");
  });
});
