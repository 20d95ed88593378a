import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import { RunnableLambda, type RunnableConfig } from "@langchain/core/runnables";
import { describe, expect, it } from "vitest";
import { ModelCallError } from "../../src/agents/errors.js";
import type { AgentRunnable } from "../../src/agents/types.js";
import { ToolforgeError } from "../../src/errors.js";
import { classifyRunError, EvaluationAbortedError, runTask, type Scorer, type Task } from "../../src/evaluation/index.js";
import { sleep, stubAgent } from "./stub-agents.js";

const task: Task = { id: "t1", question: "2+2?", answer: "4" };
const exact: Scorer = (p, t) => (p === t.answer ? 1 : 0);
/** An agent returning `output(input, config)` as its whole output. */
const agentOf = (output: (input: { messages: BaseMessage[] }, config?: RunnableConfig) => unknown) =>
  RunnableLambda.from(async (input: { messages: BaseMessage[] }, config) => output(input, config)) as unknown as AgentRunnable;
const answering = (text: string, extra: Record<string, unknown> = {}) =>
  agentOf((input) => ({ messages: [...input.messages, new AIMessage(`FINAL ANSWER: ${text}`)], ...extra }));
/** A scorer that counts its calls. */
function counting(score: number) {
  const scorer = Object.assign(() => (scorer.calls++, score), { calls: 0 });
  return scorer;
}

describe("runTask records", () => {
  it("records a successful run with exactly the task, the conversation, the answer, the score and the usage", async () => {
    const record = await runTask({ agent: stubAgent(() => "4"), task, scorer: exact });
    expect(record).toStrictEqual({
      taskId: "t1",
      question: "2+2?",
      gold: "4",
      messages: [expect.objectContaining({ type: "human" }), expect.objectContaining({ type: "ai" })],
      functionCalls: [],
      finalAnswer: "4",
      score: 1,
      usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15, cachedTokens: 0 },
      latencyMs: expect.any(Number),
    });
  });

  it("measures the run's wall time", async () => {
    const before = performance.now();
    const record = await runTask({ agent: stubAgent(() => "4", () => 30), task, scorer: exact });
    const elapsed = performance.now() - before;
    expect(record.latencyMs).toBeGreaterThanOrEqual(20);
    expect(record.latencyMs).toBeLessThanOrEqual(elapsed);
  });

  it("passes a task's attachments to the agent's tools, and none for a task without", async () => {
    const seen: unknown[] = [];
    const agent = agentOf((input, config) => {
      seen.push(config?.configurable?.toolforge_attachments);
      return { messages: input.messages };
    });
    const attachments = { dir: "/data/gaia", names: ["sheet.xlsx"] };
    await runTask({ agent, task: { ...task, attachments }, scorer: exact });
    await runTask({ agent, task, scorer: exact });
    expect(seen).toEqual([attachments, undefined]);
  });
});

describe("runTask failures", () => {
  it("records an agent whose output is not a list of messages as an agent error, with the question kept", async () => {
    for (const output of [undefined, {}, { messages: "FINAL ANSWER: 4" }, { messages: ["FINAL ANSWER: 4"] }, { messages: [new AIMessage("FINAL ANSWER: 4"), "FINAL ANSWER: 4"] }]) {
      const scorer = counting(1);
      const record = await runTask({ agent: agentOf(() => output), task, scorer });
      expect(record.error).toEqual({ kind: "agent_error", message: "the agent's output has no `messages` array of LangChain messages" });
      expect(record).toMatchObject({ finalAnswer: null, score: 0 });
      expect(record.messages).toEqual([expect.objectContaining({ type: "human", data: expect.objectContaining({ content: "2+2?" }) })]);
      expect(scorer.calls).toBe(0);
    }
  });

  it("records an error the agent reports in its output (a step limit) and does not score its answer", async () => {
    const scorer = counting(1);
    const record = await runTask({ agent: answering("4", { error: { kind: "step_limit", message: "stopped after 10 steps" } }), task, scorer });
    expect(record).toMatchObject({ finalAnswer: null, score: 0, error: { kind: "step_limit", message: "stopped after 10 steps" } });
    expect(scorer.calls).toBe(0);
    const bare = await runTask({ agent: answering("4", { error: { kind: "step_limit" } }), task, scorer });
    expect(bare.error).toEqual({ kind: "step_limit", message: "step_limit" });
  });

  it("ignores an output error field that is empty or has no kind", async () => {
    for (const error of [null, { kind: 5, message: "not a kind" }, "oops"]) {
      const record = await runTask({ agent: answering("4", { error }), task, scorer: exact });
      expect(record).toMatchObject({ finalAnswer: "4", score: 1 });
      expect(record).not.toHaveProperty("error");
    }
  });

  it("does not call the scorer when the agent throws", async () => {
    const scorer = counting(1);
    const record = await runTask({ agent: agentOf(() => Promise.reject(new Error("kaboom"))), task, scorer });
    expect(record).toMatchObject({ finalAnswer: null, score: 0, error: { kind: "agent_error", message: "kaboom" } });
    expect(scorer.calls).toBe(0);
  });

  it("keeps an error message up to 1000 characters whole and cuts a longer one with a count", async () => {
    const fail = (message: string) => runTask({ agent: agentOf(() => Promise.reject(new Error(message))), task, scorer: exact });
    expect((await fail("x".repeat(1000))).error?.message).toBe("x".repeat(1000));
    expect((await fail("y".repeat(1500))).error?.message).toBe(`${"y".repeat(1000)}…[truncated 500 chars]`);
  });
});

