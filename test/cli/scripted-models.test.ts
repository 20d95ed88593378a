import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBin } from "./run-bin.js";

// `--model scripted:demo` lets a new user try train / resume / eval with no key:
// no OPENAI_* variable is set, and the child would fail if anything needed one.
const env = { OPENAI_API_KEY: "", OPENAI_BASE_URL: "" };

describe("the offline model spec scripted:demo (child processes)", () => {
  it("train, resume and eval run with no API key, say the models are scripted, and config.json keeps the spec", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tf-scripted-"));
    const run = join(dir, "run");
    const train = await runBin(["train", "--data", "gsm8k:train", "--limit", "8", "--model", "scripted:demo", "--max-steps", "3", "--out", run], { env });
    expect(train.code, train.stderr).toBe(0);
    expect(train.stdout).toMatch(/THE MODELS ARE SCRIPTED/);
    // The scripted optimizer's first function fixes the products the scripted agent gets wrong.
    expect(train.stdout).toMatch(/ACCEPTED: train loss/);
    const config = JSON.parse(readFileSync(join(run, "config.json"), "utf8")) as { model: unknown; optimizerModel: unknown };
    expect([config.model, config.optimizerModel]).toEqual(["scripted:demo", "scripted:demo"]);

    const resume = await runBin(["resume", run], { env });
    expect(resume.code, resume.stderr).toBe(0);
    expect(resume.stdout).toMatch(/THE MODELS ARE SCRIPTED/);

    const best = join(run, "best.toolset.json");
    const evaluated = await runBin(["eval", "--toolset", best, "--data", "gsm8k:test", "--limit", "4", "--baseline", "none", "--model", "scripted:demo", "--json"], { env });
    expect(evaluated.code, evaluated.stderr).toBe(0);
    const result = JSON.parse(evaluated.stdout.trim().split("\n").at(-1)!) as { type: string; toolsetResult: { n: number }; baselineResult: { n: number } };
    expect(result.type).toBe("result");
    expect([result.toolsetResult.n, result.baselineResult.n]).toEqual([4, 4]);
    expect(existsSync(join(run, "report.html"))).toBe(true);
  });

  it("is refused with a clear message when misspelt", async () => {
    const r = await runBin(["eval", "--toolset", "x.json", "--data", "gsm8k:test", "--model", "scripted:dmeo"], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/or "scripted:demo" \(offline, scripted\), got "scripted:dmeo"/);
  });
});
