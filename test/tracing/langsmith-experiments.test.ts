import { join } from "node:path";
import { Client } from "langsmith";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDataset } from "../../src/datasets/index.js";
import { logLangSmithExperiments } from "../../src/tracing/index.js";
import type { TrainingEvent } from "../../src/training/events.js";
import { trainAgent } from "../../src/training/index.js";
import { type DemoModels, startDemoModels } from "../ecosystem/helpers/demo-models.js";
import { type FakeDataset, type FakeLangSmith, startFakeLangSmith } from "../ecosystem/helpers/fake-langsmith.js";
import { runTracedChild } from "../ecosystem/helpers/traced-child.js";

const CHILD = join(import.meta.dirname, "..", "ecosystem", "fixtures", "experiments-training-child.ts");
const DATASET_ID = "0b6f1c2e-5d4a-4f3b-9e8d-7c6b5a4f3e2d";

describe("LangSmith experiments of a training run (local fake LangSmith)", () => {
  let models: DemoModels;
  let langsmith: FakeLangSmith;
  let dataset: FakeDataset;
  let client: Client;

  beforeAll(async () => {
    models = await startDemoModels();
    const tasks = models.data.train.tasks.slice(0, 3);
    dataset = {
      id: DATASET_ID,
      name: "demo",
      examples: tasks.map((t, i) => ({ id: `00000000-0000-4000-8000-00000000000${i}`, inputs: { question: t.question }, outputs: { answer: t.answer } })),
    };
    langsmith = await startFakeLangSmith([dataset]);
    client = new Client({ apiUrl: langsmith.url, apiKey: "lsv2-test", autoBatchTracing: false });
  });
  afterAll(async () => {
    await models?.server.close();
    await langsmith?.close();
  });

  it("logs the baseline and every accepted step as an experiment on the dataset, runs linked to examples, score as feedback", async () => {
    const data = await loadDataset("langsmith:demo", { langsmithClient: client, scorer: models.data.train.scorer });
    const experiments = logLangSmithExperiments({ datasets: [data], client, prefix: "exp" });
    const events: TrainingEvent[] = [];
    await trainAgent({
      agent: { kind: "tool-calling", model: { ...models.agentModel, maxRetries: 2 }, codeInterpreter: false },
      optimizer: { model: { ...models.optimizerModel, maxRetries: 2 }, maxActions: 3 },
      train: data,
      maxSteps: 2,
      concurrency: 1,
      threadId: "exp-run",
      onEvent: (e) => {
        events.push(e);
        experiments.onEvent(e);
      },
    });
    await experiments.flush();

    const accepted = events.filter((e) => e.type === "accepted").map((e) => e.step);
    expect(accepted.length).toBeGreaterThan(0);
    const expected = ["exp run=exp-run step=0 baseline", ...accepted.map((step) => `exp run=exp-run step=${step} candidate`)];
    expect(langsmith.sessions.map((s) => s.name)).toEqual(expected);
    expect(experiments.experiments.map((e) => e.name)).toEqual(expected);
    const exampleIds = dataset.examples.map((e) => e.id).sort();
    for (const session of langsmith.sessions) {
      expect(session.reference_dataset_id).toBe(DATASET_ID);
      const step = Number(/step=(\d+)/.exec(session.name)![1]);
      const runs = langsmith.runs.filter((r) => r.session_name === session.name);
      expect(runs.map((r) => r.reference_example_id).sort()).toEqual(exampleIds);
      for (const run of runs) {
        const task = data.tasks.find((t) => t.id === run.reference_example_id)!;
        const done = events.find((e) => e.type === "task_done" && e.step === step && e.taskId === task.id && e.phase !== "validation") as Extract<TrainingEvent, { type: "task_done" }>;
        expect(run.inputs).toEqual({ question: task.question });
        expect(run.outputs?.score).toBe(done.score);
        const feedback = langsmith.feedback.filter((f) => f.run_id === run.id);
        expect(feedback).toEqual([expect.objectContaining({ key: "score", score: done.score, session_id: session.id })]);
      }
    }
    // Before / after differ on the dataset: the trained toolset scores better.
    const scores = (name: string) => langsmith.runs.filter((r) => r.session_name === name).reduce((s, r) => s + Number(r.outputs?.score), 0);
    expect(scores(expected.at(-1)!)).toBeGreaterThan(scores(expected[0]!));
  });

  it("leaves out rolled-back candidates and tasks from other datasets", async () => {
    const data = await loadDataset("langsmith:demo", { langsmithClient: client });
    const before = langsmith.sessions.length;
    const experiments = logLangSmithExperiments({ datasets: [data, { name: "local.jsonl", tasks: [] }], client, prefix: "rb" });
    const task = data.tasks[0]!;
    const evaluation = (step: number, phase: "baseline" | "candidate", taskId: string): TrainingEvent[] => [
      { type: "evaluation_start", step, phase, total: 1 },
      { type: "task_done", step, phase, taskId, index: 0, done: 1, total: 1, score: 1 },
      { type: "evaluation_end", step, phase, loss: 0, accuracy: 1 },
    ];
    for (const e of [
      { type: "run_start", runId: "rb-run", trainSize: 1, validationSize: 0, maxSteps: 2 } as TrainingEvent,
      ...evaluation(0, "baseline", "not-from-langsmith"),
      ...evaluation(1, "candidate", task.id),
      { type: "rolled_back", step: 1, trainLoss: 0, bestLoss: 0, patience: 1 } as TrainingEvent,
      // A task run again after its first run was cut short (a resumed run) counts once, with its last result.
      { type: "evaluation_start", step: 2, phase: "candidate", total: 1 } as TrainingEvent,
      { type: "task_done", step: 2, phase: "candidate", taskId: task.id, index: 0, done: 1, total: 1, score: 0, error: "model_error: cut short" } as TrainingEvent,
      ...evaluation(2, "candidate", task.id).slice(1),
      { type: "accepted", step: 2, trainLoss: 0, previousLoss: 1, toolsetHash: "h" } as TrainingEvent,
    ]) experiments.onEvent(e);
    await experiments.flush();
    expect(langsmith.sessions.slice(before).map((s) => s.name)).toEqual(["rb run=rb-run step=2 candidate"]);
    const runs = langsmith.runs.filter((r) => r.session_name === "rb run=rb-run step=2 candidate");
    expect(runs.map((r) => r.outputs)).toEqual([{ score: 1 }]);

    // A run resumed in a new process sees no run_start: the run id it is given names its experiments.
    const resumed = logLangSmithExperiments({ datasets: [data], client, prefix: "rb", runId: "resumed-run" });
    for (const e of evaluation(0, "baseline", task.id)) resumed.onEvent(e);
    await resumed.flush();
    expect(resumed.experiments.map((e) => e.name)).toEqual(["rb run=resumed-run step=0 baseline"]);
  });

  it("is done by trainAgent itself when LangSmith tracing is on and the training set is a langsmith: dataset", async () => {
    const before = langsmith.sessions.length;
    const { code, stderr } = await runTracedChild(CHILD, models.server.baseURL, langsmith.url);
    expect(code, stderr).toBe(0);
    const created = langsmith.sessions.slice(before);
    expect(created.map((s) => s.name)[0]).toBe("toolforge run=auto-run step=0 baseline");
    expect(created.every((s) => s.reference_dataset_id === DATASET_ID)).toBe(true);
    const runs = langsmith.runs.filter((r) => r.session_name === created[0]!.name);
    expect(runs.map((r) => r.reference_example_id).sort()).toEqual(dataset.examples.map((e) => e.id).sort());
    expect([...langsmith.apiKeys]).toContain("fake-key-for-test");
  });
});
