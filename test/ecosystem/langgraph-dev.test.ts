import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FUNCTIONS } from "../../src/demo/index.js";
import type { TrainingEvent } from "../../src/training/index.js";
import { type DemoModels, startDemoModels } from "./helpers/demo-models.js";
import { isAlive } from "./helpers/process-group.js";
import { type LangGraphDevServer, startLangGraphDev } from "./helpers/langgraph-dev.js";
import { loadLangGraphSdk } from "./helpers/langgraph-sdk.js";

describe("graphs/ served by `langgraphjs dev`, driven with @langchain/langgraph-sdk", () => {
  let models: DemoModels;
  let server: LangGraphDevServer;
  const tmp = mkdtempSync(join(tmpdir(), "toolforge-lgdev-"));

  beforeAll(async () => {
    models = await startDemoModels();
    server = await startLangGraphDev({ config: "graphs/langgraph.json" });
  });

  afterAll(async () => {
    await server?.stop();
    await models?.server.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("trains through agent_training (custom progress events + final state), then answers with trained_agent, then stops by PID", async () => {
    const { Client } = await loadLangGraphSdk();
    const client = new Client({ apiUrl: server.url });
    const assistants = await client.assistants.search({ limit: 10 });
    expect(assistants.map((a) => a.graph_id).sort()).toEqual(["agent_training", "trained_agent"]);

    const thread = await client.threads.create();
    const events: TrainingEvent[] = [];
    const stream = client.runs.stream(thread.thread_id, "agent_training", {
      input: { dataset: "gsm8k:train", taskIds: [...models.data.train.tasks.map((t) => t.id)] },
      // Models and hyper-parameters come through the config, the data through the input.
      config: {
        configurable: {
          agent: { kind: "tool-calling", model: models.agentModel, codeInterpreter: false },
          optimizer: { model: models.optimizerModel, maxActions: 3 },
          maxSteps: 6,
          patience: 2,
          concurrency: 2,
        },
      },
      streamMode: ["custom"],
    });
    for await (const part of stream) {
      if (part.event === "error") throw new Error(`run failed: ${JSON.stringify(part.data)}\n${server.logs()}`);
      if (part.event === "custom") events.push(part.data as TrainingEvent);
    }

    const types = events.map((e) => e.type);
    expect(types[0]).toBe("run_start");
    expect(types.at(-1)).toBe("run_end");
    const baselineDone = events.filter((e) => e.type === "task_done" && e.phase === "baseline");
    expect(baselineDone.map((e) => (e as { taskId: string }).taskId).sort()).toEqual(models.data.train.tasks.map((t) => t.id).sort());
    expect(types).toContain("accepted");
    expect(types).toContain("rolled_back");

    const state = await client.threads.getState(thread.thread_id);
    const values = state.values as {
      toolset: { format: string; functions: { name: string }[] };
      steps: { step: number; accepted: boolean; trainLoss: number }[];
      bestTrainLoss: number;
      stopReason: string;
    };
    expect(values.toolset.format).toBe("toolforge.toolset");
    expect(values.toolset.functions.map((f) => f.name).sort()).toEqual([DEMO_FUNCTIONS.calc.name, DEMO_FUNCTIONS.sum.name].sort());
    expect(values.stopReason).toBe("early_stop");
    // The final state agrees with the streamed events.
    const runEnd = events.at(-1) as Extract<TrainingEvent, { type: "run_end" }>;
    expect(values.bestTrainLoss).toBe(runEnd.bestTrainLoss);
    expect(values.bestTrainLoss).toBeLessThan(values.steps[0]!.trainLoss);

    const toolsetFile = join(tmp, "trained.toolset.json");
    writeFileSync(toolsetFile, JSON.stringify(values.toolset));
    const heldOut = models.data.heldOut;
    const answer = (await client.runs.wait(null, "trained_agent", {
      input: { messages: [{ role: "user", content: heldOut.question }] },
      config: { configurable: { toolset: toolsetFile, model: models.agentModel } },
    })) as { messages: { type: string; content: unknown; tool_calls?: { name: string }[] }[] };
    const calls = answer.messages.flatMap((m) => m.tool_calls ?? []).map((c) => c.name);
    expect(calls.length).toBeGreaterThan(0);
    expect([DEMO_FUNCTIONS.calc.name, DEMO_FUNCTIONS.sum.name]).toContain(calls[0]);
    const toolResult = answer.messages.find((m) => m.type === "tool");
    expect(String(toolResult?.content)).not.toMatch(/^Error/);
    expect(String(answer.messages.at(-1)!.content)).toContain(`FINAL ANSWER: ${heldOut.answer}`);

    const pid = server.pid;
    await server.stop();
    expect(isAlive(pid)).toBe(false);
    await expect(fetch(`${server.url}/ok`)).rejects.toThrow();
  });
});
