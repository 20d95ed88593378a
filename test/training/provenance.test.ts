import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScriptedServer } from "../../src/testing/index.js";
import type { ScriptedServer } from "../../src/testing/types.js";
import { RunDirectory, trainAgent, trainingProvenance, type StepSummary } from "../../src/training/index.js";
import { respond, TASKS } from "./fixtures/scripted-run.js";

const step = (n: number, accepted: boolean, trainLoss: number, validationLoss?: number): StepSummary => ({
  step: n,
  trainLoss,
  ...(validationLoss !== undefined && { validationLoss }),
  accepted,
  actions: [],
  rejected: [],
  toolsetHash: `h${n}`,
});

describe("trainingProvenance", () => {
  const run = { runId: "r1", stopReason: "early_stop" as const, trainSize: 10, validationSize: 0, now: new Date("2026-01-02T03:04:05.000Z") };

  it("names the last accepted step and its loss when there is no validation", () => {
    const history = [step(0, true, 0.8), step(1, true, 0.5), step(2, false, 0.6)];
    expect(trainingProvenance({ history, validationBest: null, bestLoss: 0.5 }, { ...run, context: { models: { agent: "a", optimizer: "o" }, dataset: { train: "gsm8k:train" } } })).toEqual({
      source: "toolforge.train",
      runId: "r1",
      step: 1,
      trainLoss: 0.5,
      stopReason: "early_stop",
      models: { agent: "a", optimizer: "o" },
      dataset: { train: "gsm8k:train", trainSize: 10 },
      createdAt: "2026-01-02T03:04:05.000Z",
    });
  });

  it("names the last of several accepted steps", () => {
    const history = [step(0, true, 0.9), step(1, true, 0.7), step(2, true, 0.4), step(3, false, 0.6)];
    expect(trainingProvenance({ history, validationBest: null, bestLoss: 0.4 }, run)).toMatchObject({ step: 2, trainLoss: 0.4 });
  });

  it("names the validation-best step, which may be earlier than the best on train", () => {
    const history = [step(0, true, 0.8, 0.7), step(1, true, 0.5, 0.4), step(2, true, 0.3, 0.6)];
    const meta = trainingProvenance({ history, validationBest: { step: 1, loss: 0.4, toolset: { format: "toolforge.toolset", version: 1, functions: [] } }, bestLoss: 0.3 }, { ...run, validationSize: 4 });
    expect(meta).toMatchObject({ step: 1, trainLoss: 0.5, validationLoss: 0.4, dataset: { train: "tasks", trainSize: 10, validation: "tasks", validationSize: 4 } });
  });
});

describe("trainingProvenance without a full history", () => {
  const run = { runId: "r2", stopReason: "aborted" as const, trainSize: 3, validationSize: 0 };

  it("falls back to step 0, then the best loss, then a loss of 1, and dates the set now", () => {
    const before = Date.now();
    const meta = trainingProvenance({ history: [], validationBest: null, bestLoss: 0.4 }, run);
    expect(meta).toMatchObject({ step: 0, trainLoss: 0.4, models: {}, dataset: { train: "tasks", trainSize: 3 } });
    expect(meta).not.toHaveProperty("validationLoss");
    expect(meta.dataset).not.toHaveProperty("validation");
    expect(Date.parse(meta.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(meta.createdAt)).toBeLessThanOrEqual(Date.now() + 1000);
    expect(trainingProvenance({ history: [], validationBest: null, bestLoss: null }, run).trainLoss).toBe(1);
  });

  it("takes the validation loss from the step's summary, and the validation set's name from the context", () => {
    const history = [step(0, true, 0.9, 0.8), step(1, false, 0.7, 0.6)];
    const meta = trainingProvenance({ history, validationBest: null, bestLoss: 0.9 }, { ...run, validationSize: 2, context: { dataset: { validation: "gsm8k:validation" } } });
    expect(meta).toMatchObject({ step: 0, trainLoss: 0.9, validationLoss: 0.8, dataset: { train: "tasks", validation: "gsm8k:validation", validationSize: 2 } });
  });
});

describe("best.toolset.json carries its provenance", () => {
  let server: ScriptedServer;
  let dir: string;
  beforeAll(async () => {
    server = await startScriptedServer({ respond });
    dir = mkdtempSync(join(tmpdir(), "toolforge-provenance-"));
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("run id, step, loss, models (no keys), dataset and date, the same in the file and the result", async () => {
    const runDir = join(dir, "run");
    const dataset = { name: "fixture:twice", tasks: TASKS, scorer: (prediction: string, task: { answer: string }) => (prediction.trim() === task.answer ? 1 : 0) };
    const result = await trainAgent({
      agent: { kind: "tool-calling", model: { baseURL: server.baseURL, model: "agent", apiKey: "sk-secret-agent", maxRetries: 0 }, codeInterpreter: false },
      optimizer: { model: { baseURL: server.baseURL, model: "optimizer", apiKey: "sk-secret-optimizer", maxRetries: 0 }, maxActions: 1 },
      train: dataset,
      maxSteps: 2,
      runDir,
    });
    const text = readFileSync(join(runDir, "best.toolset.json"), "utf8");
    const file = JSON.parse(text) as { metadata: Record<string, unknown> };
    expect(file.metadata).toMatchObject({
      source: "toolforge.train",
      runId: new RunDirectory(runDir).readInfo()!.threadId,
      step: 1,
      trainLoss: 0,
      stopReason: "max_steps",
      models: { agent: "agent", optimizer: "optimizer" },
      dataset: { train: "fixture:twice", trainSize: TASKS.length },
    });
    expect(Date.parse(String(file.metadata.createdAt))).not.toBeNaN();
    expect(text).not.toMatch(/sk-secret/);
    expect(result.toolset.metadata).toEqual(file.metadata);
  });
});
