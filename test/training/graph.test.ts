import { MemorySaver } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { createTrainingGraph, type TrainingEvent } from "../../src/training/index.js";
import { makeTasks, names, outcomes, runScripted as run, scriptedEvaluator, scriptedOptimizer } from "./helpers.js";

describe("training graph: accept / roll-back / early stop", () => {
  it("follows a scripted loss sequence exactly", async () => {
    // Train losses: baseline 0.5; candidates 0.4, 0.4 (tie), 0.6, 0.2, 0.3, 0.3, 0.3.
    const { state, events, optimizer } = await run({ accuracy: [0.5, 0.6, 0.6, 0.4, 0.8, 0.7, 0.7, 0.7], patience: 3, maxSteps: 10 });
    expect(outcomes(events)).toEqual([
      "accepted@1", "rolled_back@2", "rolled_back@3", "accepted@4",
      "rolled_back@5", "rolled_back@6", "rolled_back@7", "early_stop@7",
    ]);
    expect(state.stopReason).toBe("early_stop");
    expect(names(state.best)).toEqual(["f1", "f4"]);
    expect(state.bestLoss).toBeCloseTo(0.2);
    expect(state.history.map((s: any) => s.accepted)).toEqual([true, true, false, false, true, false, false, false]);
    // Every step starts from the best set so far.
    expect(optimizer.inputs.map((i) => names(i.best))).toEqual([[], ["f1"], ["f1"], ["f1"], ["f1", "f4"], ["f1", "f4"], ["f1", "f4"]]);
    // Failures accumulate after roll-backs and are cleared by an improvement.
    expect(optimizer.inputs.map((i) => i.failures.map((f) => names(f.toolset).join("+")))).toEqual([
      [], [], ["f1+f2"], ["f1+f2", "f1+f3"], [], ["f1+f4+f5"], ["f1+f4+f5", "f1+f4+f6"],
    ]);
    expect(optimizer.inputs[3]!.failures.map((f) => f.score)).toEqual([0.6, 0.4]);
    expect(optimizer.inputs[4]!.bestScore).toBeCloseTo(0.8);
  });

  it("stops after maxSteps optimization steps even while improving", async () => {
    const { state, events, optimizer } = await run({ accuracy: [0, 0.1, 0.2, 0.3, 0.4, 0.5], maxSteps: 3 });
    expect(optimizer.inputs).toHaveLength(3);
    expect(outcomes(events)).toEqual(["accepted@1", "accepted@2", "accepted@3", "max_steps@3"]);
    expect(state.stopReason).toBe("max_steps");
    expect(names(state.best)).toEqual(["f1", "f2", "f3"]);
  });

  it("maxSteps 0 only evaluates the initial toolset", async () => {
    const { state, optimizer, evaluator } = await run({ accuracy: [0.3], maxSteps: 0 });
    expect(optimizer.inputs).toHaveLength(0);
    expect(evaluator.calls).toHaveLength(10);
    expect(state.history).toEqual([expect.objectContaining({ step: 0, accepted: true })]);
    expect(state.history[0].trainLoss).toBeCloseTo(0.7);
  });

  it("early-stops as soon as patience consecutive roll-backs happen", async () => {
    const { events, optimizer } = await run({ accuracy: [0.5, 0.5, 0.1], patience: 1 });
    expect(outcomes(events)).toEqual(["rolled_back@1", "early_stop@1"]);
    expect(optimizer.inputs).toHaveLength(1);
  });

  it("rolls back an unchanged candidate without evaluating it", async () => {
    const { state, evaluator } = await run({ accuracy: [0.5, 0.5, 0.9], unchanged: [1], maxSteps: 2 });
    expect(evaluator.calls.filter((c) => c.step === 1)).toHaveLength(0);
    expect(state.history[1]).toMatchObject({ step: 1, accepted: false, unchanged: true });
    expect(state.failures).toEqual([]); // the best set itself is never listed as a failure
    expect(names(state.best)).toEqual(["f2"]);
  });

  it("emits action, loss and decision events with reasons", async () => {
    const { events } = await run({ accuracy: [0.5, 0.6], maxSteps: 1 });
    const types = events.map((e) => e.type);
    expect(types[0]).toBe("run_start");
    expect(types.at(-1)).toBe("run_end");
    expect(events.filter((e) => e.type === "task_done")).toHaveLength(20);
    expect(events).toContainEqual({ type: "action_applied", step: 1, action: "add_function", name: "f1", actionsUsed: 1 });
    expect(events).toContainEqual({ type: "action_rejected", step: 1, action: "revise_function", name: "ghost", reason: 'no function named "ghost"' });
    const loss = events.find((e) => e.type === "loss");
    expect(loss).toMatchObject({ step: 1 });
    expect((loss as any).trainLoss).toBeCloseTo(0.4);
  });

  it("keeps the state JSON-safe", async () => {
    const { state } = await run({ accuracy: [0.5, 0.6, 0.4], maxSteps: 2 });
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});

describe("training graph: validation, minibatch, budget", () => {
  it("returns the best toolset on validation, not the last accepted one", async () => {
    const evaluator = scriptedEvaluator([0.5, 0.6, 0.7, 0.8], [0.5, 0.7, 0.6, 0.6]);
    const optimizer = scriptedOptimizer();
    const graph = createTrainingGraph({
      train: makeTasks(10),
      validation: makeTasks(10, "v"),
      evaluateTask: evaluator.evaluateTask,
      optimizeStep: optimizer.optimizeStep,
      maxSteps: 3,
      checkpointer: new MemorySaver(),
    });
    const state = await graph.invoke({}, { configurable: { thread_id: "v" } });
    expect(names(state.best)).toEqual(["f1", "f2", "f3"]);
    expect(names(state.validationBest!.toolset)).toEqual(["f1"]);
    expect(state.validationBest!.loss).toBeCloseTo(0.3);
    expect(state.history.map((s) => s.validationLoss?.toFixed(1))).toEqual(["0.5", "0.3", "0.4", "0.4"]);
    // Validation never drives acceptance: only accepted sets (and the initial one) are scored on it.
    expect(evaluator.calls.filter((c) => c.phase === "validation")).toHaveLength(40);
  });

  it("shows the optimizer a seeded minibatch but judges candidates on the full training set", async () => {
    const first = await run({ accuracy: [0.5, 0.6, 0.7], maxSteps: 2, batchSize: 4, seed: 7, trainSize: 10 });
    const again = await run({ accuracy: [0.5, 0.6, 0.7], maxSteps: 2, batchSize: 4, seed: 7, trainSize: 10 });
    const batches = first.optimizer.inputs.map((i) => i.records.map((r) => r.taskId));
    expect(batches.every((b) => b.length === 4)).toBe(true);
    expect(again.optimizer.inputs.map((i) => i.records.map((r) => r.taskId))).toEqual(batches);
    expect(first.evaluator.calls.filter((c) => c.step === 1)).toHaveLength(10);
    expect(first.evaluator.calls.filter((c) => c.step === 2)).toHaveLength(10);
  });

  it("ends with reason budget and keeps the best toolset", async () => {
    // 10 tokens per task: baseline 100, step 1 → 200, step 2 → 300 ≥ 250.
    const { state, events, optimizer } = await run({ accuracy: [0.5, 0.6, 0.4, 0.9], maxSteps: 10, budget: { maxTokens: 250 } });
    expect(optimizer.inputs).toHaveLength(2);
    expect(state.stopReason).toBe("budget");
    expect(names(state.best)).toEqual(["f1"]);
    expect(events.some((e) => e.type === "budget_reached")).toBe(true);
    expect(state.usage.agent.totalTokens).toBe(300);
  });
});

describe("training graph: resume", () => {
  it("does not re-run finished task evaluations after a failure mid-evaluation", async () => {
    const evaluator = scriptedEvaluator([0.5, 0.6]);
    let crash = true;
    const graph = createTrainingGraph({
      train: makeTasks(6),
      evaluateTask: async (args) => {
        if (args.phase === "candidate" && args.task.id === "t3" && crash) {
          crash = false;
          // Let the siblings finish first (however long that takes), then fail this branch.
          while (evaluator.calls.filter((c) => c.phase === "candidate").length < 5) await new Promise((r) => setTimeout(r, 5));
          throw new Error("simulated crash");
        }
        return evaluator.evaluateTask(args);
      },
      optimizeStep: scriptedOptimizer().optimizeStep,
      maxSteps: 1,
      checkpointer: new MemorySaver(),
    });
    const config = { configurable: { thread_id: "r" } };
    await expect(graph.invoke({}, config)).rejects.toThrow("simulated crash");
    const before = evaluator.calls.filter((c) => c.phase === "candidate").map((c) => c.taskId).sort();
    expect(before).toEqual(["t0", "t1", "t2", "t4", "t5"]);
    const state = await graph.invoke(null, config);
    const after = evaluator.calls.filter((c) => c.phase === "candidate").map((c) => c.taskId).sort();
    expect(after).toEqual(["t0", "t1", "t2", "t3", "t4", "t5"]);
    expect(state.stopReason).toBe("max_steps");
  });
});

describe("training graph: composition", () => {
  it("runs as a node of a larger LangGraph app, with its events on the parent's custom stream", async () => {
    const { Annotation, StateGraph, START, END } = await import("@langchain/langgraph");
    const evaluator = scriptedEvaluator([0.5, 0.7]);
    const training = createTrainingGraph({
      train: makeTasks(10),
      evaluateTask: evaluator.evaluateTask,
      optimizeStep: scriptedOptimizer().optimizeStep,
      maxSteps: 1,
    });
    const Parent = Annotation.Root({ best: Annotation<any>(), bestLoss: Annotation<number | null>(), summary: Annotation<string>() });
    const app = new StateGraph(Parent)
      .addNode("train", async (_state, config) => {
        const out = await training.invoke({}, config);
        return { best: out.best, bestLoss: out.bestLoss };
      })
      .addNode("report", (s) => ({ summary: `${names(s.best).join(",")} @ ${s.bestLoss!.toFixed(1)}` }))
      .addEdge(START, "train")
      .addEdge("train", "report")
      .addEdge("report", END)
      .compile({ checkpointer: new MemorySaver() });
    const events: TrainingEvent[] = [];
    let final: any;
    for await (const [ns, mode, chunk] of await app.stream({}, { configurable: { thread_id: "p" }, streamMode: ["custom", "values"], subgraphs: true })) {
      if (mode === "custom") events.push(chunk as TrainingEvent);
      else if (ns.length === 0) final = chunk;
    }
    expect(final.summary).toBe("f1 @ 0.3");
    expect(events.filter((e) => e.type === "accepted")).toHaveLength(1);
  });

  it("keeps its own recursion limit as a subgraph node, so a 10-step run does not hit the parent's default of 25", async () => {
    const { Annotation, StateGraph, START, END } = await import("@langchain/langgraph");
    const { TrainingState } = await import("../../src/training/index.js");
    // Every candidate is rolled back: 10 full steps, ~45 supersteps.
    const training = () =>
      createTrainingGraph({
        train: makeTasks(4),
        evaluateTask: scriptedEvaluator([0.5]).evaluateTask,
        optimizeStep: scriptedOptimizer().optimizeStep,
        maxSteps: 10,
        patience: 10,
        checkpointer: true,
      });
    const asNode = new StateGraph(Annotation.Root({ ...TrainingState.spec }))
      .addNode("train", training())
      .addEdge(START, "train")
      .addEdge("train", END)
      .compile({ checkpointer: new MemorySaver() });
    const direct = await asNode.invoke({}, { configurable: { thread_id: "node" } });
    expect([direct.stopReason, direct.step]).toEqual(["early_stop", 10]);

    const inner = training().withConfig({ runName: "inner" });
    const viaInvoke = new StateGraph(Annotation.Root({ ...TrainingState.spec }))
      .addNode("train", (_s, config) => inner.invoke({}, config))
      .addEdge(START, "train")
      .addEdge("train", END)
      .compile({ checkpointer: new MemorySaver() });
    const nested = await viaInvoke.invoke({}, { configurable: { thread_id: "invoke" } });
    expect([nested.stopReason, nested.step]).toEqual(["early_stop", 10]);
  });
});
