import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FUNCTIONS } from "../../src/demo/index.js";
import type { TrainingEvent } from "../../src/training/index.js";
import { type DemoModels, startDemoModels } from "./helpers/demo-models.js";
import { isAlive } from "./helpers/process-group.js";
import { type LangGraphDevServer, REPO_ROOT, startLangGraphDev } from "./helpers/langgraph-dev.js";
import { loadLangGraphSdk } from "./helpers/langgraph-sdk.js";

type Sdk = Awaited<ReturnType<typeof loadLangGraphSdk>>;
type Client = InstanceType<Sdk["Client"]>;
type Values = {
  toolset: { format: string; functions: { name: string }[] };
  steps: { step: number; accepted: boolean; trainLoss: number; review?: string; unchanged?: boolean }[];
  bestTrainLoss: number;
  stopReason: string;
  usage: { agent: { totalTokens: number } };
};

const SECRET = "sk-test-never-in-a-checkpoint";
const trackedStatus = () => execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: REPO_ROOT, encoding: "utf8" });

describe("the root langgraph.json served by `langgraphjs dev`, driven with @langchain/langgraph-sdk", () => {
  let models: DemoModels;
  let server: LangGraphDevServer;
  let client: Client;
  let statusBefore: string;
  const tmp = mkdtempSync(join(tmpdir(), "toolforge-lgdev-"));
  const taskIds = () => models.data.train.tasks.map((t) => t.id);
  const configurable = (extra: Record<string, unknown> = {}) => ({
    agent: { kind: "tool-calling", model: models.agentModel, codeInterpreter: false },
    optimizer: { model: models.optimizerModel, maxActions: 3 },
    maxSteps: 6,
    patience: 2,
    concurrency: 2,
    ...extra,
  });

  beforeAll(async () => {
    statusBefore = trackedStatus();
    models = await startDemoModels();
    // No TOOLFORGE_* variables: both graphs must load and describe themselves without them.
    server = await startLangGraphDev({ config: "langgraph.json", env: { TOOLFORGE_MODEL: "", TOOLFORGE_TOOLSET: "" } });
    const { Client } = await loadLangGraphSdk();
    client = new Client({ apiUrl: server.url });
  });

  afterAll(async () => {
    await server?.stop();
    await models?.server.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("lists both graphs and answers /schemas with the real inputs, outputs and context, without rewriting tracked files", async () => {
    const assistants = await client.assistants.search({ limit: 10 });
    expect(assistants.map((a) => a.graph_id).sort()).toEqual(["agent_training", "trained_agent"]);
    const byGraph = new Map(assistants.map((a) => [a.graph_id, a.assistant_id]));

    const started = Date.now();
    const training = await client.assistants.getSchemas(byGraph.get("agent_training")!);
    const seconds = (Date.now() - started) / 1000;
    const inputs = Object.keys((training.input_schema as { properties: object }).properties);
    expect(inputs).toEqual(expect.arrayContaining(["dataset", "agent", "optimizer", "maxSteps", "earlyStopPatience", "batchSize", "review"]));
    // Outputs and the loop's internals are not offered as inputs.
    expect(inputs).not.toContain("toolset");
    expect(inputs).not.toContain("bestRecords");
    const outputs = Object.keys((training.output_schema as { properties: object }).properties).sort();
    expect(outputs).toEqual(["bestTrainLoss", "bestValidationLoss", "steps", "stopReason", "toolset", "usage"]);
    const agentSchema = (training.input_schema as { properties: { agent: { properties: { kind: { enum: string[] } } } } }).properties.agent;
    expect(agentSchema.properties.kind.enum).toEqual(["tool-calling", "react"]);
    // Runtime zod schemas, not the TypeScript extractor (which took 30-47 s): generous bound, logged.
    console.log(`/schemas for agent_training answered in ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(60);

    const agent = await client.assistants.getSchemas(byGraph.get("trained_agent")!);
    const context = agent.context_schema as { properties: Record<string, unknown> };
    expect(Object.keys(context.properties).sort()).toEqual(["capabilities", "model", "run", "systemPrompt", "toolset"]);
    expect(Object.keys((agent.input_schema as { properties: object }).properties)).toContain("messages");

    expect(trackedStatus()).toBe(statusBefore);
  });

  it("runs the training graph itself: events on the custom stream, one checkpoint per superstep in the thread, then trained_agent answers", async () => {
    const thread = await client.threads.create();
    const events: TrainingEvent[] = [];
    const stream = client.runs.stream(thread.thread_id, "agent_training", {
      input: { dataset: "gsm8k:train", taskIds: taskIds() },
      // Models and hyper-parameters come through the config, the data through the input. LangGraph copies
      // `configurable` into checkpoint metadata, so the model with its API key goes in the run context.
      config: { configurable: configurable() },
      context: { agent: { kind: "tool-calling", model: { ...models.agentModel, apiKey: SECRET }, codeInterpreter: false } },
      streamMode: ["custom"],
    });
    for await (const part of stream) {
      if (part.event === "error") throw new Error(`run failed: ${JSON.stringify(part.data)}\n${server.logs()}`);
      if (part.event === "custom") events.push(part.data as TrainingEvent);
    }
    const types = events.map((e) => e.type);
    expect(types[0]).toBe("run_start");
    expect(types.at(-1)).toBe("run_end");
    expect(types).toContain("accepted");
    expect(types).toContain("rolled_back");

    const state = await client.threads.getState(thread.thread_id);
    const values = state.values as unknown as Values;
    expect(values.toolset.format).toBe("toolforge.toolset");
    expect(values.toolset.functions.map((f) => f.name).sort()).toEqual([DEMO_FUNCTIONS.calc.name, DEMO_FUNCTIONS.sum.name].sort());
    expect(values.stopReason).toBe("early_stop");
    const runEnd = events.at(-1) as Extract<TrainingEvent, { type: "run_end" }>;
    expect(values.bestTrainLoss).toBe(runEnd.bestTrainLoss);
    expect(values.usage.agent.totalTokens).toBeGreaterThan(0);

    // The server's checkpointer holds the loop's supersteps: browse them.
    const history = await client.threads.getHistory(thread.thread_id, { limit: 500 });
    const nextNodes = new Set(history.flatMap((h) => h.next));
    for (const node of ["evaluate", "evaluate_task", "compare_loss", "optimize_step", "finish"]) expect(nextNodes).toContain(node);
    const stepsSeen = new Set(history.map((h) => (h.values as { step?: number }).step).filter((s) => s !== undefined));
    expect(stepsSeen.size).toBe(values.steps.length);
    // The thread keeps the request for resuming, but never the API key.
    expect(JSON.stringify(history)).toContain(models.agentModel.baseURL);
    expect(JSON.stringify(history)).not.toContain(SECRET);

    const toolsetFile = join(tmp, "trained.toolset.json");
    writeFileSync(toolsetFile, JSON.stringify(values.toolset));
    const heldOut = models.data.heldOut;
    const answer = (await client.runs.wait(null, "trained_agent", {
      input: { messages: [{ role: "user", content: heldOut.question }] },
      context: { toolset: toolsetFile, model: models.agentModel },
    })) as { messages: { type: string; content: unknown; status?: string; tool_calls?: { name: string }[] }[] };
    const calls = answer.messages.flatMap((m) => m.tool_calls ?? []).map((c) => c.name);
    expect([DEMO_FUNCTIONS.calc.name, DEMO_FUNCTIONS.sum.name]).toContain(calls[0]);
    const toolResult = answer.messages.find((m) => m.type === "tool");
    expect(toolResult?.status).toBe("success");
    expect(String(answer.messages.at(-1)!.content)).toContain(`FINAL ANSWER: ${heldOut.answer}`);

    // The run also published each accepted toolset to the server's store: an agent can follow the run by its thread id.
    const stored = await client.store.searchItems(["toolforge", "toolsets", thread.thread_id]);
    const versions = stored.items.filter((i) => i.key !== "latest").map((i) => i.value as { version: number; hash: string; provenance: { step: number } });
    expect(versions.map((v) => v.provenance.step).sort()).toEqual(values.steps.filter((s) => s.accepted).map((s) => s.step));
    const followed = (await client.runs.wait(null, "trained_agent", {
      input: { messages: [{ role: "user", content: heldOut.question }] },
      context: { run: thread.thread_id, model: models.agentModel },
    })) as { messages: { content: unknown }[] };
    expect(String(followed.messages.at(-1)!.content)).toContain(`FINAL ANSWER: ${heldOut.answer}`);
  });

  it("pauses for human review before each candidate and resumes with Command({ resume })", async () => {
    const thread = await client.threads.create();
    const input = { dataset: "gsm8k:train", taskIds: taskIds(), review: true };
    await client.runs.wait(thread.thread_id, "agent_training", { input, config: { configurable: configurable({ maxSteps: 2 }) } });
    const paused = async (step: number) => {
      const state = await client.threads.getState(thread.thread_id);
      expect(state.next).toEqual(["review_step"]);
      const request = state.tasks.flatMap((t) => t.interrupts)[0]!.value as { step: number; actions: { name: string }[]; diff: string };
      expect(request.step).toBe(step);
      return request;
    };
    const first = await paused(1);
    expect(first.actions.map((a) => a.name)).toContain(DEMO_FUNCTIONS.calc.name);
    expect(first.diff).toContain(DEMO_FUNCTIONS.calc.name);

    // Resuming needs no configuration again: the thread keeps the request (without API keys).
    await client.runs.wait(thread.thread_id, "agent_training", { command: { resume: "approve" } });
    await paused(2);
    const done = (await client.runs.wait(thread.thread_id, "agent_training", {
      command: { resume: { action: "reject", reason: "not now" } },
    })) as Values;
    expect(done.stopReason).toBe("max_steps");
    expect(done.steps.map((s) => [s.step, s.accepted, s.review])).toEqual([[0, true, undefined], [1, true, "approved"], [2, false, "rejected"]]);
  });

  it("resumes a cancelled run on the same thread from its last checkpoint, without redoing the baseline", async () => {
    const thread = await client.threads.create();
    const run = await client.runs.create(thread.thread_id, "agent_training", {
      input: { dataset: "gsm8k:train", taskIds: taskIds() },
      config: { configurable: configurable() },
      streamMode: ["custom"],
    });
    for await (const part of client.runs.joinStream(thread.thread_id, run.run_id)) {
      if (part.event === "custom" && (part.data as TrainingEvent).type === "accepted") break;
    }
    await client.runs.cancel(thread.thread_id, run.run_id, true);
    const cancelled = await client.threads.getState(thread.thread_id);
    expect(cancelled.next.length).toBeGreaterThan(0);
    expect((cancelled.values as { step: number }).step).toBeGreaterThanOrEqual(1);

    const events: TrainingEvent[] = [];
    for await (const part of client.runs.stream(thread.thread_id, "agent_training", { streamMode: ["custom"] })) {
      if (part.event === "error") throw new Error(`resume failed: ${JSON.stringify(part.data)}\n${server.logs()}`);
      if (part.event === "custom") events.push(part.data as TrainingEvent);
    }
    expect(events.some((e) => e.type === "run_start")).toBe(false);
    expect(events.some((e) => e.type === "task_done" && e.phase === "baseline")).toBe(false);
    expect(events.at(-1)!.type).toBe("run_end");
    expect(((await client.threads.getState(thread.thread_id)).values as unknown as Values).stopReason).toBe("early_stop");
  });

  it("stops by PID", async () => {
    const pid = server.pid;
    await server.stop();
    expect(isAlive(pid)).toBe(false);
    await expect(fetch(`${server.url}/ok`)).rejects.toThrow();
  });
});
