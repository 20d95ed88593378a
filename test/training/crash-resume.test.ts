import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScriptedServer } from "../../src/testing/index.js";
import type { ScriptedRequest, ScriptedServer } from "../../src/testing/types.js";
import { RunDirectory } from "../../src/training/index.js";
import { respond, TASKS } from "./fixtures/scripted-run.js";
import { runTsChild } from "../helpers/run-ts-child.js";

const CHILD = join(import.meta.dirname, "fixtures", "train-child.ts");

/** Body key of a request: what the model cache keys on, minus transport noise. */
const keyOf = (req: ScriptedRequest) => JSON.stringify({ model: req.model, messages: req.messages, tools: req.tools ?? [] });

const runChild = (env: Record<string, string>, onSpawn?: (child: ChildProcess) => void) => runTsChild(CHILD, env, onSpawn);

describe("crash and resume (kill -9 in a child process)", () => {
  let server: ScriptedServer;
  /** Answered request keys, per phase of the test. */
  const answered: Record<"crashed" | "resumed" | "clean", string[]> = { crashed: [], resumed: [], clean: [] };
  let phase: keyof typeof answered = "crashed";
  let victim: ChildProcess | undefined;
  let candidateAgentCalls = 0;
  const dirs: string[] = [];

  beforeAll(async () => {
    server = await startScriptedServer({
      respond: async (req) => {
        const reply = respond(req);
        // Kill the first run in the middle of the candidate evaluation: at the
        // 6th agent request that has the learned tool (the 2nd call of the 3rd
        // task). With concurrency 1, every earlier request has been answered
        // and cached by then, and the 3rd task's 1st call is answered but its
        // task unfinished — the model cache must spare it on resume.
        if (phase === "crashed" && req.model === "agent" && (req.tools ?? []).length > 0 && ++candidateAgentCalls === 6) {
          victim?.kill("SIGKILL");
          await new Promise((r) => setTimeout(r, 200));
          return reply;
        }
        answered[phase].push(keyOf(req));
        return reply;
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("resumes to the same toolset without repeating finished tasks or completed model calls", async () => {
    const runDir = mkdtempSync(join(tmpdir(), "toolforge-crash-"));
    const cleanDir = mkdtempSync(join(tmpdir(), "toolforge-clean-"));
    dirs.push(runDir, cleanDir);
    const env = { BASE_URL: server.baseURL, RUN_DIR: runDir };

    const crashed = await runChild(env, (child) => (victim = child));
    expect(crashed.signal, crashed.stderr).toBe("SIGKILL");
    const eventsBefore = new RunDirectory(runDir).readEvents();
    const doneBefore = eventsBefore.filter((e) => e.type === "task_done" && e.phase === "candidate").length;
    expect(doneBefore).toBeGreaterThanOrEqual(2);
    expect(doneBefore).toBeLessThan(TASKS.length);

    phase = "resumed";
    const resumed = await runChild(env);
    expect(resumed.code, resumed.stderr).toBe(0);
    const events = new RunDirectory(runDir).readEvents();
    const doneAfter = events.slice(eventsBefore.length).filter((e) => e.type === "task_done" && e.phase === "candidate" && e.step === 1);
    // Finished task evaluations are not redone.
    expect(doneAfter.length).toBe(TASKS.length - doneBefore);
    // No model call completed before the kill is answered again.
    const before = new Set(answered.crashed);
    expect(answered.resumed.length).toBeGreaterThan(0);
    expect(answered.resumed.filter((k) => before.has(k))).toEqual([]);

    phase = "clean";
    const clean = await runChild({ BASE_URL: server.baseURL, RUN_DIR: cleanDir });
    expect(clean.code, clean.stderr).toBe(0);
    const a = JSON.parse(resumed.stdout.trim().split("\n").at(-1)!);
    const b = JSON.parse(clean.stdout.trim().split("\n").at(-1)!);
    expect(a.names).toEqual(["twice_number"]);
    expect(a.hash).toBe(b.hash);
    expect(a.steps.map((s: any) => [s.step, s.accepted, s.trainLoss])).toEqual(b.steps.map((s: any) => [s.step, s.accepted, s.trainLoss]));
    expect(a.stopReason).toBe("max_steps");
  });
});
