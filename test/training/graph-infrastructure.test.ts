import { MemorySaver } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { InfrastructureFailureError } from "../../src/evaluation/errors.js";
import type { ExecutionRecord } from "../../src/evaluation/types.js";
import { createTrainingGraph, MemoryRecordStore, type EvaluateTaskFn, type StepSummary, type TrainingEvent, type TrainingGraphOptions } from "../../src/training/index.js";
import { makeTasks, record, scriptedEvaluator, scriptedOptimizer } from "./helpers.js";

// What the graph does when the model provider fails (a task's record is a
// `model_error`) or the run is aborted, in process with scripted evaluators;
// test/training/infrastructure-failures.test.ts runs the same through
// trainAgent and a scripted HTTP provider.

const down = (record: ExecutionRecord): ExecutionRecord => ({ ...record, score: 0, error: { kind: "model_error", message: "provider down." } });

async function runGraph(options: Partial<TrainingGraphOptions> & Pick<TrainingGraphOptions, "evaluateTask">, thread = "t", input: object | null = {}) {
  const graph = createTrainingGraph({ train: makeTasks(6), optimizeStep: scriptedOptimizer().optimizeStep, maxSteps: 1, checkpointer: new MemorySaver(), ...options });
  const events: TrainingEvent[] = [];
  const config = { configurable: { thread_id: thread } };
  let error: unknown;
  try {
    for await (const [, chunk] of await graph.stream(input, { ...config, streamMode: ["custom"] })) events.push(chunk as TrainingEvent);
  } catch (e) {
    error = e;
  }
  return { graph, events, error, state: (await graph.getState(config)).values };
}

