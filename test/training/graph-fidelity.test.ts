import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AIMessage } from "@langchain/core/messages";
import { RunnableLambda } from "@langchain/core/runnables";
import { fakeModel } from "@langchain/core/testing";
import { Annotation, END, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import { afterAll, describe, expect, it } from "vitest";
import { Toolset } from "../../src/functions/index.js";
import type { OptimizeStepInput, OptimizeStepOutput } from "../../src/optimizer/types.js";
import { createTrainingGraph, RunDirectory, sampleBatch, TrainingState, type EvaluateTaskFn } from "../../src/training/index.js";
import { makeTasks, names, outcomes, record, runScripted as run, scriptedEvaluator, scriptedOptimizer } from "./helpers.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("training graph: which set wins", () => {
  it("a validation tie with the best validation loss goes to the later set", async () => {
    const { state } = await run({ accuracy: [0.5, 0.6, 0.7], validationAccuracy: [0.5, 0.5, 0.4], validationSize: 10, maxSteps: 2 });
    expect(state.history.map((s: { validationLoss?: number }) => s.validationLoss?.toFixed(1))).toEqual(["0.5", "0.5", "0.6"]);
    expect(state.validationBest.step).toBe(1);
    expect(names(state.validationBest.toolset)).toEqual(["f1"]);
  });

  it("saves and returns the validation-best set, not the best on train", async () => {
    const runDir = mkdtempSync(join(tmpdir(), "toolforge-graph-"));
    dirs.push(runDir);
    const { state } = await run({ accuracy: [0.5, 0.6, 0.7, 0.8], validationAccuracy: [0.5, 0.7, 0.6, 0.6], validationSize: 10, maxSteps: 3, runDir });
    expect(names(state.best)).toEqual(["f1", "f2", "f3"]);
    const saved = await Toolset.load(new RunDirectory(runDir).best);
    expect(saved.functions.map((f) => f.name)).toEqual(["f1"]);
    expect(saved.hash).toBe(Toolset.fromJSON(state.validationBest.toolset).hash);
  });

  it("counts an unchanged candidate towards patience: two no-op steps early-stop with patience 2", async () => {
    const { state, events, evaluator } = await run({ accuracy: [0.5, 0.9, 0.9], unchanged: [1, 2], patience: 2, maxSteps: 30 });
    expect(outcomes(events)).toEqual(["rolled_back@1", "rolled_back@2", "early_stop@2"]);
    expect(events.filter((e) => e.type === "rolled_back").map((e) => (e as { patience: number }).patience)).toEqual([1, 2]);
    expect(state.stopReason).toBe("early_stop");
    expect(evaluator.calls.filter((c) => c.phase === "candidate")).toHaveLength(0);
  });
});

describe("training graph: minibatches and budget", () => {
  it("shows a different minibatch at each step, picked by (seed, step)", async () => {
    const { optimizer } = await run({ accuracy: [0.5, 0.6, 0.7, 0.8], maxSteps: 3, batchSize: 4, seed: 7, trainSize: 10 });
    const batches = optimizer.inputs.map((i) => i.records.map((r) => Number(r.taskId.slice(1))));
    expect(batches).toEqual([1, 2, 3].map((step) => sampleBatch(10, 4, 7, step)));
    expect(new Set(batches.map((b) => b.join(","))).size).toBe(3);
    // The same steps with another seed show other records.
    const other = await run({ accuracy: [0.5, 0.6, 0.7, 0.8], maxSteps: 3, batchSize: 4, seed: 8, trainSize: 10 });
    expect(other.optimizer.inputs.map((i) => i.records.map((r) => Number(r.taskId.slice(1))))).not.toEqual(batches);
  });

  it("checks the budget right after the optimizer: its tokens alone stop the run before the candidate is evaluated", async () => {
    // The agent spends nothing; the optimizer's model reports 300 tokens per step.
    const evaluateTask: EvaluateTaskFn = async ({ task }) => record(task, 0, 0);
    const model = fakeModel().respond(new AIMessage({ content: "ok", usage_metadata: { input_tokens: 200, output_tokens: 100, total_tokens: 300 } }));
    const scripted = scriptedOptimizer();
    let evaluatedCandidates = 0;
    const optimizeStep = RunnableLambda.from(async (input: OptimizeStepInput, config): Promise<OptimizeStepOutput> => {
      await model.invoke("propose", config);
      return (await scripted.optimizeStep.invoke(input)) as OptimizeStepOutput;
    });
    const graph = createTrainingGraph({
      train: makeTasks(4),
      evaluateTask: async (args) => {
        if (args.phase === "candidate") evaluatedCandidates++;
        return evaluateTask(args);
      },
      optimizeStep,
      budget: { maxTokens: 250 },
      checkpointer: new MemorySaver(),
    });
    const state = await graph.invoke({}, { configurable: { thread_id: "b" } });
    expect(state.stopReason).toBe("budget");
    expect(state.usage.optimizer.totalTokens).toBe(300);
    expect(state.usage.agent.totalTokens).toBe(0);
    expect(evaluatedCandidates).toBe(0);
    expect(state.step).toBe(1);
  });
});

