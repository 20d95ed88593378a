import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScriptedServer } from "../../src/testing/index.js";
import type { ScriptedReply, ScriptedRequest, ScriptedServer } from "../../src/testing/types.js";
import { runBin } from "../cli/run-bin.js";
import { tempDirs } from "../helpers/temp-dirs.js";

const newDir = tempDirs("toolforge-reproduce-kill-");

const ADD = {
  name: "add_numbers",
  description: "Adds two numbers.",
  arguments: { type: "object", properties: { a: { type: "number" }, b: { type: "number" } }, required: ["a", "b"] },
  packages: [],
  code: "function add_numbers({ a, b }) { return a + b; }",
};

/** Agent: always answers 1. Optimizer: adds one function, then ends its step. */
function policy(req: ScriptedRequest): ScriptedReply {
  const optimizer = (req.tools ?? []).some((t) => t.function.name === "add_function");
  if (!optimizer) return { content: "FINAL ANSWER: 1" };
  return req.messages.at(-1)?.role === "tool" ? { content: "TERMINATE" } : { toolCalls: [{ name: "add_function", arguments: ADD }] };
}

describe("toolforge reproduce after kill -9", () => {
  let server: ScriptedServer;
  let out: string;
  let child: ChildProcess | undefined;
  let killAt: (() => boolean) | undefined;
  beforeAll(async () => {
    server = await startScriptedServer({
      respond: (req) => {
        // Killed at a point counted in the run's own requests, never at a time.
        if (killAt?.()) {
          killAt = undefined;
          child!.kill("SIGKILL");
        }
        return policy(req);
      },
    });
  });
  afterAll(() => server.close());

  it("continues the interrupted cell and skips the finished one", async () => {
    out = join(newDir(), "exp");
    const args = ["reproduce", "table3", "--types", "algebra", "--limit", "1", "--max-steps", "1", "--model", JSON.stringify({ baseURL: server.baseURL, model: "m" }), "--yes", "--out", out];
    // Cells run in order no-rollback, one-step, full, no-training: kill on the 3rd request of the second cell.
    let inSecond = 0;
    killAt = () => existsSync(join(out, "algebra.no-rollback", "cell.json")) && existsSync(join(out, "algebra.one-step", "run.json")) && ++inSecond === 3;
    const killed = await runBin(args, { onStart: (c) => (child = c) });
    expect(killed.code).toBeNull();
    expect(existsSync(join(out, "algebra.one-step", "cell.json"))).toBe(false);
    const finished = statSync(join(out, "algebra.no-rollback", "cell.json")).mtimeMs;
    const finishedText = readFileSync(join(out, "algebra.no-rollback", "cell.json"), "utf8");
    const requestsBefore = server.requests.length;

    const resumed = await runBin(args);
    expect(resumed.stderr).toBe("");
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain("algebra.no-rollback: finished earlier, skipped");
    expect(statSync(join(out, "algebra.no-rollback", "cell.json")).mtimeMs).toBe(finished);
    expect(readFileSync(join(out, "algebra.no-rollback", "cell.json"), "utf8")).toBe(finishedText);
    for (const id of ["algebra.one-step", "algebra.full", "algebra.no-training"]) expect(existsSync(join(out, id, "cell.json")), id).toBe(true);
    // The interrupted cell's events: each once, although part of it ran twice.
    const keys = readFileSync(join(out, "algebra.one-step", "events.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l).key as string);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((k) => k.startsWith("run_start"))).toHaveLength(1);
    // The interrupted cell's initial evaluation finished before the kill and is not redone.
    expect(keys.filter((k) => k.startsWith("evaluation_end/baseline/0"))).toHaveLength(1);
    expect(server.requests.length).toBeGreaterThan(requestsBefore);
    expect(existsSync(join(out, "results.md"))).toBe(true);
  });
});