describe("training graph: a task the model provider could not run", () => {
  it("is retried taskRetries times, then stops the evaluation unscored, naming the task; a resume runs only that task", async () => {
    const evaluator = scriptedEvaluator([0.5, 1]); // 5 of 6 tasks solved at first, all with f1
    const attempts = new Map<string, number>();
    let providerDown = true;
    const evaluateTask: EvaluateTaskFn = async (args) => {
      if (args.phase === "baseline") attempts.set(args.task.id, (attempts.get(args.task.id) ?? 0) + 1);
      const rec = await evaluator.evaluateTask(args);
      return providerDown && args.task.id === "t2" ? down(rec) : rec;
    };
    const graph = createTrainingGraph({ train: makeTasks(6), evaluateTask, optimizeStep: scriptedOptimizer().optimizeStep, maxSteps: 1, taskRetries: 2, checkpointer: new MemorySaver() });
    const config = { configurable: { thread_id: "r" } };
    const events: TrainingEvent[] = [];
    const failing = async (input: object | null) => {
      for await (const [, chunk] of await graph.stream(input, { ...config, streamMode: ["custom"] })) events.push(chunk as TrainingEvent);
    };
    const error = await failing({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InfrastructureFailureError);
    expect((error as Error).message).toBe(
      "The baseline evaluation of step 0 is incomplete: task t2 could not be run (3 attempt(s)): provider down. It was not scored; nothing was counted as a failure of the task.",
    );
    expect(attempts.get("t2")).toBe(3);
    // Nothing was judged on a partial evaluation.
    expect(events.some((e) => e.type === "evaluation_end" || e.type === "loss")).toBe(false);
    expect(events.filter((e) => e.type === "task_done").map((e) => (e as { taskId: string }).taskId)).not.toContain("t2");

    providerDown = false;
    attempts.clear();
    const state = await graph.invoke(null, config);
    // Of the baseline only the task without a record runs again.
    expect([...attempts.entries()]).toEqual([["t2", 1]]);
    expect(state.stopReason).toBe("max_steps");
    expect(state.history.map((s) => s.trainLoss.toFixed(3))).toEqual(["0.167", "0.000"]);
  });

  it("a task that recovers on a retry counts with its retried score", async () => {
    const seen = new Map<string, number>();
    const evaluateTask: EvaluateTaskFn = async ({ task }) => {
      const n = (seen.get(task.id) ?? 0) + 1;
      seen.set(task.id, n);
      return task.id === "t0" && n === 1 ? down(record(task, 0)) : record(task, 1);
    };
    const { state, error, events } = await runGraph({ evaluateTask, maxSteps: 0 });
    expect(error).toBeUndefined();
    expect(seen.get("t0")).toBe(2);
    expect(state.bestLoss).toBe(0);
    expect(events.find((e) => e.type === "task_done" && e.taskId === "t0")).toMatchObject({ score: 1 });
  });

  it("task_done names a task's own (scored) error", async () => {
    const evaluateTask: EvaluateTaskFn = async ({ task }) => ({ ...record(task, 0), ...(task.id === "t1" ? { error: { kind: "step_limit", message: "too many steps" } } : {}) });
    const { events } = await runGraph({ evaluateTask, maxSteps: 0, train: makeTasks(2) });
    const done = events.filter((e) => e.type === "task_done");
    expect(done.find((e) => e.taskId === "t1")).toMatchObject({ error: "step_limit: too many steps", score: 0, phase: "baseline", step: 0, total: 2 });
    expect(done.find((e) => e.taskId === "t0")).not.toHaveProperty("error");
    expect(done.map((e) => e.done).sort()).toEqual([1, 2]);
    expect(done.map((e) => [e.taskId, e.index]).sort()).toEqual([["t0", 0], ["t1", 1]]);
  });
});

describe('training graph: infrastructureFailures: "exclude"', () => {
  it("leaves a failing task out of both sides of the comparison once others were scored", async () => {
    // The initial set solves t0, t1, t2 and t5; the candidate t0..t3, and t5's provider is down for it.
    // Scored as 0, t5 would tie the candidate with the best (2/6 each: rolled back); left out on both
    // sides the candidate wins, 1/5 against 2/5.
    const solvedBy = (size: number) => (size === 0 ? ["t0", "t1", "t2", "t5"] : ["t0", "t1", "t2", "t3"]);
    const scored: string[] = [];
    const evaluateTask: EvaluateTaskFn = async ({ task, toolset, phase }) => {
      const rec = record(task, solvedBy(toolset.functions.length).includes(task.id) ? 1 : 0);
      if (phase !== "candidate") return rec;
      if (task.id !== "t5") {
        scored.push(task.id);
        return rec;
      }
      // Fail only once every other candidate task was scored (the branches run in any order).
      while (scored.length < 5) await new Promise((r) => setTimeout(r, 5));
      return down(rec);
    };
    const { state, error, events } = await runGraph({ evaluateTask, infrastructureFailures: "exclude", taskRetries: 0 });
    expect(error).toBeUndefined();
    expect((state.history as StepSummary[]).map((s) => [s.step, s.accepted])).toEqual([[0, true], [1, true]]);
    expect(state.history[1]!.trainLoss).toBeCloseTo(1 / 5);
    const loss = events.find((e) => e.type === "loss" && e.step === 1) as { trainLoss: number; bestLoss: number };
    expect(loss.trainLoss).toBeCloseTo(1 / 5);
    expect(loss.bestLoss).toBeCloseTo(2 / 5);
    expect(events.find((e) => e.type === "accepted")).toMatchObject({ step: 1 });
    expect((events.find((e) => e.type === "accepted") as { previousLoss: number }).previousLoss).toBeCloseTo(2 / 5);
  });

  it("still fails when no task of the evaluation could be scored", async () => {
    const evaluateTask: EvaluateTaskFn = async ({ task }) => down(record(task, 0));
    const { error, events } = await runGraph({ evaluateTask, infrastructureFailures: "exclude", taskRetries: 0, train: makeTasks(1) });
    expect(error).toBeInstanceOf(InfrastructureFailureError);
    expect((error as Error).message).toContain("task t0 could not be run (1 attempt(s))");
    expect(events.some((e) => e.type === "evaluation_end")).toBe(false);
  });
});

describe("training graph: abort", () => {
  it("an abort during an evaluation stores no record of the task it cut short; the resumed run runs only that task", async () => {
    const controller = new AbortController();
    const started: string[] = [];
    let firstStored!: () => void;
    const stored = new Promise<void>((resolve) => (firstStored = resolve));
    const records = new MemoryRecordStore();
    const put = records.put.bind(records);
    records.put = async (...args) => {
      await put(...args);
      firstStored();
    };
    const evaluateTask: EvaluateTaskFn = async ({ task }) => {
      started.push(task.id);
      if (started.length === 2) {
        // Once the first task's record is stored, the user stops the run while this one runs.
        await stored;
        controller.abort(new Error("stopped by the user"));
      }
      return record(task, 1);
    };
    const graph = createTrainingGraph({ train: makeTasks(2), evaluateTask, optimizeStep: scriptedOptimizer().optimizeStep, maxSteps: 0, concurrency: 1, records, checkpointer: new MemorySaver() });
    const config = { configurable: { thread_id: "a" } };
    await expect(graph.invoke({}, { ...config, signal: controller.signal })).rejects.toThrow();
    const [first, cut] = started;
    expect((await graph.getState(config)).values.bestLoss).toBeNull();
    started.length = 0;
    const state = await graph.invoke(null, config);
    expect(started).toEqual([cut]);
    expect(started).not.toContain(first);
    expect(state.bestLoss).toBe(0);
  });
});
