import { randomBytes } from "node:crypto";
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { RunLockedError } from "./errors.js";

/**
 * Name of the lock file inside a run directory.
 *
 * @example
 * import { RUN_LOCK_FILE } from "toolforge";
 * console.log(RUN_LOCK_FILE); // "run.lock"
 */
export const RUN_LOCK_FILE = "run.lock";

/**
 * Who holds a run directory's lock, as recorded in `run.lock`. `startTime`
 * (the process's start in clock ticks since boot, from `/proc`) and `bootId`
 * tell a live holder from a dead one whose pid was reused or whose machine
 * rebooted; they are absent where the OS does not expose them.
 *
 * @example
 * import { RunLock } from "toolforge";
 * const holder = RunLock.holder("runs/math");
 * if (holder) console.log(`pid ${holder.pid} on ${holder.hostname} since ${holder.acquiredAt}`);
 */
export interface RunLockHolder {
  pid: number;
  hostname: string;
  bootId?: string;
  startTime?: string;
  acquiredAt: string;
  /** What took the lock, e.g. `toolforge resume`. */
  command: string;
  /** Unique per acquisition, so a holder only ever removes its own lock. */
  nonce: string;
}

/**
 * One writer per run directory. `RunLock.acquire` creates `run.lock`
 * atomically (written to a temporary file, then hard-linked into place, which
 * fails if the lock exists), so two processes can never both hold it. A lock
 * left by a process that died — even by `kill -9` — is stale and taken over:
 * its pid is gone, or the pid now belongs to a process with another start
 * time, or the machine has rebooted since (another boot id). A lock from
 * another host cannot be checked and is always respected.
 *
 * A second writer gets a {@link RunLockedError} (`E_RUN_LOCKED`) naming the
 * holder; a second `acquire` in the same process is refused too.
 *
 * @example
 * import { RunLock } from "toolforge";
 * const lock = RunLock.acquire("runs/math", { command: "my-script" });
 * try { // ... write into runs/math ...
 * } finally { lock.release(); }
 */
export class RunLock {
  #released = false;
  readonly #onExit = () => this.release();

