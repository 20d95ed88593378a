import { getEventListeners } from "node:events";
import { RunnableLambda } from "@langchain/core/runnables";
import { describe, expect, it } from "vitest";
import type { AgentRunnable } from "../../src/agents/types.js";
import { EvaluationAbortedError, evaluate, runTask, type Scorer, type Task } from "../../src/evaluation/index.js";
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
    const progress: number[] = [];
    await evaluate({ agent, tasks, scorer: exact, concurrency: 3, onProgress: ({ done, total }) => progress.push(done / total) });
    expect(peak).toBe(3);
    expect(progress).toHaveLength(12);
    expect(progress.at(-1)).toBe(1);
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
