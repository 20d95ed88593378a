import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readJsonl, packageDataDir } from "../../src/datasets/index.js";
import { DEMO_MODELS, DEMO_TASK_IDS, createDemoAgentPolicy, createDemoOptimizerPolicy, loadDemoData } from "../../src/demo/index.js";
import { startScriptedServer, type ScriptedServer } from "../../src/testing/index.js";
import { flippedTranscripts } from "../helpers/flipped-transcripts.js";
import { runBin } from "./run-bin.js";

const SECRET = "sk-test-secret-never-stored";
let server: ScriptedServer;
let dir: string;
let env: NodeJS.ProcessEnv;
/**
 * When set, the optimizer answers step 1 and then holds every later step's
 * request until the client gives up, so a run is surely still going when
 * the test interrupts it, however slow the machine (no race against a delay).
 */
let holdAfterFirstStep = false;
let optimizerSteps = 0;
const agentFlag = `openai:${DEMO_MODELS.agent}`;
const optimizerFlag = `openai:${DEMO_MODELS.optimizer}`;

async function writeSubset(file: string, split: "train" | "test", ids: readonly string[]): Promise<void> {
  const rows = await readJsonl(join(packageDataDir(), "gsm8k", `${split}.jsonl`));
  const byId = new Map(rows.map((r) => [r.value.id as string, r.value]));
  writeFileSync(file, ids.map((id) => JSON.stringify(byId.get(id))).join("\n") + "\n");
}

beforeAll(async () => {
  const data = await loadDemoData();
  const agent = createDemoAgentPolicy(data.plans);
  const optimizer = createDemoOptimizerPolicy();
  server = await startScriptedServer({
    respond: (req) => {
      if (req.model !== DEMO_MODELS.optimizer) return agent(req);
      // A step's first request is a fresh conversation (no assistant turn yet).
      if (!req.messages.some((m) => m.role === "assistant")) optimizerSteps++;
      return { ...optimizer(req), ...(holdAfterFirstStep && optimizerSteps > 1 && { delayMs: 600_000 }) };
    },
  });
  dir = mkdtempSync(join(tmpdir(), "tf-cli-"));
  await writeSubset(join(dir, "train.jsonl"), "train", DEMO_TASK_IDS.train);
  await writeSubset(join(dir, "val.jsonl"), "train", DEMO_TASK_IDS.validation);
  await writeSubset(join(dir, "test.jsonl"), "test", DEMO_TASK_IDS.test);
  env = { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: SECRET };
});

afterAll(async () => {
  await server?.close();
});

