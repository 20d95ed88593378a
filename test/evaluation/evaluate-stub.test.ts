import { getEventListeners } from "node:events";
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import { Runnable, RunnableLambda, type RunnableConfig } from "@langchain/core/runnables";
import { describe, expect, it } from "vitest";
import type { AgentRunnable } from "../../src/agents/types.js";
import {
  EvaluationAbortedError,
  InfrastructureFailureError,
  evaluate,
  runTask,
  summarise,
  wilsonInterval,
  type ExecutionRecord,
  type Scorer,
  type Task,
} from "../../src/evaluation/index.js";
import { sampleConversation, sleep, stubAgent } from "./stub-agents.js";

const tasks: Task[] = Array.from({ length: 12 }, (_, i) => ({ id: `t${i}`, question: `${i}`, answer: String(i * 2) }));
const exact = (p: string, t: Task) => (p === t.answer ? 1 : 0);

describe("scorers that read the trajectory", () => {
  it("receive the execution record with the messages and function calls", async () => {
    const agent = RunnableLambda.from(async () => ({ messages: sampleConversation() })) as unknown as AgentRunnable;
    const seen: string[][] = [];
    // Right answer, but only full credit when no function call failed on the way.
    const careful: Scorer = (prediction, task, record) => {
      seen.push(record!.functionCalls.map((c) => `${c.name}:${c.error?.kind ?? "ok"}`));
      return prediction === task.answer ? (record!.functionCalls.some((c) => c.error) ? 0.5 : 1) : 0;
    };
    const record = await runTask({ agent, task: { id: "m", question: "What is 6 * 7?", answer: "42" }, scorer: careful });
    expect(seen).toEqual([["multiply:ok", "broken:thrown"]]);
    expect(record.score).toBe(0.5);
  });
});

