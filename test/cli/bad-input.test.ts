import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runBin, type BinResult } from "./run-bin.js";

// Every case: exit code 2, a message naming the problem, existing files untouched.
let dir: string;
const env = { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: "http://127.0.0.1:9/v1" };
const good = JSON.stringify({ id: "1", question: "What is 1+1?", answer: "2", solution: "<<1+1=2>>" });
const trainArgs = (data: string, out: string) => ["train", "--data", data, "--model", "openai:m", "--out", out];

function snapshot(path: string): Record<string, string> {
  return Object.fromEntries(readdirSync(path, { recursive: true, encoding: "utf8" }).map((f) => [f, existsSync(join(path, f)) && !f.endsWith("/") ? safeRead(join(path, f)) : ""]));
}
function safeRead(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "<dir>";
  }
}
function expectUsageError(r: BinResult, message: RegExp): void {
  expect(r.code, `stdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tf-bad-"));
  writeFileSync(join(dir, "good.jsonl"), good + "\n");
  writeFileSync(join(dir, "bad.jsonl"), `${good}\n{"id": "2", "question": "oops"\n`);
  writeFileSync(join(dir, "duplicate-ids.jsonl"), `${good}\n${good}\n`);
  writeFileSync(join(dir, "empty-eval.toolset.json"), JSON.stringify({ format: "toolforge.toolset", version: 1, functions: [] }));
  writeFileSync(join(dir, "corrupt.toolset.json"), '{"format": "toolforge.toolset", "version": 1, "functions": [{"name": "f"');
  writeFileSync(join(dir, "wrong.toolset.json"), JSON.stringify({ format: "toolforge.toolset", version: 1, functions: [{ name: "1bad", description: "x", parameters: { type: "object", properties: {} }, code: "", packages: [] }] }));
  mkdirSync(join(dir, "existing-run"));
  writeFileSync(join(dir, "existing-run", "events.jsonl"), '{"type":"run_start"}\n');
  mkdirSync(join(dir, "postgres-run"));
  const stored = { format: "toolforge.train-config", version: 1, data: join(dir, "good.jsonl"), agent: "tool-calling", model: "openai:m", optimizerModel: "openai:m" };
  writeFileSync(join(dir, "postgres-run", "config.json"), JSON.stringify({ ...stored, checkpointer: "postgres://me:***@127.0.0.1:9/runs" }));
});

describe("bad input exits with code 2 and a clear message (child process)", () => {
  it("each case names the problem and leaves existing files untouched", async () => {
    const before = snapshot(dir);
    const cases: [string[], RegExp][] = [
      // missing file
      [trainArgs(join(dir, "missing.jsonl"), join(dir, "run-a")), /missing\.jsonl: cannot read dataset file \(ENOENT\)/],
      // malformed JSONL row: file and line
      [trainArgs(join(dir, "bad.jsonl"), join(dir, "run-b")), /bad\.jsonl:2: invalid JSON/],
      // duplicate task ids: refused before the run directory exists
      [trainArgs(join(dir, "duplicate-ids.jsonl"), join(dir, "run-dup")), /train\[1\]\.id: "1" is also the id of train\[0\]; task ids must be unique/],
      [[...trainArgs(join(dir, "good.jsonl"), join(dir, "run-dup-v")), "--validation", join(dir, "duplicate-ids.jsonl")], /validation\[1\]\.id: "1" is also the id/],
      [[...trainArgs(join(dir, "good.jsonl"), join(dir, "run-dup-t")), "--test", join(dir, "duplicate-ids.jsonl")], /test\[1\]\.id: "1" is also the id of test\[0\]/],
      [["eval", "--toolset", join(dir, "empty-eval.toolset.json"), "--data", join(dir, "duplicate-ids.jsonl"), "--model", "openai:m"], /tasks\[1\]\.id: "1" is also the id of tasks\[0\]/],
      // unknown flag
      [[...trainArgs(join(dir, "good.jsonl"), join(dir, "run-u")), "--bogus"], /unknown option '--bogus'/],
      // bad flag values
      [[...trainArgs(join(dir, "good.jsonl"), join(dir, "run-c")), "--max-steps", "abc"], /option '--max-steps <n>' argument 'abc' is invalid\. expected an integer, got "abc"/],
      [[...trainArgs(join(dir, "good.jsonl"), join(dir, "run-d")), "--agent", "smart"], /argument 'smart' is invalid\. Allowed choices are tool-calling, react/],
      [["train", "--data", join(dir, "good.jsonl"), "--model", "gpt-4o", "--out", join(dir, "run-e")], /--model <spec>' argument 'gpt-4o' is invalid/],
      // bad checkpointer spec, refused before the run directory exists
      [[...trainArgs(join(dir, "good.jsonl"), join(dir, "run-f")), "--checkpointer", "redis://me:secret@x/0"], /checkpointer "redis:\/\/me:\*\*\*@x\/0": expected "sqlite"/],
      // resume of a Postgres run whose password was masked in config.json
      [["resume", join(dir, "postgres-run")], /postgres:\/\/me:\*\*\*@127\.0\.0\.1:9\/runs has a masked password; pass --checkpointer/],
      // existing run directory
      [trainArgs(join(dir, "good.jsonl"), join(dir, "existing-run")), /existing-run already exists and is not empty; pass --force/],
      // corrupt toolsets
      [["inspect", join(dir, "corrupt.toolset.json")], /corrupt\.toolset\.json: .*JSON/i],
      [["inspect", join(dir, "wrong.toolset.json")], /wrong\.toolset\.json.*1bad/],
      [["eval", "--toolset", join(dir, "corrupt.toolset.json"), "--data", join(dir, "good.jsonl"), "--model", "openai:m"], /corrupt\.toolset\.json/],
      [["diff", join(dir, "corrupt.toolset.json"), join(dir, "wrong.toolset.json")], /corrupt\.toolset\.json/],
      // not a run directory
      [["resume", join(dir, "nowhere")], /nowhere: run directory does not exist/],
      [["report", join(dir, "existing-run", "events.jsonl")], /run directory does not exist/],
      // missing required option
      [["export", join(dir, "wrong.toolset.json")], /required option '--format <format>' not specified/],
    ];
    const results = await Promise.all(cases.map(([args]) => runBin(args, { env: { ...env } })));
    results.forEach((r, i) => expectUsageError(r, cases[i]![1]));
    // nothing was created or changed
    expect(snapshot(dir)).toEqual(before);
  });

  it("a missing API key for an OpenAI model is a usage error before anything is written", async () => {
    const r = await runBin(trainArgs(join(dir, "good.jsonl"), join(dir, "run-key")), { env: { OPENAI_API_KEY: "", OPENAI_BASE_URL: "" } });
    expectUsageError(r, /OPENAI_API_KEY/);
    expect(existsSync(join(dir, "run-key"))).toBe(false);
  });

  it("export --out creates missing folders, and only once the toolset has loaded", async () => {
    const toolset = { format: "toolforge.toolset", version: 1, functions: [] };
    const file = join(dir, "empty.toolset.json");
    writeFileSync(file, JSON.stringify(toolset));
    const refused = await runBin(["export", join(dir, "corrupt.toolset.json"), "--format", "json", "--out", join(dir, "never", "made", "t.json")]);
    expectUsageError(refused, /corrupt\.toolset\.json/);
    expect(existsSync(join(dir, "never"))).toBe(false);
    const out = join(dir, "new", "nested", "tools.json");
    const made = await runBin(["export", file, "--format", "json", "--out", out]);
    expect(made.code, made.stderr).toBe(0);
    // A version-1 file is exported in the current format (version 2 added team roles).
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual({ ...toolset, version: 2 });
  });

  it("--help works on every command", async () => {
    const commands = ["train", "resume", "eval", "inspect", "diff", "export", "report", "demo", "reproduce"];
    const results = await Promise.all([runBin(["--help"]), ...commands.map((c) => runBin([c, "--help"]))]);
    expect(results[0]!.code).toBe(0);
    for (const c of commands) expect(results[0]!.stdout).toContain(c);
    results.slice(1).forEach((r, i) => {
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: toolforge ${commands[i]}`);
    });
  });
});
