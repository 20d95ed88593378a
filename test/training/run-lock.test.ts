import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { RunLock, RunLockedError, trainAgent } from "../../src/training/index.js";
import { memoryIO } from "../cli/memory-io.js";
import { compiledFixture } from "../helpers/compiled-fixture.js";
import { tempDirs } from "../helpers/temp-dirs.js";
import { makeTasks } from "./helpers.js";
import { readLock } from "./run-lock-helpers.js";

const HOLDER = join(import.meta.dirname, "fixtures", "lock-holder.ts");
const newDir = tempDirs("toolforge-lock-");

// RunLock within one process: run-lock-in-process.test.ts (in the mutation run).

describe("a run directory locked by another live process", () => {
  let holder: ChildProcess;
  let exited: Promise<void>;
  let runDir: string;

  beforeAll(async () => {
    runDir = newDir();
    holder = spawn(process.execPath, [compiledFixture(HOLDER)], { env: { ...process.env, RUN_DIR: runDir }, stdio: ["ignore", "pipe", "inherit"] });
    exited = new Promise((resolve) => holder.on("exit", () => resolve()));
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.on("data", (d) => String(d).includes("held") && resolve());
      holder.on("exit", (code) => reject(new Error(`lock holder exited early (${code})`)));
    });
  });
  afterAll(async () => {
    if (holder.exitCode === null && holder.signalCode === null) holder.kill("SIGKILL");
    await exited;
  });

  it("trainAgent refuses it, naming the holder, before writing anything", async () => {
    const before = readdirSync(runDir).sort();
    const error = await trainAgent({
      agent: () => {
        throw new Error("must not build an agent");
      },
      optimizer: { model: "openai:never" },
      train: makeTasks(2),
      scorer: () => 1,
      runDir,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunLockedError);
    expect((error as RunLockedError).message).toContain(`process ${holder.pid}`);
    expect((error as RunLockedError).context.holder).toMatchObject({ pid: holder.pid, command: "lock-holder fixture" });
    expect(readdirSync(runDir).sort()).toEqual(before);
  });

  it("the CLI's resume and train --force exit 2 naming the holder, deleting nothing", async () => {
    writeFileSync(join(runDir, "run.json"), JSON.stringify({ threadId: "t", createdAt: "x" }));
    writeFileSync(join(runDir, "config.json"), JSON.stringify({ format: "toolforge.train-config", version: 1, data: "gsm8k:train", agent: "tool-calling", model: "openai:m", optimizerModel: "openai:m", maxSteps: 1, patience: 1, maxActions: 1, concurrency: 1, seed: 0, codeInterpreter: true }));
    const before = readdirSync(runDir).sort();
    vi.stubEnv("OPENAI_API_KEY", "sk-test");
    vi.stubEnv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1");
    for (const argv of [
      ["resume", runDir],
      ["train", "--data", "gsm8k:train", "--limit", "2", "--model", "openai:m", "--out", runDir, "--force"],
      ["train", "--data", "gsm8k:train", "--limit", "2", "--model", "openai:m", "--out", runDir],
    ]) {
      const io = memoryIO();
      expect(await runCli(argv, io), io.err()).toBe(2);
      expect(io.err()).toMatch(new RegExp(`in use by process ${holder.pid} on .*lock-holder fixture`));
      expect(readdirSync(runDir).sort()).toEqual(before);
    }
    vi.unstubAllEnvs();
  });

  it("after the holder is killed with SIGKILL, its stale lock is taken over", async () => {
    holder.kill("SIGKILL");
    await exited;
    expect(readLock(runDir).pid).toBe(holder.pid);
    expect(RunLock.holder(runDir)).toBeUndefined();
    const lock = RunLock.acquire(runDir);
    expect(readLock(runDir).pid).toBe(process.pid);
    lock.release();
  });
});
