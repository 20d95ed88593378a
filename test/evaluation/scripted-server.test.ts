import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToolCallingAgent } from "../../src/agents/index.js";
import { loadDataset, type Dataset } from "../../src/datasets/index.js";
import { EvaluationAbortedError, InfrastructureFailureError, evaluate, renderTranscript } from "../../src/evaluation/index.js";
import { createModel } from "../../src/models/index.js";
import { scriptedModelSpec, startScriptedServer } from "../../src/testing/index.js";
import type { ScriptedServer } from "../../src/testing/types.js";

// The server answers HTTP 500 for the second task's question (the first
// `failCount` times) and the gold answer for the others: an unreachable model
// is an infrastructure failure, never a score of 0.
describe("evaluate with a failing model server", () => {
  let server: ScriptedServer;
  let data: Dataset;
  let failCount = Infinity;
  beforeAll(async () => {
    data = await loadDataset("gsm8k:test", { limit: 4 });
    const failing = data.tasks[1]!.question;
    const gold = new Map(data.tasks.map((t) => [t.question, t.answer]));
    server = await startScriptedServer({
      respond: (req) => {
        const question = String(req.messages.find((m) => m.role === "user")?.content);
        if (question === failing && failCount-- > 0) return { status: 500, content: "scripted internal error" };
        return { content: `Thought: I know it.\nFINAL ANSWER: ${gold.get(question)}` };
      },
    });
  });
  afterAll(async () => server?.close());
  const agentFor = () => createToolCallingAgent({ model: createModel(scriptedModelSpec(server), { maxRetries: 0 }), tools: [] });

  it("stops with an InfrastructureFailureError naming the task, the model, the URL and the cause", async () => {
    failCount = Infinity;
    server.requests.length = 0;
    const error = await evaluate({ agent: agentFor(), tasks: data.tasks, scorer: data.scorer, concurrency: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InfrastructureFailureError);
    expect((error as InfrastructureFailureError).code).toBe("E_INFRASTRUCTURE");
    expect((error as Error).message).toContain(`task ${data.tasks[1]!.id}`);
    expect((error as Error).message).toContain('model "scripted"');
    expect((error as Error).message).toContain(server.baseURL);
    expect((error as Error).message).toContain("HTTP 500");
    expect((error as InfrastructureFailureError).context).toMatchObject({ taskId: data.tasks[1]!.id, attempts: 2 });
    // Task 0, then task 1 twice (one task-level retry); task 2 never started.
    expect(server.requests).toHaveLength(3);
  });

  it("with infrastructureFailures: \"exclude\", leaves the task out of the scores instead of scoring it 0", async () => {
    failCount = Infinity;
    const result = await evaluate({ agent: agentFor(), tasks: data.tasks, scorer: data.scorer, concurrency: 2, infrastructureFailures: "exclude" });
    expect(result.records.map((r) => r.taskId)).toEqual(data.tasks.map((t) => t.id));
    const failed = result.records[1]!;
    expect(failed.error?.kind).toBe("model_error");
    expect(failed.error?.message).toMatch(/500|internal/i);
    expect(failed.finalAnswer).toBeNull();
    for (const i of [0, 2, 3]) {
      expect(result.records[i]!.score).toBe(1);
      expect(result.records[i]!.usage.totalTokens).toBeGreaterThan(0);
    }
    expect(result.excluded).toEqual([data.tasks[1]!.id]);
    expect(result.loss).toBe(0);
    expect(renderTranscript(failed)).toContain("Run error (model_error)");
  });

  it("with \"exclude\", still fails when no task at all could be run (nothing scored is not an accuracy of 0)", async () => {
    const down = createToolCallingAgent({ model: createModel({ baseURL: server.baseURL.replace(/\/v1$/, "/nowhere/v1"), model: "scripted" }, { maxRetries: 0 }), tools: [] });
    const error = await evaluate({ agent: down, tasks: data.tasks, scorer: data.scorer, infrastructureFailures: "exclude" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InfrastructureFailureError);
    expect((error as Error).message).toContain("no task could be run");
  });

  it("re-runs a task whose model failed once, and scores the clean run", async () => {
    failCount = 1;
    const result = await evaluate({ agent: agentFor(), tasks: data.tasks, scorer: data.scorer, concurrency: 2 });
    expect(result.records.every((r) => r.error === undefined && r.score === 1)).toBe(true);
    expect(result.excluded).toEqual([]);
    expect(result.loss).toBe(0);
  });
});

describe("evaluate against a slow scripted server", () => {
  let server: ScriptedServer;
  let data: Dataset;
  // Deterministic pseudo-random delays (LCG), so completion order differs from task order.
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  let delay: () => number = () => 0;
  beforeAll(async () => {
    data = await loadDataset("gsm8k:test", { limit: 10 });
    const gold = new Map(data.tasks.map((t) => [t.question, t.answer]));
    server = await startScriptedServer({
      respond: (req) => {
        const question = String(req.messages.find((m) => m.role === "user")?.content);
        return { delayMs: delay(), content: `FINAL ANSWER: ${gold.get(question)}` };
      },
    });
  });
  afterAll(async () => server?.close());

  it("returns records in task order with random model latencies", async () => {
    delay = () => Math.floor(rand() * 80);
    const agent = createToolCallingAgent({ model: createModel(scriptedModelSpec(server), { maxRetries: 0 }), tools: [] });
    const order: number[] = [];
    const result = await evaluate({ agent, tasks: data.tasks, scorer: data.scorer, concurrency: 5, onRecord: (_r, i) => void order.push(i) });
    expect(result.records.map((r) => r.taskId)).toEqual(data.tasks.map((t) => t.id));
    expect(order).not.toEqual(data.tasks.map((_t, i) => i));
    expect(result.accuracy).toBe(1);
    expect(result.records.every((r) => r.latencyMs > 0)).toBe(true);
  });

  it("stops promptly on abort while model calls are in flight", async () => {
    delay = () => 600_000; // replies that would outlast the test: only the abort can end it
    const agent = createToolCallingAgent({ model: createModel(scriptedModelSpec(server), { maxRetries: 0 }), tools: [] });
    const ac = new AbortController();
    const progress: number[] = [];
    setTimeout(() => ac.abort(), 150);
    const started = performance.now();
    const err = await evaluate({
      agent,
      tasks: data.tasks,
      scorer: data.scorer,
      concurrency: 3,
      signal: ac.signal,
      onProgress: ({ done }) => progress.push(done),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EvaluationAbortedError);
    expect(performance.now() - started).toBeLessThan(60_000);
    expect(progress).toEqual([]);
    // In-flight calls settle harmlessly: nothing is reported after the abort.
    await new Promise((r) => setTimeout(r, 300));
    expect(progress).toEqual([]);
  });
});
