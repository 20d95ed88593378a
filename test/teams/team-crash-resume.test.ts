import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScriptedServer } from "../../src/testing/index.js";
import type { ScriptedServer } from "../../src/testing/types.js";
import { RunDirectory } from "../../src/training/index.js";
import { runTsChild } from "../helpers/run-ts-child.js";
import { respond, TASKS } from "./fixtures/supervisor-team.js";

const CHILD = join(import.meta.dirname, "fixtures", "team-train-child.ts");

describe("a team run survives kill -9", () => {
  let server: ScriptedServer;
  let victim: ChildProcess | undefined;
  let armed = true;
  let calculatorCalls = 0;
  const dirs: string[] = [];

  beforeAll(async () => {
    server = await startScriptedServer({
      respond: async (req) => {
        const reply = respond(req);
        // Kill mid-way through the candidate evaluation: the calculator's 5th
        // request with the learned function is the 3rd task's first one
        // (concurrency 1: two tasks are finished by then).
        const hasMultiply = (req.tools ?? []).some((t) => t.function.name === "multiply");
        if (armed && req.model === "agent" && hasMultiply && ++calculatorCalls === 5) {
          armed = false;
          victim?.kill("SIGKILL");
          await new Promise((r) => setTimeout(r, 200));
        }
        return reply;
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("resumes without redoing finished tasks and keeps the roles", async () => {
    const runDir = mkdtempSync(join(tmpdir(), "toolforge-team-crash-"));
    dirs.push(runDir);
    const env = { BASE_URL: server.baseURL, RUN_DIR: runDir };
    const crashed = await runTsChild(CHILD, env, (child) => (victim = child));
    expect(crashed.signal, crashed.stderr).toBe("SIGKILL");
    const before = new RunDirectory(runDir).readEvents();
    const doneBefore = before.filter((e) => e.type === "task_done" && e.phase === "candidate").length;
    expect(doneBefore).toBeGreaterThanOrEqual(1);
    expect(doneBefore).toBeLessThan(TASKS.length);

    const resumed = await runTsChild(CHILD, env);
    expect(resumed.code, resumed.stderr).toBe(0);
    const after = new RunDirectory(runDir).readEvents().slice(before.length);
    expect(after.filter((e) => e.type === "task_done" && e.phase === "candidate").length).toBe(TASKS.length - doneBefore);
    const result = JSON.parse(resumed.stdout.trim().split("\n").at(-1)!);
    expect(result.bestTrainLoss).toBe(0);
    expect(result.functions.map((f: { name: string; roles?: string[] }) => [f.name, f.roles])).toEqual([["multiply", ["calculator"]]]);
  });
});
