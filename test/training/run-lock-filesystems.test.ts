import { readdirSync, readFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RUN_LOCK_FILE, RunLock } from "../../src/training/index.js";
import { tempDirs } from "../helpers/temp-dirs.js";
import { lockedBy, readLock, writeLock } from "./run-lock-helpers.js";

// The filesystem cases RunLock meets only on other filesystems or in races
// with other processes: hard links refused, a contender sweeping or taking the
// lock between two steps. node:fs is wrapped so a test can make one call fail
// or do a contender's work just before it.
const hooks = vi.hoisted(() => ({
  link: undefined as ((existing: string, target: string) => void) | undefined,
  rename: undefined as ((from: string, to: string) => void) | undefined,
  write: undefined as ((path: unknown) => void) | undefined,
}));
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  return {
    ...fs,
    linkSync: (existing: string, target: string) => {
      hooks.link?.(existing, target);
      return fs.linkSync(existing, target);
    },
    writeFileSync: (...args: Parameters<typeof fs.writeFileSync>) => {
      hooks.write?.(args[0]);
      return fs.writeFileSync(...args);
    },
    renameSync: (from: string, to: string) => {
      hooks.rename?.(from, to);
      return fs.renameSync(from, to);
    },
  };
});
afterEach(() => {
  hooks.link = undefined;
  hooks.rename = undefined;
  hooks.write = undefined;
});

const newDir = tempDirs("toolforge-lock-fs-");
const DEAD_PID = 2 ** 30;
const fsError = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });
const lockFile = (dir: string) => join(dir, RUN_LOCK_FILE);