const jsonLines = (text: string) =>
  text
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("toolforge CLI end to end (child process, scripted server)", () => {
  it("train → resume → eval → export → inspect → diff → report", async () => {
    const run = join(dir, "run");
    // --- train
    const train = await runBin(
      ["train", "--data", join(dir, "train.jsonl"), "--validation", join(dir, "val.jsonl"), "--test", join(dir, "test.jsonl"), "--model", agentFlag, "--optimizer-model", optimizerFlag,
        "--max-steps", "4", "--patience", "2", "--no-code-interpreter", "--out", run, "--json"],
      { env },
    );
    expect(train.code, train.stderr).toBe(0);
    const events = jsonLines(train.stdout);
    const types = events.map((e) => e.type);
    expect(types).toContain("accepted");
    expect(types).toContain("rolled_back");
    const result = events.at(-1)!;
    expect(result).toMatchObject({ type: "result", stopReason: "max_steps", bestTrainLoss: 0 });
    expect((result.functions as string[]).sort()).toEqual(["calc_expression", "sum_numbers"]);
    for (const f of ["config.json", "checkpoints.sqlite", "records.sqlite", "model-cache.sqlite", "toolsets/step-1.json", "toolsets/step-3.json", "best.toolset.json", "events.jsonl", "report.html", "learning-curve.svg", "summary.json"]) {
      expect(existsSync(join(run, f)), f).toBe(true);
    }
    const config = readFileSync(join(run, "config.json"), "utf8");
    expect(config).not.toContain(SECRET);
    expect(JSON.parse(config)).toMatchObject({ maxSteps: 4, patience: 2, model: agentFlag });
    const html = readFileSync(join(run, "report.html"), "utf8");
    expect(html).toContain("sum_numbers");
    expect(html).toContain("+ added calc_expression");
    // Transcripts of flipped tasks on every split, the test split's too (its records join records.sqlite).
    expect(html).toMatch(/test: 3 fixed, 0 broken/);
    const testFlips = flippedTranscripts(html, "test");
    expect(testFlips).toHaveLength(3);
    for (const shown of testFlips) expect(DEMO_TASK_IDS.test).toContain(shown.replace(/ fixed$/, ""));
    expect(flippedTranscripts(html, "train").length).toBeGreaterThan(0);

    // --- resume: the run is finished, so nothing is re-done (no new model requests)
    const before = server.requests.length;
    const resumed = await runBin(["resume", run, "--json"], { env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(jsonLines(resumed.stdout).at(-1)).toMatchObject({ type: "result", stopReason: "max_steps" });
    expect(server.requests.length).toBe(before);

    // --- eval with a baseline: Wilson intervals and McNemar
    const evaluated = await runBin(["eval", "--toolset", join(run, "best.toolset.json"), "--data", join(dir, "test.jsonl"), "--baseline", "none", "--model", agentFlag, "--no-code-interpreter", "--json"], { env });
    expect(evaluated.code, evaluated.stderr).toBe(0);
    const ev = jsonLines(evaluated.stdout).at(-1)!;
    expect(ev).toMatchObject({ type: "result", toolsetResult: { accuracy: 1, n: 4 }, baselineResult: { accuracy: 0.25, n: 4 }, mcnemar: { b: 3, c: 0, method: "exact", pValue: 0.25 } });
    const human = await runBin(["eval", "--toolset", join(run, "best.toolset.json"), "--data", join(dir, "test.jsonl"), "--baseline", "none", "--model", agentFlag, "--no-code-interpreter"], { env });
    expect(human.stdout).toMatch(/accuracy 100\.0 % \(4\/4 correct\), 95 % Wilson interval \[51\.0 %, 100\.0 %\]/);
    expect(human.stdout).toMatch(/McNemar exact test, p = 0\.250 \(not significant at 5 %\)/);

    // --- export json / ts
    const exported = await runBin(["export", join(run, "best.toolset.json"), "--format", "json"]);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toEqual(JSON.parse(readFileSync(join(run, "best.toolset.json"), "utf8")));
    const tsFile = join(dir, "tools.ts");
    const ts = await runBin(["export", join(run, "best.toolset.json"), "--format", "ts", "--out", tsFile, "--import-from", join(import.meta.dirname, "..", "..", "src", "index.ts")]);
    expect(ts.code, ts.stderr).toBe(0);
    // The generated module uses top-level await, as ES modules may.
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    writeFileSync(join(dir, "use-tools.mts"), `import { sum_numbers, calc_expression, tools, close } from ${JSON.stringify(tsFile)};\nconsole.log(JSON.stringify({ n: tools.length, sum: await sum_numbers.invoke({ numbers: [1, 2, 3.5] }), calc: await calc_expression.invoke({ expression: "2*(3+4)" }), isDynamicStructuredTool: (() => { for (let p = Object.getPrototypeOf(sum_numbers); p; p = Object.getPrototypeOf(p)) if (p.constructor.name === "DynamicStructuredTool") return true; return false; })() }));\nawait close();\n`);
    const tsx = join(import.meta.dirname, "..", "..", "node_modules", ".bin", "tsx");
    const used = spawnSync(tsx, [join(dir, "use-tools.mts")], { encoding: "utf8" });
    expect(used.status, used.stderr).toBe(0);
    expect(JSON.parse(used.stdout.trim().split("\n").at(-1)!)).toEqual({ n: 2, sum: "6.5", calc: "14", isDynamicStructuredTool: true });
    const again = await runBin(["export", join(run, "best.toolset.json"), "--format", "ts", "--out", tsFile]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; pass --force/);

    // --- inspect and diff
    const inspected = await runBin(["inspect", join(run, "best.toolset.json")]);
    expect(inspected.code).toBe(0);
    expect(inspected.stdout).toContain("sum_numbers({ numbers: number[] })");
    expect(inspected.stdout).toContain("return numbers.reduce(");
    const diffed = await runBin(["diff", join(run, "toolsets", "step-1.json"), join(run, "best.toolset.json")]);
    expect(diffed.code).toBe(0);
    expect(diffed.stdout).toMatch(/^\+ added sum_numbers/m);

    // --- report regenerates the files
    const mtime = statSync(join(run, "report.html")).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    const reported = await runBin(["report", run]);
    expect(reported.code).toBe(0);
    expect(reported.stdout).toContain(join(run, "report.html"));
    expect(statSync(join(run, "report.html")).mtimeMs).toBeGreaterThan(mtime);
    expect(readdirSync(run)).not.toContain(expect.stringMatching(/\.tmp$/));
  });

  it("Ctrl-C interrupts a run (exit 130) and resume finishes it without redoing the baseline", async () => {
    const run = join(dir, "interrupted");
    const args = ["train", "--data", join(dir, "train.jsonl"), "--model", agentFlag, "--optimizer-model", optimizerFlag, "--max-steps", "4", "--patience", "2", "--no-code-interpreter", "--out", run, "--json"];
    holdAfterFirstStep = true;
    optimizerSteps = 0;
    let sent = false;
    const first = await runBin(args, {
      env,
      onStart: (child) =>
        child.stdout!.on("data", (d: Buffer) => {
          if (!sent && String(d).includes('"type":"accepted"')) {
            sent = true;
            child.kill("SIGINT");
          }
        }),
    });
    holdAfterFirstStep = false;
    expect(sent).toBe(true);
    expect(first.code, first.stderr).toBe(130);
    expect(jsonLines(first.stdout).at(-1)).toMatchObject({ type: "result", stopReason: "aborted" });
    const resumed = await runBin(["resume", run, "--json"], { env });
    expect(resumed.code, resumed.stderr).toBe(0);
    const events = jsonLines(resumed.stdout);
    expect(events.some((e) => e.type === "evaluation_end" && e.phase === "baseline")).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: "result", stopReason: "max_steps", bestTrainLoss: 0 });
    expect(((events.at(-1)!.functions as string[]) ?? []).sort()).toEqual(["calc_expression", "sum_numbers"]);
  });
});