describe("runTask scoring", () => {
  it("clamps scores to [0, 1], awaits async scorers and keeps feedback", async () => {
    const scored = async (scorer: Scorer) => runTask({ agent: stubAgent(() => "4"), task, scorer });
    expect((await scored(() => 1.5)).score).toBe(1);
    expect((await scored(() => -0.5)).score).toBe(0);
    expect((await scored(async () => ({ score: 0.25, feedback: "partly" }))).score).toBe(0.25);
    const withFeedback = await scored(() => ({ score: 0, feedback: "expected 5" }));
    expect(withFeedback).toMatchObject({ score: 0, feedback: "expected 5" });
    expect(withFeedback).not.toHaveProperty("error");
    expect(await scored(() => ({ score: 1 }))).not.toHaveProperty("feedback");
  });

  it("records a scorer result that is not a finite score as a scorer error, naming what it returned", async () => {
    const scored = async (raw: unknown) => runTask({ agent: stubAgent(() => "4"), task, scorer: () => raw as number });
    for (const [raw, shown] of [
      [Infinity, "null"],
      [null, "null"],
      [{ score: "1" }, '{"score":"1"}'],
      [{ feedback: "no score" }, '{"feedback":"no score"}'],
    ] as const) {
      const record = await scored(raw);
      expect(record).toMatchObject({ score: 0, finalAnswer: "4" });
      expect(record.error).toEqual({ kind: "scorer_error", message: `scorer returned ${shown}; expected a number in [0, 1] or { score, feedback? }` });
    }
  });
});

describe("runTask aborts", () => {
  it("rejects without running the agent when the signal is already aborted, with the reason as cause", async () => {
    let runs = 0;
    const error = await runTask({ agent: agentOf(() => (runs++, {})), task, scorer: exact, signal: AbortSignal.abort("user stop") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EvaluationAbortedError);
    expect(error).toMatchObject({ message: "evaluation aborted while running task t1", context: { taskId: "t1" }, cause: "user stop" });
    expect(runs).toBe(0);
  });

  it("hands the agent a signal that aborts with the caller's, and rejects when the agent stops because of it", async () => {
    const controller = new AbortController();
    const reasons: unknown[] = [];
    const agent = agentOf(async (input, config) => {
      controller.abort("user stop");
      reasons.push(config?.signal?.reason);
      if (config?.signal?.aborted) throw new Error("stopped by the signal");
      await sleep(1);
      return { messages: [...input.messages, new AIMessage("FINAL ANSWER: 4")] };
    });
    const error = await runTask({ agent, task, scorer: exact, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EvaluationAbortedError);
    expect(error).toMatchObject({ context: { taskId: "t1" } });
    expect(reasons).toEqual(["user stop"]);
  });
});

describe("classifyRunError", () => {
  it("tells model failures, step limits and agent errors apart", () => {
    const named = (name: string, message = "failed") => Object.assign(new Error(message), { name });
    expect(classifyRunError(new ModelCallError("E_MODEL_CALL", "model call failed at step 1: ECONNREFUSED", { step: 1 }))).toEqual({
      kind: "model_error",
      message: "model call failed at step 1: ECONNREFUSED",
    });
    expect(classifyRunError(new ToolforgeError("E_SANDBOX_DEAD", "sandbox gone")).kind).toBe("agent_error");
    expect(classifyRunError(named("GraphRecursionError", "Recursion limit of 25 reached"))).toEqual({ kind: "step_limit", message: "Recursion limit of 25 reached" });
    expect(classifyRunError(Object.assign(new Error("HTTP 503"), { status: 503 })).kind).toBe("model_error");
    for (const name of ["APIError", "ConnectionRefusedError", "RateLimitError", "TimeoutError", "ModelRequestError", "apiconnectionerror"]) {
      expect(classifyRunError(named(name)).kind, name).toBe("model_error");
    }
    expect(classifyRunError(new TypeError("x is undefined"))).toEqual({ kind: "agent_error", message: "x is undefined" });
    expect(classifyRunError(null)).toEqual({ kind: "agent_error", message: "null" });
    expect(classifyRunError("boom")).toEqual({ kind: "agent_error", message: "boom" });
  });
});
