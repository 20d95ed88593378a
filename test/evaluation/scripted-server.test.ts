import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToolCallingAgent } from "../../src/agents/index.js";
import { loadDataset, type Dataset } from "../../src/datasets/index.js";
import { EvaluationAbortedError, evaluate, renderTranscript } from "../../src/evaluation/index.js";
import { createModel } from "../../src/models/index.js";
import { scriptedModelSpec, startScriptedServer } from "../../src/testing/index.js";
import type { ScriptedServer } from "../../src/testing/types.js";

// The server answers HTTP 500 for the second task's question and the gold
// answer for the others, so one unreachable-model task must not stop the run.
describe("evaluate with a failing model server", () => {
  let server: ScriptedServer;
  let data: Dataset;
  beforeAll(async () => {
    data = await loadDataset("gsm8k:test", { limit: 4 });
    const failing = data.tasks[1]!.question;
    const gold = new Map(data.tasks.map((t) => [t.question, t.answer]));
    server = await startScriptedServer({
      respond: (req) => {
        const question = String(req.messages.find((m) => m.role === "user")?.content);
        if (question === failing) return { status: 500, content: "scripted internal error" };
        return { content: `Thought: I know it.\nFINAL ANSWER: ${gold.get(question)}` };
      },
    });
  });
  afterAll(async () => server?.close());

  it("records model_error for the failing task and scores the others", async () => {
    const model = createModel(scriptedModelSpec(server), { maxRetries: 0 });
    const agent = createToolCallingAgent({ model, tools: [] });
    const result = await evaluate({ agent, tasks: data.tasks, scorer: data.scorer, concurrency: 2 });

    expect(result.records.map((r) => r.taskId)).toEqual(data.tasks.map((t) => t.id));
    const failed = result.records[1]!;
    expect(failed.error?.kind).toBe("model_error");
    expect(failed.error?.message).toMatch(/500|internal/i);
    expect(failed.score).toBe(0);
    expect(failed.finalAnswer).toBeNull();
    for (const i of [0, 2, 3]) {
      expect(result.records[i]!.score).toBe(1);
      expect(result.records[i]!.usage.totalTokens).toBeGreaterThan(0);
    }
    expect(result.loss).toBeCloseTo(0.25, 12);
    // One request per task: retries really were off.
    expect(server.requests).toHaveLength(4);
    expect(renderTranscript(failed)).toContain("Run error (model_error)");
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
