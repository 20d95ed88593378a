import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freeLoopbackPort, startScriptedServer, type ScriptedServer } from "../../src/testing/index.js";
import { respond, TASKS } from "../training/fixtures/scripted-run.js";
import { runBin } from "./run-bin.js";

const LOCAL_KEY = "sk-local-endpoint-key";
const OPENAI_KEY = "sk-openai-key-for-another-host";

describe("CLI against a provider that is down, then back (issue 10 / issue 9 item 6)", () => {
  let dir: string;
  let port: number;
  let server: ScriptedServer | undefined;
  const spec = (model: string) => JSON.stringify({ baseURL: `http://127.0.0.1:${port}/v1`, model, apiKey: LOCAL_KEY, maxRetries: 1 });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "tf-down-"));
    writeFileSync(join(dir, "tasks.jsonl"), TASKS.map((t) => JSON.stringify({ id: t.id, question: t.question, answer: t.answer })).join("\n") + "\n");
    // Nothing listens here until the "provider" comes back.
    port = await freeLoopbackPort();
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("train stops before scoring the baseline, resume refuses to send another host's key, then finishes with the endpoint's own key", async () => {
    const run = join(dir, "run");
    const env = { OPENAI_API_KEY: OPENAI_KEY, OPENAI_BASE_URL: "", TOOLFORGE_MODEL_API_KEY: "", TOOLFORGE_OPTIMIZER_API_KEY: "" };
    const train = await runBin(
      ["train", "--data", join(dir, "tasks.jsonl"), "--model", spec("agent"), "--optimizer-model", spec("optimizer"), "--max-steps", "2", "--max-actions", "1", "--no-code-interpreter", "--out", run],
      { env },
    );
    expect(train.code, train.stderr).toBe(1);
    expect(train.stderr).toContain("E_TRAIN_INFRASTRUCTURE");
    expect(train.stderr).toContain('model "agent"');
    expect(train.stderr).toContain(`http://127.0.0.1:${port}/v1`);
    expect(train.stderr).toContain("ECONNREFUSED");
    expect(train.stderr).toContain(`toolforge resume ${run}`);
    expect(train.stdout).not.toMatch(/accuracy 0(\.0)? %|train loss 1\.000/);
    expect(readFileSync(join(run, "config.json"), "utf8")).not.toContain(LOCAL_KEY);

    // The provider comes back, recording every request's headers.
    server = await startScriptedServer({ respond, port });

    // Without the endpoint's own key, resume refuses (exit 2) rather than sending OPENAI_API_KEY there.
    const refused = await runBin(["resume", run], { env });
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain("TOOLFORGE_MODEL_API_KEY");
    expect(server.requests).toHaveLength(0);

    const resumed = await runBin(["resume", run], { env: { ...env, TOOLFORGE_MODEL_API_KEY: LOCAL_KEY } });
    expect(resumed.code, resumed.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(run, "summary.json"), "utf8")) as { steps: { step: number; accepted: boolean; trainLoss: number }[] };
    expect(summary.steps.map((s) => [s.step, s.accepted, s.trainLoss])).toEqual([[0, true, 1], [1, true, 0], [2, false, 0]]);
    expect(server.requests.length).toBeGreaterThan(0);
    for (const request of server.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${LOCAL_KEY}`);
      expect(JSON.stringify(request.headers)).not.toContain(OPENAI_KEY);
    }
  });

  it("eval exits non-zero, naming the model, the URL and the cause, when every task fails for a model error", async () => {
    const closed = await freeLoopbackPort();
    const toolset = join(dir, "empty.toolset.json");
    writeFileSync(toolset, JSON.stringify({ format: "toolforge.toolset", version: 1, functions: [] }));
    const down = JSON.stringify({ baseURL: `http://127.0.0.1:${closed}/v1`, model: "agent", maxRetries: 1 });
    const r = await runBin(["eval", "--toolset", toolset, "--data", join(dir, "tasks.jsonl"), "--model", down, "--no-code-interpreter"], { env: { OPENAI_API_KEY: "" } });
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBe(2);
    expect(r.stderr).toContain("E_INFRASTRUCTURE");
    expect(r.stderr).toContain(`http://127.0.0.1:${closed}/v1`);
    expect(r.stderr).toContain("ECONNREFUSED");
    expect(r.stdout).not.toMatch(/accuracy/);
  });
});
