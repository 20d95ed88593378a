import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TrainingEvent } from "../../src/training/index.js";
import { type DemoModels, startDemoModels } from "./helpers/demo-models.js";
import { type FakeDataset, type FakeLangSmith, startFakeLangSmith } from "./helpers/fake-langsmith.js";
import { type LangGraphDevServer, REPO_ROOT, startLangGraphDev } from "./helpers/langgraph-dev.js";
import { loadLangGraphSdk } from "./helpers/langgraph-sdk.js";

const DATASET_ID = "5e0c9d1a-2b3f-4c6d-8e7f-9a0b1c2d3e4f";
const API_KEY = "fake-key-for-served-test";

type TaskDone = Extract<TrainingEvent, { type: "task_done" }>;

describe("the served agent_training graph logs LangSmith experiments (tracing on by environment, local fake LangSmith)", () => {
  let models: DemoModels;
  let langsmith: FakeLangSmith;
  let dataset: FakeDataset;
  let server: LangGraphDevServer;
  // The server keeps its state (.langgraph_api) beside its langgraph.json: a
  // directory of its own, so it never shares state with another test's
  // server. Inside the repository (in git-ignored node_modules/.cache), since
  // the server resolves @langchain/langgraph from there and graph paths relative to it.
  const cache = join(REPO_ROOT, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const home = mkdtempSync(join(cache, "toolforge-served-exp-"));

  beforeAll(async () => {
    models = await startDemoModels();
    dataset = {
      id: DATASET_ID,
      name: "served-demo",
      examples: models.data.train.tasks.map((t, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, inputs: { question: t.question }, outputs: { answer: t.answer } })),
    };
    langsmith = await startFakeLangSmith([dataset]);
    // A user's own langgraph.json pointing at the package's graph file.
    const config = join(home, "langgraph.json");
    writeFileSync(config, JSON.stringify({ node_version: "20", graphs: { agent_training: `${relative(home, join(REPO_ROOT, "graphs", "agent-training.ts"))}:graph` }, env: {} }));
    server = await startLangGraphDev({
      config,
      env: { LANGSMITH_TRACING: "true", LANGSMITH_ENDPOINT: langsmith.url, LANGSMITH_API_KEY: API_KEY, LANGSMITH_PROJECT: "toolforge-served-test" },
    });
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    await models?.server.close();
    await langsmith?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it("logs the baseline and each accepted candidate as an experiment on the dataset, one run per example with its score", { timeout: 300_000 }, async () => {
    const { Client } = await loadLangGraphSdk();
    const client = new Client({ apiUrl: server.url });
    const thread = await client.threads.create();
    const events: TrainingEvent[] = [];
    for await (const part of client.runs.stream(thread.thread_id, "agent_training", {
      input: { dataset: "langsmith:served-demo" },
      config: {
        configurable: {
          agent: { kind: "tool-calling", model: models.agentModel, codeInterpreter: false },
          optimizer: { model: models.optimizerModel, maxActions: 3 },
          maxSteps: 2,
          patience: 2,
          concurrency: 2,
        },
      },
      streamMode: ["custom"],
    })) {
      if (part.event === "error") throw new Error(`run failed: ${JSON.stringify(part.data)}\n${server.logs()}`);
      if (part.event === "custom") events.push(part.data as TrainingEvent);
    }
    expect(events.at(-1)?.type).toBe("run_end");

    const accepted = events.flatMap((e) => (e.type === "accepted" ? [e.step] : []));
    const rolledBack = events.flatMap((e) => (e.type === "rolled_back" ? [e.step] : []));
    expect(accepted.length).toBeGreaterThan(0);
    const expected = [0, ...accepted].map((step) => `toolforge run=${thread.thread_id} step=${step} ${step === 0 ? "baseline" : "candidate"}`);
    // The server's own traces go to the same endpoint; experiments are the projects the graph created.
    const experiments = langsmith.sessions.filter((s) => s.name.startsWith("toolforge run="));
    expect(experiments.map((s) => s.name)).toEqual(expected);
    for (const step of rolledBack) expect(experiments.some((s) => s.name.includes(` step=${step} `))).toBe(false);

    const exampleIds = dataset.examples.map((e) => e.id).sort();
    for (const experiment of experiments) {
      expect(experiment.reference_dataset_id).toBe(DATASET_ID);
      const step = Number(/ step=(\d+) /.exec(experiment.name)![1]);
      const runs = langsmith.runs.filter((r) => r.session_name === experiment.name);
      expect(runs.map((r) => r.reference_example_id).sort()).toEqual(exampleIds);
      for (const run of runs) {
        const done = events.find((e): e is TaskDone => e.type === "task_done" && e.step === step && e.taskId === run.reference_example_id)!;
        expect(run.outputs?.score).toBe(done.score);
        expect(langsmith.feedback.filter((f) => f.run_id === run.id)).toEqual([expect.objectContaining({ key: "score", score: done.score, session_id: experiment.id })]);
      }
    }
    // Before / after on the dataset: the trained toolset scores better than the initial one.
    const score = (name: string) => langsmith.runs.filter((r) => r.session_name === name).reduce((sum, r) => sum + Number(r.outputs?.score), 0);
    expect(score(expected.at(-1)!)).toBeGreaterThan(score(expected[0]!));
    expect([...langsmith.apiKeys]).toEqual([API_KEY]);
  });
});
