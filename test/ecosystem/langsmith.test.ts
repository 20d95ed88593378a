import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoModels, startDemoModels } from "./helpers/demo-models.js";
import { type FakeLangSmith, startFakeLangSmith } from "./helpers/fake-langsmith.js";
import { runTracedChild } from "./helpers/traced-child.js";

const CHILD = join(import.meta.dirname, "fixtures", "traced-training-child.ts");

describe("LangSmith tracing switched on by environment variables", () => {
  let langsmith: FakeLangSmith;
  let models: DemoModels;
  beforeAll(async () => {
    langsmith = await startFakeLangSmith();
    models = await startDemoModels();
  });
  afterAll(async () => {
    await models?.server.close();
    await langsmith?.close();
  });

  it("uploads the training run with readable names, nested agent runs and role/step/task tags", async () => {
    const { code, stderr } = await runTracedChild(CHILD, models.server.baseURL, langsmith.url);
    expect(code, stderr).toBe(0);

    expect([...langsmith.apiKeys]).toEqual(["fake-key-for-test"]);
    const names = langsmith.runs.map((r) => r.name);
    const root = langsmith.runs.find((r) => r.name === "toolforge:train run=traced-run");
    expect(root, names.join("\n")).toBeDefined();
    const taskIds = models.data.train.tasks.slice(0, 3).map((t) => t.id);
    const evaluations = langsmith.runs.filter((r) => r.name.startsWith("toolforge:evaluate "));
    expect(evaluations.map((r) => r.name).sort()).toEqual(
      [0, 1].flatMap((step) => taskIds.map((id) => `toolforge:evaluate step=${step} task=${id} role=agent`)).sort(),
    );
    for (const run of evaluations) {
      // Part of the training trace, not a trace of its own.
      expect(run.trace_id).toBe(root!.id);
      expect(run.tags).toEqual(expect.arrayContaining(["toolforge", "role:agent"]));
    }
    const optimize = langsmith.runs.filter((r) => r.name.startsWith("toolforge:optimize "));
    expect(optimize.map((r) => r.name)).toEqual(["toolforge:optimize step=1 role=optimizer"]);
    expect(optimize[0]!.trace_id).toBe(root!.id);
  });
});
