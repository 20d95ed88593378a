import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { RUN_LOCK_FILE, RunDirectory, RunLock, RunLockedError, trainAgent } from "../../src/training/index.js";
import { memoryIO } from "../cli/memory-io.js";
import { compiledFixture } from "../helpers/compiled-fixture.js";
import { tempDirs } from "../helpers/temp-dirs.js";
import { makeTasks } from "./helpers.js";

const HOLDER = join(import.meta.dirname, "fixtures", "lock-holder.ts");
const newDir = tempDirs("toolforge-lock-");

const lockedBy = (fn: () => unknown): RunLockedError => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RunLockedError);
    return error as RunLockedError;
  }
  throw new Error("expected a RunLockedError");
};
const readLock = (dir: string) => JSON.parse(readFileSync(join(dir, RUN_LOCK_FILE), "utf8")) as Record<string, unknown>;
const writeLock = (dir: string, lock: Record<string, unknown>) => writeFileSync(join(dir, RUN_LOCK_FILE), JSON.stringify(lock));

describe("RunLock in one process", () => {
  it("refuses a second writer in the same process, naming it, until released", () => {
    const dir = newDir();
    const lock = RunLock.acquire(dir, { command: "first" });
    expect(readLock(dir)).toMatchObject({ pid: process.pid, command: "first" });
    const error = lockedBy(() => RunLock.acquire(dir));
    expect(error.code).toBe("E_RUN_LOCKED");
    expect(error.message).toMatch(/in use by this process/);
    expect(RunLock.holder(dir)?.pid).toBe(process.pid);
    lock.release();
    expect(existsSync(join(dir, RUN_LOCK_FILE))).toBe(false);
    RunLock.acquire(dir).release();
  });

  it("takes over a lock whose pid now belongs to a process started at another time (pid reuse)", () => {
    const dir = newDir();
    const lock = RunLock.acquire(dir);
    const stale = readLock(dir);
    expect(stale.startTime, "this test needs /proc").toBeDefined();
    lock.release();
    writeLock(dir, { ...stale, startTime: "1", nonce: "old" });
    const next = RunLock.acquire(dir);
    expect(readLock(dir).nonce).toBe(next.holder.nonce);
    next.release();
  });

  it("takes over a lock from before a reboot (another boot id)", () => {
    const dir = newDir();
    const lock = RunLock.acquire(dir);
    const stale = readLock(dir);
    lock.release();
    writeLock(dir, { ...stale, bootId: "00000000-0000-0000-0000-000000000000", nonce: "old" });
    RunLock.acquire(dir).release();
  });

  it("respects a lock from another host, saying how to clear it", () => {
    const dir = newDir();
    writeLock(dir, { pid: 1, hostname: "elsewhere.invalid", acquiredAt: "2026-01-01T00:00:00.000Z", command: "toolforge train", nonce: "x" });
    const error = lockedBy(() => RunLock.acquire(dir));
    expect(error.message).toContain("process 1 on elsewhere.invalid (toolforge train)");
    expect(error.message).toContain(`delete ${join(dir, RUN_LOCK_FILE)}`);
  });

  it("refuses an unreadable lock file with a typed error", () => {
    const dir = newDir();
    writeFileSync(join(dir, RUN_LOCK_FILE), "{ torn");
    expect(lockedBy(() => RunLock.acquire(dir)).code).toBe("E_RUN_LOCK_UNREADABLE");
  });

  it("release never removes a lock that is no longer its own", () => {
    const dir = newDir();
    const lock = RunLock.acquire(dir);
    writeLock(dir, { ...readLock(dir), nonce: "someone-else" });
    lock.release();
    expect(readLock(dir).nonce).toBe("someone-else");
  });

  it("the lock holder removes temporary files a killed writer left behind", () => {
    const dir = newDir();
    mkdirSync(join(dir, "toolsets"));
    writeFileSync(join(dir, "toolsets", ".step-1.json.123.abc.tmp"), "{");
    writeFileSync(join(dir, ".run.json.123.def.tmp"), "{");
    writeFileSync(join(dir, "toolsets", "step-0.json"), "{}");
    new RunDirectory(dir).lock().release();
    expect(readdirSync(dir, { recursive: true }).sort()).toEqual(["toolsets", join("toolsets", "step-0.json")]);
  });
});

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
