import { RunnableLambda } from "@langchain/core/runnables";
import { MemorySaver } from "@langchain/langgraph";
import type { ExecutionRecord, Task } from "../../src/evaluation/types.js";
import { Toolset, type ToolsetFile } from "../../src/functions/index.js";
import type { OptimizeStepInput, OptimizeStepOutput } from "../../src/optimizer/types.js";
import { createTrainingGraph, type EvaluateTaskFn, type TrainingEvent, type TrainingGraphOptions } from "../../src/training/index.js";

export function makeTasks(n: number, prefix = "t"): Task[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, question: `q${i}`, answer: String(i) }));
}

export function record(task: Task, score: number, tokens = 10): ExecutionRecord {
  return {
    taskId: task.id,
    question: task.question,
    gold: task.answer,
    messages: [],
    functionCalls: [],
    finalAnswer: score ? task.answer : "wrong",
    score,
    usage: { inputTokens: tokens / 2, outputTokens: tokens / 2, totalTokens: tokens },
    latencyMs: 1,
  };
}

/** Function names of a toolset file. */
export function names(toolset: ToolsetFile): string[] {
  return toolset.functions.map((f) => f.name);
}

/**
 * A stand-in evaluator whose accuracy is scripted per toolset: the toolset
 * named by its newest function `f<k>` scores `accuracy[k]` (the empty one
 * `accuracy[0]`), i.e. the first round(accuracy·n) tasks are solved.
 */
export function scriptedEvaluator(accuracy: number[], validationAccuracy: number[] = []) {
  const calls: { phase: string; step: number; taskId: string; toolset: string[] }[] = [];
  const evaluateTask: EvaluateTaskFn = async ({ toolset, task, phase, step }) => {
    const fs = names(toolset);
    const k = fs.length === 0 ? 0 : Number(fs[fs.length - 1]!.slice(1));
    calls.push({ phase, step, taskId: task.id, toolset: fs });
    const index = Number(task.id.replace(/^\D+/, ""));
    const total = Number(task.meta?.total ?? 10);
    const acc = (phase === "validation" ? validationAccuracy : accuracy)[k] ?? 0;
    return record(task, index < Math.round(acc * total) ? 1 : 0);
  };
  return { evaluateTask, calls };
}

/** A stand-in optimizer: step k adds `f<k>` to the best toolset (or nothing, for steps in `unchanged`). */
export function scriptedOptimizer(unchanged: number[] = []) {
  const inputs: OptimizeStepInput[] = [];
  const optimizeStep = RunnableLambda.from(async (input: OptimizeStepInput): Promise<OptimizeStepOutput> => {
    inputs.push(structuredClone(input));
    if (unchanged.includes(input.step)) return { candidate: input.best, actions: [], rejected: [], stopReason: "terminate" };
    const name = `f${input.step}`;
    const candidate = Toolset.fromJSON(input.best)
      .add({ name, description: `step ${input.step}`, parameters: { type: "object", properties: {} }, code: `function ${name}() { return ${input.step}; }`, packages: [] })
      .toJSON();
    return {
      candidate,
      actions: [{ action: "add_function", name, toolCallId: `c${input.step}`, turn: 1, hashAfter: Toolset.fromJSON(candidate).hash }],
      rejected: [{ action: "revise_function", name: "ghost", toolCallId: `r${input.step}`, turn: 1, code: "missing", reason: 'no function named "ghost"' }],
      stopReason: "max_actions",
    };
  });
  return { optimizeStep, inputs };
}

/** Runs the training graph with the scripted evaluator and optimizer; returns the final state and the events. */
export async function runScripted(options: Omit<TrainingGraphOptions, "evaluateTask" | "optimizeStep" | "train"> & {
  accuracy: number[];
  validationAccuracy?: number[];
  unchanged?: number[];
  trainSize?: number;
  validationSize?: number;
}) {
  const evaluator = scriptedEvaluator(options.accuracy, options.validationAccuracy);
  const optimizer = scriptedOptimizer(options.unchanged);
  const graph = createTrainingGraph({
    ...options,
    train: makeTasks(options.trainSize ?? 10),
    ...(options.validationSize ? { validation: makeTasks(options.validationSize, "v") } : {}),
    evaluateTask: evaluator.evaluateTask,
    optimizeStep: optimizer.optimizeStep,
    checkpointer: new MemorySaver(),
  });
  const events: TrainingEvent[] = [];
  let state: any;
  const stream = await graph.stream({}, { configurable: { thread_id: "t" }, streamMode: ["custom", "values"] });
  for await (const [mode, chunk] of stream) {
    if (mode === "custom") events.push(chunk as TrainingEvent);
    else state = chunk;
  }
  return { state, events, evaluator, optimizer };
}

/** Decisions and stop events, as `type@step`. */
export const outcomes = (events: TrainingEvent[]) =>
  events
    .filter((e) => e.type === "accepted" || e.type === "rolled_back" || e.type === "early_stop" || e.type === "max_steps" || e.type === "max_epochs")
    .map((e) => `${e.type}@${e.step}`);

