import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoData, startDemoServer, type DemoData } from "../../src/demo/index.js";
import type { ModelSpec } from "../../src/models/types.js";
import { FAULT_KINDS, startFaultProxy, type FaultProxy, type ScriptedServer } from "../../src/testing/index.js";
import { trainAgent, type TrainingResult } from "../../src/training/index.js";

// The reliability suite (`npm run test:reliability`): a whole training run
// (the demo's scripted agent and optimizer over real HTTP) behind a proxy that
// breaks 20 % of requests must reach exactly the decisions of an unfaulted run.
describe("training through a fault-injecting proxy", () => {
  let data: DemoData;
  let server: ScriptedServer;
  let proxy: FaultProxy;
  let models: { agent: Exclude<ModelSpec, string>; optimizer: Exclude<ModelSpec, string> };

  beforeAll(async () => {
    data = await loadDemoData();
    const demo = await startDemoServer(data);
    server = demo.server;
    models = { agent: demo.agentModel, optimizer: demo.optimizerModel };
    proxy = await startFaultProxy({ target: server.baseURL, rate: 0.2, seed: 20_240_721, schedule: FAULT_KINDS, maxFaultsPerRequest: 2 });
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });

  const train = (baseURL: string) => {
    // More retries than the proxy's faults per request, and a timeout that a
    // hung request must exhaust but that a busy machine's replies stay far below.
    const at = (spec: Exclude<ModelSpec, string>) => ({ ...spec, baseURL, maxRetries: 4, timeoutMs: 8_000 });
    return trainAgent({
      agent: { kind: "tool-calling", model: at(models.agent), codeInterpreter: false },
      optimizer: { model: at(models.optimizer), maxActions: 3 },
      train: data.train,
      validation: data.validation,
      maxSteps: 6,
      patience: 2,
      concurrency: 4,
      seed: 0,
    });
  };
  const outcome = (r: TrainingResult) => ({
    steps: r.steps.map((s) => ({ step: s.step, accepted: s.accepted, trainLoss: s.trainLoss, validationLoss: s.validationLoss, actions: s.actions, unchanged: s.unchanged ?? false, toolsetHash: s.toolsetHash })),
    toolset: r.toolset.hash,
    bestTrainLoss: r.bestTrainLoss,
    bestValidationLoss: r.bestValidationLoss,
    stopReason: r.stopReason,
  });

  it("reaches the unfaulted run's step decisions, losses and final toolset with 20 % of requests faulted", async () => {
    const clean = outcome(await train(server.baseURL));
    // The scripted run learns something, so equal outcomes are not trivially equal.
    expect(clean.steps.some((s) => s.step > 0 && s.accepted)).toBe(true);
    expect(clean.steps.some((s) => !s.accepted)).toBe(true);

    const faulted = outcome(await train(proxy.baseURL));
    expect(faulted).toEqual(clean);

    const faults = proxy.log.filter((e) => e.fault !== undefined);
    expect(new Set(faults.map((e) => e.fault))).toEqual(new Set(FAULT_KINDS));
    expect(faults.length).toBeGreaterThanOrEqual(Math.floor(0.1 * proxy.log.length));
  });
});