  private constructor(
    /** Absolute path of the run directory. */
    readonly dir: string,
    readonly holder: RunLockHolder,
  ) {
    // A process that exits without releasing (process.exit on a second
    // Ctrl-C) would otherwise leave a lock that only staleness detection frees.
    process.once("exit", this.#onExit);
  }

  /** Path of the lock file. */
  get path(): string {
    return join(this.dir, RUN_LOCK_FILE);
  }

  /** False once released. */
  get held(): boolean {
    return !this.#released;
  }

  /**
   * Takes the lock of `dir` (which must exist), or throws
   * {@link RunLockedError} naming the live holder.
   */
  static acquire(dir: string, options: { command?: string } = {}): RunLock {
    const root = resolve(dir);
    const path = join(root, RUN_LOCK_FILE);
    const mine = describeSelf(options.command ?? commandLine());
    // Each round either takes the lock, meets a live holder, or clears one
    // stale lock; a few rounds cover races with other contenders.
    for (let round = 0; round < 8; round++) {
      if (tryCreate(path, mine)) return new RunLock(root, mine);
      const current = readHolder(path);
      if (current === undefined) continue; // released in between
      if (current === "unreadable") {
        throw new RunLockedError("E_RUN_LOCK_UNREADABLE", `${path}: lock file is unreadable; if no toolforge process is using ${root}, delete it`, { path, runDir: root });
      }
      if (isLive(current)) throw lockedError(root, path, current);
      clearStale(path, current);
    }
    throw new RunLockedError("E_RUN_LOCKED", `${root}: could not take the run lock (other processes keep taking it)`, { path, runDir: root });
  }

  /**
   * The live holder of `dir`'s lock, or `undefined` when it is free or stale.
   *
   * @example
   * import { RunLock } from "toolforge";
   * console.log(RunLock.holder("runs/math")?.pid);
   */
  static holder(dir: string): RunLockHolder | undefined {
    const current = readHolder(join(resolve(dir), RUN_LOCK_FILE));
    return typeof current === "object" && isLive(current) ? current : undefined;
  }

  /**
   * Throws the {@link RunLockedError} that `acquire` would, without taking
   * the lock, when a live process holds `dir`.
   *
   * @example
   * import { RunLock } from "toolforge";
   * RunLock.assertFree("runs/math"); // throws E_RUN_LOCKED while a run writes there
   */
  static assertFree(dir: string): void {
    const root = resolve(dir);
    const holder = RunLock.holder(root);
    if (holder) throw lockedError(root, join(root, RUN_LOCK_FILE), holder);
  }

  /** Removes the lock if it is still this one's (idempotent). */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    process.off("exit", this.#onExit);
    const current = readHolder(this.path);
    if (typeof current === "object" && current.nonce === this.holder.nonce) unlinkQuiet(this.path);
  }
}

function lockedError(root: string, path: string, holder: RunLockHolder): RunLockedError {
  const self = holder.pid === process.pid && holder.hostname === hostname();
  const who = self ? "this process" : `process ${holder.pid} on ${holder.hostname} (${holder.command})`;
  const hint = holder.hostname === hostname() ? "" : `; if that process is gone, delete ${path}`;
  return new RunLockedError("E_RUN_LOCKED", `${root} is in use by ${who} since ${holder.acquiredAt}: one writer per run directory${hint}`, {
    path,
    runDir: root,
    holder,
  });
}

/** Creates the lock file with its full content in one step; false if it exists. */
function tryCreate(path: string, holder: RunLockHolder): boolean {
  const text = JSON.stringify(holder, null, 2) + "\n";
  const tmp = `${path}.${process.pid}.${holder.nonce}.tmp`;
  writeFileSync(tmp, text);
  try {
    linkSync(tmp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    // A contender's sweep removed our temporary file: just try again.
    if (code === "ENOENT") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP") throw error;
    // Filesystems without hard links: exclusive create (a reader may briefly see it empty).
    try {
      writeFileSync(path, text, { flag: "wx" });
      return true;
    } catch (inner) {
      if ((inner as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw inner;
    }
  } finally {
    unlinkQuiet(tmp);
  }
}

/**
 * Removes a stale lock without ever removing a fresh one: the lock is first
 * renamed away (atomic), then checked to be the stale one that was read; a
 * contender's fresh lock renamed by mistake is linked back.
 */
function clearStale(path: string, stale: RunLockHolder): void {
  const aside = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.stale.tmp`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  const moved = readHolder(aside);
  if (typeof moved === "object" && moved.nonce !== stale.nonce) {
    try {
      linkSync(aside, path);
    } catch {
      // Another contender got the lock meanwhile; the moved one's owner will find it gone at release.
    }
  }
  unlinkQuiet(aside);
}

function readHolder(path: string): RunLockHolder | "unreadable" | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<RunLockHolder>;
    if (Number.isInteger(value.pid) && typeof value.hostname === "string" && typeof value.nonce === "string") return value as RunLockHolder;
  } catch {
    // fall through
  }
  return "unreadable";
}

/** Whether the recorded holder may still be running; unknowable cases count as live. */
function isLive(holder: RunLockHolder): boolean {
  if (holder.hostname !== hostname()) return true;
  const bootId = readBootId();
  if (holder.bootId && bootId && holder.bootId !== bootId) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  const startTime = processStartTime(holder.pid);
  if (holder.startTime && startTime && holder.startTime !== startTime) return false;
  return true;
}

function describeSelf(command: string): RunLockHolder {
  const bootId = readBootId();
  const startTime = processStartTime(process.pid);
  return {
    pid: process.pid,
    hostname: hostname(),
    ...(bootId ? { bootId } : {}),
    ...(startTime ? { startTime } : {}),
    acquiredAt: new Date().toISOString(),
    command,
    nonce: randomBytes(8).toString("hex"),
  };
}

function commandLine(): string {
  return process.argv
    .slice(1)
    .map((a) => a.split(/[\\/]/).pop())
    .join(" ")
    .slice(0, 200);
}

function readBootId(): string | undefined {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Field 22 of `/proc/<pid>/stat` (after the parenthesised command name, which may hold spaces). */
function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
