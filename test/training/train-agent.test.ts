import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import { fakeModel } from "@langchain/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Toolset } from "../../src/functions/index.js";
import { startScriptedServer } from "../../src/testing/index.js";
import type { ScriptedServer } from "../../src/testing/types.js";
import { RunDirectory, trainAgent, type TrainAgentOptions, type TrainingEvent, type TrainingResult } from "../../src/training/index.js";
import { respond, scriptedRunOptions } from "./fixtures/scripted-run.js";

describe("trainAgent with scripted models", () => {
  let server: ScriptedServer;
  const dirs: string[] = [];
  let trained: TrainingResult | undefined;
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "toolforge-train-"));
    dirs.push(dir);
    return dir;
  };
  const options = (extra: Partial<TrainAgentOptions> = {}) => scriptedRunOptions(server.baseURL, extra);

  beforeAll(async () => {
    server = await startScriptedServer({ respond });
  });
  afterAll(async () => {
    await server?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("learns the function, reports events, counts usage per role and writes the run directory", async () => {
    const runDir = tempDir();
    const events: TrainingEvent[] = [];
    const result = await trainAgent(options({ runDir, onEvent: (e) => events.push(e) }));
    expect(result.toolset.functions.map((f) => f.name)).toEqual(["twice_number"]);
    expect(result.stopReason).toBe("max_steps");
    // Baseline: every answer wrong; step 1 adds the function (all right); step 2 changes nothing.
    expect(result.steps.map((s) => [s.step, s.accepted, s.trainLoss])).toEqual([[0, true, 1], [1, true, 0], [2, false, 0]]);
    expect(result.steps[2]!.unchanged).toBe(true);
    // 6 baseline calls + 12 candidate calls for the agent, 2 optimizer calls; 110 tokens each.
    expect(result.usage.agent.totalTokens).toBe(18 * 110);
    expect(result.usage.optimizer.totalTokens).toBe(2 * 110);
    expect(events.filter((e) => e.type === "action_applied")).toEqual([{ type: "action_applied", step: 1, action: "add_function", name: "twice_number", actionsUsed: 1 }]);
    const dir = new RunDirectory(runDir);
    expect(dir.readEvents().map((e) => e.type)).toEqual(events.map((e) => e.type));
    expect(existsSync(dir.stepToolset(0)) && existsSync(dir.stepToolset(1)) && !existsSync(dir.stepToolset(2))).toBe(true);
    expect((await Toolset.load(dir.best)).hash).toBe(result.toolset.hash);
    expect((await Toolset.load(dir.stepToolset(1))).toJSON().metadata).toMatchObject({ step: 1, trainLoss: 0 });
    trained = result;
    // Calling again with the finished run directory returns the stored result without new model calls.
    const seen = server.requests.length;
    const again = await trainAgent(options({ runDir }));
    expect(again.toolset.hash).toBe(result.toolset.hash);
    expect(server.requests.length).toBe(seen);
  });

  it("builds a ready agent from the result, running the trained functions in its own sandbox", async () => {
    expect(trained).toBeDefined();
    const model = fakeModel()
      .respondWithTools([{ name: "twice_number", args: { x: 21 }, id: "t1" }])
      .respond((msgs: BaseMessage[]) => new AIMessage(`FINAL ANSWER: ${msgs.at(-1)!.content}`));
    await using agent = await trained!.toAgent({ model });
    const out = await agent.invoke({ messages: [{ role: "user", content: "twice 21?" }] });
    expect(out.messages.at(-1)!.content).toBe("FINAL ANSWER: 42");
  });

  it("stops on a cost budget with the best toolset so far", async () => {
    const prices = { agent: { inputPerMTok: 1000, outputPerMTok: 1000 } };
    const result = await trainAgent(options({ budget: { maxCostUsd: 0.5, prices } }));
    // The baseline alone costs 6 × 110 tokens × $1000/MTok = $0.66.
    expect(result.stopReason).toBe("budget");
    expect(result.usage.costUsd).toBeCloseTo(0.66);
    expect(result.usage.optimizer.totalTokens).toBe(0);
    expect(result.toolset.size).toBe(0);
  });

  it("stops cleanly on abort and resumes from the run directory", async () => {
    const runDir = tempDir();
    const controller = new AbortController();
    const aborted = await trainAgent(
      options({
        runDir,
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === "task_done" && e.phase === "candidate") controller.abort();
        },
      }),
    );
    expect(aborted.stopReason).toBe("aborted");
    expect(aborted.toolset.size).toBe(0);
    const resumed = await trainAgent(options({ runDir }));
    expect(resumed.stopReason).toBe("max_steps");
    expect(resumed.toolset.functions.map((f) => f.name)).toEqual(["twice_number"]);
    expect(resumed.threadId).toBe(aborted.threadId);
  });

  it("one-step generation (optimizer.mode: \"one-step\"): one optimizer request per step, add_function only; the report's metrics per step", async () => {
    // Its own server, so requests of other tests cannot mix in.
    const own = await startScriptedServer({ respond });
    const model = (name: string) => ({ baseURL: own.baseURL, model: name, apiKey: "test", maxRetries: 0 });
    let result: Awaited<ReturnType<typeof trainAgent>>;
    try {
      result = await trainAgent(options({ agent: { kind: "tool-calling", model: model("agent"), codeInterpreter: false }, optimizer: { model: model("optimizer"), mode: "one-step" } }));
    } finally {
      await own.close();
    }
    const optimizerRequests = own.requests.filter((r) => r.model === "optimizer");
    expect(optimizerRequests).toHaveLength(2);
    for (const r of optimizerRequests) expect((r.tools ?? []).map((t) => t.function.name)).toEqual(["add_function"]);
    // Step 1 writes the set {twice_number} (accepted); step 2's reply adds nothing, so the set is unchanged.
    expect(result.steps.map((s) => [s.step, s.accepted, s.trainLoss, s.optimizerStopReason ?? null])).toEqual([
      [0, true, 1, null], [1, true, 0, "one_step"], [2, false, 0, "terminate"],
    ]);
    // Table 6 metrics: every task called the learned function successfully once; its complexity is 1.
    expect(result.steps.map((s) => s.successfulCalls ?? null)).toEqual([0, 6, null]);
    expect(result.steps[1]!.complexity).toEqual([{ name: "twice_number", complexity: 1 }]);
  });
});