describe("training graph: recursion limit", () => {
  it("a long run with validation (15 accepted steps) runs as a subgraph node without hitting a recursion limit", async () => {
    // 20 tasks: accuracy k/20 solves one more task at each step, so every step is accepted.
    const accuracy = Array.from({ length: 16 }, (_, k) => k / 20);
    const training = createTrainingGraph({
      train: makeTasks(20).map((t) => ({ ...t, meta: { total: 20 } })),
      validation: makeTasks(2, "v"),
      evaluateTask: scriptedEvaluator(accuracy, accuracy).evaluateTask,
      optimizeStep: scriptedOptimizer().optimizeStep,
      maxSteps: 15,
      maxEpochs: 15,
      checkpointer: true,
    });
    const app = new StateGraph(Annotation.Root({ ...TrainingState.spec }))
      .addNode("train", training)
      .addEdge(START, "train")
      .addEdge("train", END)
      .compile({ checkpointer: new MemorySaver() });
    const state = await app.invoke({}, { configurable: { thread_id: "long" } });
    expect([state.stopReason, state.step, state.epoch]).toEqual(["max_epochs", 15, 15]);
    expect(state.history.filter((s) => s.validationLoss !== undefined)).toHaveLength(16);
  });
});

describe("training graph: Table 6 metrics", () => {
  it("counts only successful calls of learned functions, and records each function's complexity per evaluated step", async () => {
    const { successfulLearnedCalls, MemoryRecordStore } = await import("../../src/training/index.js");
    const records = new MemoryRecordStore();
    const toolset = scriptedOptimizer();
    const evaluateTask: EvaluateTaskFn = async ({ task, toolset: set }) => ({
      ...record(task, names(set).length > 0 ? 1 : 0),
      functionCalls: names(set).length === 0 ? [] : [
        { id: "1", name: "f1", args: {}, result: "1" },
        { id: "2", name: "f1", args: {}, error: { kind: "thrown", message: "bad" } },
        { id: "3", name: "execute_javascript", args: {}, result: "2" },
      ],
    });
    const graph = createTrainingGraph({ train: makeTasks(3), evaluateTask, optimizeStep: toolset.optimizeStep, maxSteps: 1, checkpointer: new MemorySaver(), records });
    const events: any[] = [];
    const stream = await graph.stream({}, { configurable: { thread_id: "m" }, streamMode: ["custom"] });
    for await (const [, e] of stream as AsyncIterable<[string, any]>) events.push(e);
    const state = (await graph.getState({ configurable: { thread_id: "m" } })).values;
    expect(state.history.map((s: any) => [s.step, s.successfulCalls, s.complexity])).toEqual([
      [0, 0, []],
      [1, 3, [{ name: "f1", complexity: 1 }]],
    ]);
    expect(events.find((e) => e.type === "evaluation_end" && e.step === 1)).toMatchObject({ successfulCalls: 3, complexity: [{ name: "f1", complexity: 1 }] });
    // The best set's records live in the record store, referenced from the state.
    expect(state.bestRecords).toEqual([]);
    expect(successfulLearnedCalls([...(await records.get(state.bestEvaluation)).values()], state.best)).toBe(3);
  });
});
