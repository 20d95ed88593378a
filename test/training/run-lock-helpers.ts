import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { RUN_LOCK_FILE, RunLockedError } from "../../src/training/index.js";

/** The RunLockedError `fn` throws (fails the test when it throws nothing or something else). */
export function lockedBy(fn: () => unknown): RunLockedError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RunLockedError);
    return error as RunLockedError;
  }
  throw new Error("expected a RunLockedError");
}

/** The parsed `run.lock` of `dir`. */
export const readLock = (dir: string) => JSON.parse(readFileSync(join(dir, RUN_LOCK_FILE), "utf8")) as Record<string, unknown>;

/** Writes `lock` as `dir`'s `run.lock`, as another process would have. */
export const writeLock = (dir: string, lock: Record<string, unknown>) => writeFileSync(join(dir, RUN_LOCK_FILE), JSON.stringify(lock));
