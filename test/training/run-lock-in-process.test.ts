import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RUN_LOCK_FILE, RunDirectory, RunLock } from "../../src/training/index.js";
import { tempDirs } from "../helpers/temp-dirs.js";
import { lockedBy, readLock, writeLock } from "./run-lock-helpers.js";

// RunLock within one process (no child process, no dist/): the mutation run
// includes this file; run-lock.test.ts holds the cross-process cases.
const newDir = tempDirs("toolforge-lock-");
// A pid no process can have (above any pid_max), so `kill(pid, 0)` fails with ESRCH.
const DEAD_PID = 2 ** 30;
const foreign = { acquiredAt: "2026-01-01T00:00:00.000Z", command: "toolforge train", nonce: "x" };

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

  it("records who holds it: pid, host, boot, process start, command, time and a nonce, in a readable file", () => {
    const dir = newDir();
    const before = Date.now();
    const lock = RunLock.acquire(`${dir}/`, { command: "my-script" });
    try {
      expect(lock.dir).toBe(dir);
      expect(lock.path).toBe(join(dir, RUN_LOCK_FILE));
      expect(lock.held).toBe(true);
      const text = readFileSync(lock.path, "utf8");
      expect(text.endsWith("}\n")).toBe(true);
      expect(text.split("\n").length).toBeGreaterThan(5); // one field a line, for people who `cat` it
      expect(JSON.parse(text)).toEqual(lock.holder);
      expect(lock.holder).toMatchObject({ pid: process.pid, hostname: hostname(), command: "my-script" });
      expect(lock.holder.nonce).toMatch(/^[0-9a-f]{16}$/);
      expect(Date.parse(lock.holder.acquiredAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(lock.holder.acquiredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      // Boot id and start time as the kernel exposes them (field 22 of /proc/<pid>/stat).
      expect(lock.holder.bootId).toBe(readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim());
      const stat = readFileSync(`/proc/${process.pid}/stat`, "utf8");
      const afterName = stat.slice(stat.lastIndexOf(")") + 1).trim().split(/\s+/);
      expect(lock.holder.startTime).toBe(afterName[19]);
      expect(lock.holder.startTime).toMatch(/^\d+$/);
      // Only the lock file is left: the temporary file it was linked from is gone.
      expect(readdirSync(dir)).toEqual([RUN_LOCK_FILE]);
    } finally {
      lock.release();
    }
    expect(lock.held).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("names the command line's file names when no command is given", () => {
    const dir = newDir();
    const lock = RunLock.acquire(dir);
    lock.release();
    const command = lock.holder.command;
    expect(command.length).toBeGreaterThan(0);
    expect(command.length).toBeLessThanOrEqual(200);
    expect(command).not.toMatch(/[\\/]/);
    const script = process.argv[1]!.split(/[\\/]/).pop()!;
    expect(command.startsWith(script.slice(0, 200))).toBe(true);
  });

  it("is two different acquisitions even in one process: each has its own nonce", () => {
    const dir = newDir();
    const first = RunLock.acquire(dir);
    first.release();
    const second = RunLock.acquire(dir);
    second.release();
    expect(second.holder.nonce).not.toBe(first.holder.nonce);
  });

  it("takes over a lock whose pid now belongs to a process started at another time (pid reuse)", () => {
    const dir = newDir();
    const lock = RunLock.acquire(dir);
    const stale = readLock(dir);
    expect(stale.startTime, "this test needs /proc").toBeDefined();
    lock.release();
    writeLock(dir, { ...stale, startTime: "1", nonce: "old" });
    expect(RunLock.holder(dir)).toBeUndefined();
    expect(() => RunLock.assertFree(dir)).not.toThrow();
    const next = RunLock.acquire(dir);
    expect(readLock(dir).nonce).toBe(next.holder.nonce);
    next.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("takes over a lock from before a reboot (another boot id)", () => {
    const dir = newDir();
    const lock = RunLock.acquire(dir);
    const stale = readLock(dir);
    lock.release();
    writeLock(dir, { ...stale, bootId: "00000000-0000-0000-0000-000000000000", nonce: "old" });
    expect(RunLock.holder(dir)).toBeUndefined();
    const next = RunLock.acquire(dir);
    expect(readLock(dir).nonce).toBe(next.holder.nonce);
    next.release();
  });

  it("takes over a lock of a process that no longer exists, and leaves no temporary file", () => {
    const dir = newDir();
    writeLock(dir, { pid: DEAD_PID, hostname: hostname(), ...foreign });
    expect(RunLock.holder(dir)).toBeUndefined();
    const lock = RunLock.acquire(dir, { command: "next" });
    expect(readLock(dir)).toMatchObject({ pid: process.pid, command: "next" });
    expect(readdirSync(dir)).toEqual([RUN_LOCK_FILE]);
    lock.release();
  });

  it("respects a lock of a live process on this host that records no start time, naming it without a hint to delete", () => {
    const dir = newDir();
    // pid 1 always exists; without boot id or start time nothing says it is another process.
    const holder = { pid: 1, hostname: hostname(), ...foreign };
    writeLock(dir, holder);
    expect(RunLock.holder(dir)).toEqual(holder);
    const error = lockedBy(() => RunLock.acquire(dir));
    expect(error.code).toBe("E_RUN_LOCKED");
    expect(error.message).toBe(`${dir} is in use by process 1 on ${hostname()} (toolforge train) since 2026-01-01T00:00:00.000Z: one writer per run directory`);
    expect(error.context).toEqual({ path: join(dir, RUN_LOCK_FILE), runDir: dir, holder });
    expect(lockedBy(() => RunLock.assertFree(dir)).message).toBe(error.message);
    // The refused attempt left nothing behind and changed nothing.
    expect(readdirSync(dir)).toEqual([RUN_LOCK_FILE]);
    expect(readLock(dir)).toEqual(holder);
  });

  it("respects a live holder whose boot id and start time match", () => {
    const dir = newDir();
    const lock = RunLock.acquire(dir);
    const mine = readLock(dir);
    lock.release();
    writeLock(dir, { ...mine, nonce: "other-acquisition" });
    expect(lockedBy(() => RunLock.acquire(dir)).message).toMatch(/in use by this process/);
  });

  it("a live pid of this process on another host is not 'this process'", () => {
    const dir = newDir();
    writeLock(dir, { pid: process.pid, hostname: "elsewhere.invalid", ...foreign });
    expect(lockedBy(() => RunLock.acquire(dir)).message).toContain(`process ${process.pid} on elsewhere.invalid (toolforge train)`);
  });

  it("respects a lock from another host, saying how to clear it", () => {
    const dir = newDir();
    // Even a pid that is dead here may be alive there.
    writeLock(dir, { pid: DEAD_PID, hostname: "elsewhere.invalid", ...foreign });
    const error = lockedBy(() => RunLock.acquire(dir));
    expect(error.message).toContain(`process ${DEAD_PID} on elsewhere.invalid (toolforge train)`);
    expect(error.message).toContain(`; if that process is gone, delete ${join(dir, RUN_LOCK_FILE)}`);
    expect(RunLock.holder(dir)?.hostname).toBe("elsewhere.invalid");
    expect(() => RunLock.assertFree(dir)).toThrow(/elsewhere\.invalid/);
  });

  it("a free directory has no holder and passes assertFree", () => {
    const dir = newDir();
    expect(RunLock.holder(dir)).toBeUndefined();
    expect(() => RunLock.assertFree(dir)).not.toThrow();
  });

  it("refuses an unreadable lock file with a typed error naming it", () => {
    const dir = newDir();
    writeFileSync(join(dir, RUN_LOCK_FILE), "{ torn");
    const error = lockedBy(() => RunLock.acquire(dir));
    expect(error.code).toBe("E_RUN_LOCK_UNREADABLE");
    expect(error.message).toBe(`${join(dir, RUN_LOCK_FILE)}: lock file is unreadable; if no toolforge process is using ${dir}, delete it`);
    expect(error.context).toEqual({ path: join(dir, RUN_LOCK_FILE), runDir: dir });
    expect(RunLock.holder(dir)).toBeUndefined();
    expect(readFileSync(join(dir, RUN_LOCK_FILE), "utf8")).toBe("{ torn");
  });

  it.each([
    ["no pid", { hostname: "h", nonce: "n" }],
    ["a fractional pid", { pid: 1.5, hostname: "h", nonce: "n" }],
    ["a pid as text", { pid: "1", hostname: "h", nonce: "n" }],
    ["no host", { pid: 1, nonce: "n" }],
    ["a numeric host", { pid: 1, hostname: 7, nonce: "n" }],
    ["no nonce", { pid: 1, hostname: "h" }],
    ["a numeric nonce", { pid: 1, hostname: "h", nonce: 5 }],
    ["JSON null", null],
  ])("counts a lock file with %s as unreadable", (_, content) => {
    const dir = newDir();
    writeFileSync(join(dir, RUN_LOCK_FILE), JSON.stringify(content));
    expect(lockedBy(() => RunLock.acquire(dir)).code).toBe("E_RUN_LOCK_UNREADABLE");
  });

  it("passes on an error other than a missing lock file while reading it", () => {
    const dir = newDir();
    mkdirSync(join(dir, RUN_LOCK_FILE));
    expect(() => RunLock.holder(dir)).toThrow(expect.objectContaining({ code: "EISDIR" }));
  });

  it("release is idempotent and never removes a lock that is no longer its own", () => {
    const dir = newDir();
    const lock = RunLock.acquire(dir);
    writeLock(dir, { ...readLock(dir), nonce: "someone-else" });
    lock.release();
    expect(lock.held).toBe(false);
    expect(readLock(dir).nonce).toBe("someone-else");
    // Released, then another acquisition: a second release leaves the new lock alone.
    writeLock(dir, { pid: DEAD_PID, hostname: hostname(), ...foreign });
    const next = RunLock.acquire(dir);
    lock.release();
    expect(readLock(dir).nonce).toBe(next.holder.nonce);
    next.release();
    expect(existsSync(join(dir, RUN_LOCK_FILE))).toBe(false);
  });

  it("release survives a lock file someone already deleted", () => {
    const dir = newDir();
    const lock = RunLock.acquire(dir);
    writeFileSync(join(dir, "keep"), "");
    rmSync(lock.path);
    expect(() => lock.release()).not.toThrow();
    expect(readdirSync(dir)).toEqual(["keep"]);
  });

  it("is released when the process exits without releasing it, and stops listening once released", () => {
    const dir = newDir();
    const before = new Set(process.listeners("exit"));
    const lock = RunLock.acquire(dir);
    const added = process.listeners("exit").filter((l) => !before.has(l));
    expect(added).toHaveLength(1);
    (added[0] as () => void)();
    expect(lock.held).toBe(false);
    expect(existsSync(join(dir, RUN_LOCK_FILE))).toBe(false);
    expect(process.listeners("exit")).not.toContain(added[0]);

    const other = RunLock.acquire(dir);
    other.release();
    expect(process.listeners("exit").filter((l) => !before.has(l))).toEqual([]);
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
