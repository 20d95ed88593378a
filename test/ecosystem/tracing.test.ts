import { RunnableLambda } from "@langchain/core/runnables";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trainAgent } from "../../src/training/index.js";
import { langsmithTracingEnabled, RunRecorder, tracingConfig } from "../../src/tracing/index.js";
import { type DemoModels, startDemoModels } from "./helpers/demo-models.js";

describe("tracingConfig", () => {
  it("names agent, optimizer and training runs readably and tags them for filtering", () => {
    const agent = tracingConfig({ role: "agent", step: 2, taskId: "gsm8k-12", phase: "candidate" });
    expect(agent.runName).toBe("toolforge:evaluate step=2 task=gsm8k-12 role=agent");
    expect(agent.tags).toEqual(["toolforge", "role:agent", "step:2", "task:gsm8k-12", "phase:candidate"]);
    expect(agent.metadata).toMatchObject({ toolforge_role: "agent", toolforge_step: 2, toolforge_task_id: "gsm8k-12", toolforge_phase: "candidate" });
    expect(tracingConfig({ role: "optimizer", step: 3 }).runName).toBe("toolforge:optimize step=3 role=optimizer");
    expect(tracingConfig({ role: "train", threadId: "run-1" }).runName).toBe("toolforge:train run=run-1");
  });

  it("reads the LangSmith switch the way LangChain does", () => {
    expect(langsmithTracingEnabled({ LANGSMITH_TRACING: "true" })).toBe(true);
    expect(langsmithTracingEnabled({ LANGCHAIN_TRACING_V2: "true" })).toBe(true);
    expect(langsmithTracingEnabled({ LANGSMITH_TRACING: "false" })).toBe(false);
    expect(langsmithTracingEnabled({})).toBe(false);
  });

  it("is what a callback handler sees, and child runs inherit its tags", async () => {
    const recorder = new RunRecorder();
    const inner = RunnableLambda.from((x: number) => x * 2).withConfig({ runName: "inner" });
    const outer = RunnableLambda.from(async (x: number) => inner.invoke(x + 1));
    await outer.invoke(1, { ...tracingConfig({ role: "agent", step: 1, taskId: "t-1" }), callbacks: [recorder] });
    expect(recorder.names).toEqual(["toolforge:evaluate step=1 task=t-1 role=agent", "inner"]);
    expect(recorder.runs[1]!.tags).toEqual(expect.arrayContaining(["toolforge", "role:agent", "step:1", "task:t-1"]));
    expect(recorder.runs[1]!.parentRunId).toBe(recorder.runs[0]!.runId);
  });
});

describe("a traced training run", () => {
  let models: DemoModels;
  beforeAll(async () => {
    models = await startDemoModels();
  });
  afterAll(async () => models?.server.close());

  it("has readable run names with step, task id and role for every agent and optimizer run", async () => {
    const recorder = new RunRecorder();
    const tasks = models.data.train.tasks.slice(0, 4);
    // Callbacks given to an enclosing runnable reach every run inside it,
    // exactly like the LangSmith tracer that LANGSMITH_TRACING=true adds.
    const run = RunnableLambda.from(() =>
      trainAgent({
        agent: { kind: "tool-calling", model: models.agentModel, codeInterpreter: false },
        optimizer: { model: models.optimizerModel, maxActions: 3 },
        train: { tasks, scorer: models.data.train.scorer },
        maxSteps: 1,
        concurrency: 2,
      }),
    );
    const result = await run.invoke(undefined, { callbacks: [recorder] });
    expect(result.steps).toHaveLength(2);

    const evaluations = recorder.runs.filter((r) => r.name.startsWith("toolforge:evaluate "));
    const expected = [0, 1].flatMap((step) => tasks.map((t) => `toolforge:evaluate step=${step} task=${t.id} role=agent`)).sort();
    expect(evaluations.map((r) => r.name).sort()).toEqual(expected);
    for (const r of evaluations) {
      const step = /step=(\d+)/.exec(r.name)![1];
      expect(r.tags).toEqual(expect.arrayContaining(["toolforge", "role:agent", `step:${step}`]));
    }
    const optimizer = recorder.runs.filter((r) => r.name.startsWith("toolforge:optimize "));
    expect(optimizer.map((r) => r.name)).toEqual(["toolforge:optimize step=1 role=optimizer"]);
    // The model calls inside an evaluation carry its tags.
    const evaluationIds = new Map(evaluations.map((r) => [r.runId, r]));
    const byId = new Map(recorder.runs.map((r) => [r.runId, r]));
    const modelCalls = recorder.runs.filter((r) => r.kind === "llm");
    const agentModelCalls = modelCalls.filter((call) => {
      for (let p = call.parentRunId; p; p = byId.get(p)?.parentRunId) if (evaluationIds.has(p)) return true;
      return false;
    });
    expect(agentModelCalls.length).toBeGreaterThanOrEqual(tasks.length * 2);
    for (const call of agentModelCalls) expect(call.tags).toEqual(expect.arrayContaining(["toolforge", "role:agent"]));
  });
});
