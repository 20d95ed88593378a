import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freeLoopbackPort } from "../../src/testing/index.js";
import type { ScriptedRequest } from "../../src/testing/types.js";
import { startFakeProvider, type FakeProvider } from "../models/helpers/fake-providers.js";
import { respond, TASKS } from "../training/fixtures/scripted-run.js";
import { runBin } from "./run-bin.js";

const LOCAL_KEY = "sk-ant-local-endpoint-key";
const ENV_KEY = "sk-ant-env-key-for-another-host";

/** What the model cache keys on, minus transport noise. */
const keyOf = (req: ScriptedRequest) => JSON.stringify({ model: req.model, messages: req.messages, tools: req.tools ?? [] });

describe("resume with a non-OpenAI provider (model specs stored in the run config)", () => {
  let dir: string;
  let fake: FakeProvider | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "tf-anthropic-resume-"));
    writeFileSync(join(dir, "tasks.jsonl"), TASKS.map((t) => JSON.stringify({ id: t.id, question: t.question, answer: t.answer })).join("\n") + "\n");
  });
  afterAll(async () => {
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("an Anthropic run that loses its provider mid-run resumes on the same config, re-issuing no answered call and sending the key only to its host", async () => {
    const port = await freeLoopbackPort();
    const spec = (model: string) => JSON.stringify({ provider: "anthropic", baseURL: `http://127.0.0.1:${port}`, model, apiKey: LOCAL_KEY, maxRetries: 1 });
    const answered: Record<"first" | "resumed", string[]> = { first: [], resumed: [] };
    let phase: keyof typeof answered = "first";
    // The provider answers 9 requests (the baseline and the first step's optimizer call), then is down until resume.
    fake = await startFakeProvider(
      "anthropic",
      (req) => {
        if (phase === "first" && answered.first.length >= 9) return { status: 503, content: "overloaded" };
        answered[phase].push(keyOf(req));
        return respond(req);
      },
      port,
    );
    const run = join(dir, "run");
    const env = { ANTHROPIC_API_KEY: ENV_KEY, ANTHROPIC_BASE_URL: "", TOOLFORGE_MODEL_API_KEY: "", TOOLFORGE_OPTIMIZER_API_KEY: "" };
    const train = await runBin(
      ["train", "--data", join(dir, "tasks.jsonl"), "--model", spec("agent"), "--optimizer-model", spec("optimizer"), "--max-steps", "2", "--max-actions", "1", "--no-code-interpreter", "--concurrency", "1", "--out", run],
      { env },
    );
    expect(train.code, train.stderr).toBe(1);
    expect(train.stderr).toContain("E_TRAIN_INFRASTRUCTURE");
    expect(train.stderr).toContain(`http://127.0.0.1:${port}`);
    const config = readFileSync(join(run, "config.json"), "utf8");
    expect(config).toContain('"provider": "anthropic"');
    expect(config).not.toContain(LOCAL_KEY);

    phase = "resumed";
    const seen = fake.requests.length;
    // Without the endpoint's own key resume refuses (exit 2) rather than falling back to ANTHROPIC_API_KEY.
    const refused = await runBin(["resume", run], { env });
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain("TOOLFORGE_MODEL_API_KEY");
    expect(fake.requests.length).toBe(seen);

    const resumed = await runBin(["resume", run], { env: { ...env, TOOLFORGE_MODEL_API_KEY: LOCAL_KEY } });
    expect(resumed.code, resumed.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(run, "summary.json"), "utf8")) as { steps: { step: number; accepted: boolean; trainLoss: number }[] };
    expect(summary.steps.map((s) => [s.step, s.accepted, s.trainLoss])).toEqual([[0, true, 1], [1, true, 0], [2, false, 0]]);
    // No call answered before the outage is sent again: it comes from the run's model cache.
    expect(answered.resumed.length).toBeGreaterThan(0);
    const before = new Set(answered.first);
    expect(answered.resumed.filter((k) => before.has(k))).toEqual([]);
    for (const request of fake.requests) {
      expect(request.headers["x-api-key"]).toBe(LOCAL_KEY);
      expect(JSON.stringify(request.headers)).not.toContain(ENV_KEY);
    }
  });
});