describe("RunLock on filesystems without hard links", () => {
  it.each(["EPERM", "ENOTSUP", "EOPNOTSUPP"])("takes the lock by exclusive create when linking fails with %s", (code) => {
    const dir = newDir();
    hooks.link = () => {
      throw fsError(code);
    };
    const lock = RunLock.acquire(dir, { command: "no-links" });
    expect(readLock(dir)).toEqual(lock.holder);
    expect(readFileSync(lockFile(dir), "utf8").endsWith("}\n")).toBe(true);
    expect(readdirSync(dir)).toEqual([RUN_LOCK_FILE]);
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("still refuses a second writer there, leaving its lock alone", () => {
    const dir = newDir();
    hooks.link = () => {
      throw fsError("EPERM");
    };
    const first = RunLock.acquire(dir);
    expect(lockedBy(() => RunLock.acquire(dir)).message).toMatch(/in use by this process/);
    expect(readLock(dir).nonce).toBe(first.holder.nonce);
    expect(readdirSync(dir)).toEqual([RUN_LOCK_FILE]);
    first.release();
  });

  it("passes on another error of the exclusive create, leaving no temporary file", () => {
    const dir = newDir();
    hooks.link = () => {
      throw fsError("EPERM");
    };
    hooks.write = (path) => {
      if (path === lockFile(dir)) throw fsError("EROFS");
    };
    expect(() => RunLock.acquire(dir)).toThrow(expect.objectContaining({ code: "EROFS" }));
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("RunLock racing other contenders", () => {
  it("passes on an unexpected link error, leaving no temporary file", () => {
    const dir = newDir();
    hooks.link = () => {
      throw fsError("EIO");
    };
    expect(() => RunLock.acquire(dir)).toThrow(expect.objectContaining({ code: "EIO" }));
    expect(readdirSync(dir)).toEqual([]);
  });

  it("tries again when a contender's sweep removed its temporary file", () => {
    const dir = newDir();
    let swept = 0;
    hooks.link = () => {
      if (swept++ === 0) throw fsError("ENOENT");
    };
    const lock = RunLock.acquire(dir);
    expect(swept).toBe(2);
    expect(readLock(dir).nonce).toBe(lock.holder.nonce);
    lock.release();
  });

  it("tries again when the lock it met was released before it could read it", () => {
    const dir = newDir();
    let attempts = 0;
    hooks.link = () => {
      if (attempts++ === 0) throw fsError("EEXIST"); // a lock that is gone by the time it is read
    };
    const lock = RunLock.acquire(dir);
    expect(attempts).toBe(2);
    lock.release();
  });

  it("gives up with E_RUN_LOCKED after a few rounds when others keep taking the lock", () => {
    const dir = newDir();
    let attempts = 0;
    hooks.link = () => {
      attempts++;
      throw fsError("EEXIST");
    };
    const error = lockedBy(() => RunLock.acquire(dir));
    expect(error.code).toBe("E_RUN_LOCKED");
    expect(error.message).toBe(`${dir}: could not take the run lock (other processes keep taking it)`);
    expect(error.context).toEqual({ path: lockFile(dir), runDir: dir });
    expect(attempts).toBeGreaterThan(2);
    expect(attempts).toBeLessThan(100);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("never removes a fresh lock a contender took while it cleared a stale one", () => {
    const dir = newDir();
    writeLock(dir, { pid: DEAD_PID, hostname: hostname(), acquiredAt: "2026-01-01T00:00:00.000Z", command: "dead", nonce: "stale" });
    const fresh = { pid: 1, hostname: hostname(), acquiredAt: "2026-01-02T00:00:00.000Z", command: "contender", nonce: "fresh" };
    hooks.rename = (from) => {
      // Between reading the stale lock and moving it aside, the contender replaced it.
      if (from === lockFile(dir)) writeLock(dir, fresh);
    };
    const error = lockedBy(() => RunLock.acquire(dir));
    expect(error.message).toContain("process 1 on");
    expect(error.message).toContain("(contender)");
    expect(readLock(dir)).toEqual(fresh);
    expect(readdirSync(dir)).toEqual([RUN_LOCK_FILE]);
  });

  it("takes the lock when the stale one vanished before it could be moved aside", () => {
    const dir = newDir();
    writeLock(dir, { pid: DEAD_PID, hostname: hostname(), acquiredAt: "2026-01-01T00:00:00.000Z", command: "dead", nonce: "stale" });
    hooks.rename = (from) => {
      if (from === lockFile(dir)) {
        hooks.rename = undefined;
        throw fsError("ENOENT");
      }
    };
    const lock = RunLock.acquire(dir);
    expect(readLock(dir).nonce).toBe(lock.holder.nonce);
    lock.release();
  });

  it("passes on another error while moving a stale lock aside", () => {
    const dir = newDir();
    writeLock(dir, { pid: DEAD_PID, hostname: hostname(), acquiredAt: "2026-01-01T00:00:00.000Z", command: "dead", nonce: "stale" });
    hooks.rename = () => {
      throw fsError("EXDEV");
    };
    expect(() => RunLock.acquire(dir)).toThrow(expect.objectContaining({ code: "EXDEV" }));
    expect(readLock(dir).nonce).toBe("stale");
  });

  it("when a contender got the lock while a fresh one was moved aside by mistake, the contender keeps it", () => {
    const dir = newDir();
    writeLock(dir, { pid: DEAD_PID, hostname: hostname(), acquiredAt: "2026-01-01T00:00:00.000Z", command: "dead", nonce: "stale" });
    const moved = { pid: 1, hostname: hostname(), acquiredAt: "2026-01-02T00:00:00.000Z", command: "mistaken", nonce: "moved" };
    const winner = { pid: 1, hostname: hostname(), acquiredAt: "2026-01-03T00:00:00.000Z", command: "winner", nonce: "winner" };
    hooks.rename = (from, to) => {
      if (from !== lockFile(dir)) return;
      writeLock(dir, moved);
      hooks.rename = undefined;
      // After the move, a third contender creates its own lock before the link back.
      hooks.link = (existing, target) => {
        if (existing === to && target === lockFile(dir)) {
          hooks.link = undefined;
          writeLock(dir, winner);
        }
      };
    };
    expect(lockedBy(() => RunLock.acquire(dir)).message).toContain("(winner)");
    expect(readLock(dir)).toEqual(winner);
    expect(readdirSync(dir)).toEqual([RUN_LOCK_FILE]);
  });
});