describe("evaluate with stub agents", () => {
  it("returns records in task order whatever the completion order", async () => {
    const delays = [50, 5, 30, 1, 45, 10, 2, 40, 20, 8, 35, 3];
    const finished: number[] = [];
    const result = await evaluate({
      agent: stubAgent((q) => String(Number(q) * 2), (q) => delays[Number(q)]!),
      tasks,
      scorer: exact,
      concurrency: 4,
      onRecord: (_r, i) => void finished.push(i),
    });
    expect(result.records.map((r) => r.taskId)).toEqual(tasks.map((t) => t.id));
    expect(finished).not.toEqual([...finished].sort((a, b) => a - b));
    expect(result.accuracy).toBe(1);
    expect(result.loss).toBe(0);
    expect(result.usage.totalTokens).toBe(12 * 15);
  });

  it("never runs more than `concurrency` tasks at once and reports progress", async () => {
    let inFlight = 0;
    let peak = 0;
    const agent = RunnableLambda.from(async (input: { messages: never[] }) => {
      peak = Math.max(peak, ++inFlight);
      await sleep(5);
      inFlight--;
      return { messages: input.messages };
    }) as unknown as AgentRunnable;
    for (const concurrency of [1, 3]) {
      peak = 0;
      const progress: number[] = [];
      await evaluate({ agent, tasks, scorer: exact, concurrency, onProgress: ({ done, total }) => progress.push(done / total) });
      expect(peak).toBe(concurrency);
      expect(progress).toHaveLength(12);
      expect(progress.at(-1)).toBe(1);
    }
  });

  it("keeps going when one task's agent throws; loss and interval reflect it", async () => {
    const agent = stubAgent((q) => {
      if (q === "3") throw new Error("kaboom in task 3");
      return q === "5" ? "wrong" : String(Number(q) * 2);
    });
    const result = await evaluate({ agent, tasks, scorer: exact, concurrency: 2 });
    expect(result.records[3]!.error).toEqual({ kind: "agent_error", message: "kaboom in task 3" });
    expect(result.records[3]!.score).toBe(0);
    expect(result.records[5]!.score).toBe(0);
    expect(result.records[5]!.error).toBeUndefined();
    expect(result.loss).toBeCloseTo(2 / 12, 12);
    expect(result.interval.low).toBeLessThan(10 / 12);
    expect(result.interval.high).toBeGreaterThan(10 / 12);
  });

  it("rejects promptly with an AbortError when aborted, without waiting for in-flight tasks", async () => {
    const ac = new AbortController();
    // Never finishes and ignores the signal: had evaluate waited for in-flight tasks, it would never settle.
    const stuck = RunnableLambda.from(async (input: { messages: never[] }) => {
      await new Promise(() => {});
      return { messages: input.messages };
    }) as unknown as AgentRunnable;
    setTimeout(() => ac.abort(), 50);
    const err = await evaluate({ agent: stuck, tasks, scorer: exact, concurrency: 4, signal: ac.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EvaluationAbortedError);
    expect((err as Error).name).toBe("AbortError");
  });

  it("leaves no abort listeners on a long-lived signal, however many tasks ran on it", async () => {
    const controller = new AbortController();
    const agent = stubAgent((q) => String(Number(q) * 2), () => 1);
    for (const task of tasks) await runTask({ agent, task, scorer: exact, signal: controller.signal });
    await evaluate({ agent, tasks, scorer: exact, concurrency: 4, signal: controller.signal });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("rejects a missing scorer up front instead of scoring every task 0", async () => {
    const agent = stubAgent((q) => q);
    await expect(evaluate({ agent, tasks, scorer: undefined as never })).rejects.toMatchObject({
      name: "EvaluationConfigError",
      code: "E_EVAL_CONFIG",
      context: { option: "scorer" },
    });
  });

  it("does not start when the signal is already aborted", async () => {
    let calls = 0;
    const agent = stubAgent(() => String(++calls));
    await expect(evaluate({ agent, tasks, scorer: exact, signal: AbortSignal.abort() })).rejects.toBeInstanceOf(EvaluationAbortedError);
    // Generic abort checks (name "AbortError") and toolforge's codes both recognise it; it says how far it got.
    await expect(evaluate({ agent, tasks, scorer: exact, signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: "AbortError",
      code: "E_ABORTED",
      message: `evaluation aborted after 0 of ${tasks.length} tasks`,
      context: { done: 0, total: tasks.length },
    });
    expect(calls).toBe(0);
  });

  it("records scorer failures and bad scorer results instead of failing", async () => {
    const record = await runTask({
      agent: stubAgent(() => "4"),
      task: tasks[2]!,
      scorer: () => {
        throw new Error("scorer exploded");
      },
    });
    expect(record).toMatchObject({ score: 0, finalAnswer: "4", error: { kind: "scorer_error", message: "scorer exploded" } });
    const nan = await runTask({ agent: stubAgent(() => "4"), task: tasks[2]!, scorer: () => Number.NaN });
    expect(nan.error?.kind).toBe("scorer_error");
    const fb = await runTask({ agent: stubAgent(() => "4"), task: tasks[2]!, scorer: () => ({ score: 1, feedback: "ok" }) });
    expect(fb).toMatchObject({ score: 1, feedback: "ok" });
  });
});

describe("evaluate options", () => {
  it("names a bad task list or concurrency before running anything", async () => {
    const agent = stubAgent((q) => q);
    const refused = (options: Partial<Parameters<typeof evaluate>[0]>) => evaluate({ agent, tasks, scorer: exact, ...options }).catch((e: unknown) => e);
    expect(await refused({ tasks: [] })).toMatchObject({
      name: "EvaluationConfigError",
      code: "E_EVAL_CONFIG",
      message: "evaluate: tasks must be a non-empty array of tasks",
      context: { option: "tasks" },
    });
    expect(await refused({ tasks: "t0" as never })).toMatchObject({ context: { option: "tasks" } });
    expect(await refused({ scorer: "exact" as never })).toMatchObject({ message: "evaluate: scorer must be a function (prediction, task) => score, got string" });
    for (const concurrency of [0, -1, 1.5]) {
      expect(await refused({ concurrency })).toMatchObject({ code: "E_EVAL_CONFIG", message: `evaluate: concurrency must be a positive integer, got ${concurrency}`, context: { option: "concurrency" } });
    }
  });

  it("takes a plain object with invoke (LangChain's createAgent) as a built agent", async () => {
    const agent = { invoke: async (input: { messages: BaseMessage[] }) => ({ messages: [...input.messages, new AIMessage(`FINAL ANSWER: ${Number(input.messages[0]!.content) * 2}`)] }) };
    const result = await evaluate({ agent, tasks, scorer: exact });
    expect(result.accuracy).toBe(1);
  });

  it("takes a Runnable as a built agent even when it has a `kind` field", async () => {
    const agent = Object.assign(stubAgent((q) => String(Number(q) * 2)), { kind: "doubler" });
    expect((await evaluate({ agent, tasks, scorer: exact })).accuracy).toBe(1);
  });

  it("waits for each onRecord, and fails when one fails (a record that could not be stored)", async () => {
    const stored: number[] = [];
    const result = await evaluate({
      agent: stubAgent((q) => String(Number(q) * 2)),
      tasks,
      scorer: exact,
      concurrency: 4,
      onRecord: async (_r, i) => {
        await sleep(5);
        stored.push(i);
      },
    });
    expect(stored.sort((a, b) => a - b)).toEqual(tasks.map((_t, i) => i));
    expect(result.records).toHaveLength(12);
    const failing = evaluate({
      agent: stubAgent((q) => String(Number(q) * 2)),
      tasks,
      scorer: exact,
      onRecord: async (_r, i) => {
        if (i === 1) throw new Error("disk full");
      },
    });
    await expect(failing).rejects.toThrow("disk full");
  });

  it("says how many tasks were done when aborted, passes the reason to the task in flight, and reports nothing that finishes afterwards", async () => {
    const controller = new AbortController();
    const reasons: unknown[] = [];
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    // Task 2 aborts the evaluation, then outlives the abort (it ignores it).
    const agent = {
      invoke: async (input: { messages: BaseMessage[] }, config?: { signal?: AbortSignal }) => {
        const q = Number(input.messages[0]!.content);
        if (q === 2) {
          config?.signal?.addEventListener("abort", () => reasons.push(config.signal!.reason));
          controller.abort("user stop");
          await released;
        }
        return { messages: [...input.messages, new AIMessage(`FINAL ANSWER: ${q * 2}`)] };
      },
    };
    const seen: number[] = [];
    const error = await evaluate({ agent, tasks, scorer: exact, concurrency: 1, signal: controller.signal, onRecord: (_r, i) => void seen.push(i) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EvaluationAbortedError);
    expect(error).toMatchObject({ message: "evaluation aborted after 2 of 12 tasks", context: { done: 2, total: 12 }, cause: "user stop" });
    expect(reasons).toEqual(["user stop"]);
    release();
    await sleep(50);
    expect(seen).toEqual([0, 1]);
  });
});

/**
 * A hand-written agent that ignores its signal (no LangChain wrapper races
 * it): task 0 answers at once, every other task runs until `release()`.
 */
class StubbornAgent extends Runnable<{ messages: BaseMessage[] }, { messages: BaseMessage[] }> {
  lc_namespace = ["test"];
  readonly signals: AbortSignal[] = [];
  release = () => {};
  private readonly released = new Promise<void>((resolve) => (this.release = resolve));

  async invoke(input: { messages: BaseMessage[] }, config?: RunnableConfig) {
    const q = Number(input.messages[0]!.content);
    if (q > 0) {
      this.signals.push(config!.signal!);
      await this.released;
    }
    return { messages: [...input.messages, new AIMessage(`FINAL ANSWER: ${q * 2}`)] };
  }
}

describe("evaluate stopped while tasks are in flight", () => {
  it("a failed onRecord aborts the tasks in flight, starts no other and reports nothing they finish afterwards", async () => {
    const agent = new StubbornAgent();
    const stored: number[] = [];
    const onRecord = (_r: ExecutionRecord, i: number) => {
      stored.push(i);
      if (i === 0) throw new Error("disk full");
    };
    await expect(evaluate({ agent, tasks, scorer: exact, concurrency: 3, onRecord })).rejects.toThrow("disk full");
    // Tasks 1 and 2 were in flight: their model calls are told to stop.
    expect(agent.signals.map((s) => s.aborted)).toEqual([true, true]);
    agent.release();
    await sleep(20);
    expect(stored).toEqual([0]);
    expect(agent.signals).toHaveLength(2);
  });

  it("an abort reports nothing that the tasks in flight finish afterwards", async () => {
    const agent = new StubbornAgent();
    const controller = new AbortController();
    const stored: number[] = [];
    const onRecord = (_r: ExecutionRecord, i: number) => {
      stored.push(i);
      if (i === 0) controller.abort("user stop");
    };
    const error = await evaluate({ agent, tasks, scorer: exact, concurrency: 3, signal: controller.signal, onRecord }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "AbortError", message: "evaluation aborted after 1 of 12 tasks" });
    expect(agent.signals.map((s) => s.reason)).toEqual(["user stop", "user stop"]);
    agent.release();
    await sleep(20);
    expect(stored).toEqual([0]);
  });
});

describe("evaluate with model failures", () => {
  const modelDown = () => Object.assign(new Error("HTTP 503 from the provider"), { status: 503 });
  // Task `failing` (by question) fails with a model error every time; the others answer right.
  const failingAt = (failing: (q: string) => boolean) => {
    const agent = stubAgent((q) => {
      if (failing(q)) throw modelDown();
      return String(Number(q) * 2);
    });
    return agent;
  };

  it("stops at a task whose model stays down, saying how far it got and how often it tried", async () => {
    const error = await evaluate({ agent: failingAt((q) => q === "3"), tasks, scorer: exact, concurrency: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InfrastructureFailureError);
    expect((error as Error).message).toMatch(/^The evaluation \(3 of 12 tasks done\) is incomplete: task t3 could not be run \(2 attempt\(s\)\): HTTP 503 from the provider/);
    const once = await evaluate({ agent: failingAt((q) => q === "0"), tasks, scorer: exact, taskRetries: 0 }).catch((e: unknown) => e);
    expect(once).toMatchObject({ context: { taskId: "t0", attempts: 1 } });
  });

  it("with \"exclude\", fails only when no task at all could be run, naming the attempts", async () => {
    const result = await evaluate({ agent: failingAt((q) => q === "3"), tasks, scorer: exact, infrastructureFailures: "exclude", taskRetries: 0 });
    expect(result.excluded).toEqual(["t3"]);
    expect(result.accuracy).toBe(1);
    const error = await evaluate({ agent: failingAt(() => true), tasks: tasks.slice(0, 3), scorer: exact, infrastructureFailures: "exclude", taskRetries: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InfrastructureFailureError);
    expect((error as Error).message).toMatch(/^The evaluation \(no task could be run\) is incomplete: task t0 could not be run \(3 attempt\(s\)\)/);
  });
});

describe("summarise", () => {
  const record = (taskId: string, score: number, tokens: number, error?: ExecutionRecord["error"]): ExecutionRecord => ({
    taskId,
    question: "q",
    gold: "1",
    messages: [],
    functionCalls: [],
    finalAnswer: error ? null : "1",
    score,
    usage: { inputTokens: tokens, outputTokens: 0, totalTokens: tokens },
    latencyMs: 1,
    ...(error ? { error } : {}),
  });

  it("scores only the tasks that ran, but counts every task's tokens", () => {
    const result = summarise([record("a", 1, 10), record("b", 0.5, 20), record("c", 0, 5, { kind: "model_error", message: "HTTP 503" })]);
    expect(result.accuracy).toBe(0.75);
    expect(result.loss).toBe(0.25);
    expect(result.interval).toEqual(wilsonInterval(1.5, 2));
    expect(result.excluded).toEqual(["c"]);
    expect(result.usage).toEqual({ inputTokens: 35, outputTokens: 0, totalTokens: 35, cachedTokens: 0 });
  });

  it("gives nothing scored an accuracy of 0 and a loss of 1", () => {
    expect(summarise([])).toMatchObject({ accuracy: 0, loss: 1, excluded: [], records: [] });
  });
});
