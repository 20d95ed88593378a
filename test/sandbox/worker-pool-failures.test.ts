import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { SandboxError } from "../../src/sandbox/errors.js";
import type { GuestRequest, RuntimeLimits } from "../../src/sandbox/protocol.js";
import type { SandboxResult } from "../../src/sandbox/types.js";
import { WorkerPool } from "../../src/sandbox/worker-pool.js";

// What a worker pool does when its workers die, and when it keeps the
// process alive. Each test has limits of its own (maxLogBytes) so no copy of
// another test's runtime applies.
const scratch = mkdtempSync(join(tmpdir(), "toolforge-worker-pool-failures-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let distinct = 8192;
const limits = (): RuntimeLimits => ({ memoryLimitMb: 32, stackLimitKb: 256, maxResultBytes: 65536, maxLogBytes: ++distinct, recycleAboveMb: 256, packages: [] });
const GENEROUS_MS = 60_000;
const script = (source: string, timeoutMs = GENEROUS_MS): GuestRequest => ({ op: "script", source, packages: [], timeoutMs });
/** Native string search of ~10^11 steps: it runs until the host ends it. */
const STUCK = script("'a'.repeat(1e6).indexOf('a'.repeat(5e5) + 'b')");
const value = (r: SandboxResult): unknown => (r.ok ? r.value : r.error);
const tick = (ms = 10): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The pool's one worker thread: a test stands in for whatever kills a thread (an engine crash, an out-of-memory abort). */
const workerOf = (pool: WorkerPool): Worker => (pool as unknown as { slots: { worker: Worker }[] }).slots[0]!.worker;

/**
 * Kills the pool's worker `times` times in a row: each replacement is killed
 * as soon as the pool made it, before it could report ready. `beforeLast`
 * runs just before the last kill.
 */
function killInARow(pool: WorkerPool, times: number, beforeLast?: () => void): Promise<void> {
  return new Promise((resolve) => {
    const kill = (worker: Worker, left: number): void => {
      // Registered after the pool's own listener, so that one has already replaced the worker (or given up on it).
      worker.once("exit", () => (left === 1 ? resolve() : kill(workerOf(pool), left - 1)));
      if (left === 1) beforeLast?.();
      void worker.terminate();
    };
    kill(workerOf(pool), times);
  });
}

/**
 * A pool whose workers run `source` instead of the sandbox's worker, through
 * the variable this repository's test setup uses to point pools at a
 * compiled worker (read when a pool is made). Returns the entry's URL too.
 */
function poolWithWorker(name: string, source: string): { pool: WorkerPool; entry: string } {
  const file = join(scratch, name);
  writeFileSync(file, source);
  const previous = process.env.TOOLFORGE_COMPILED_SANDBOX_WORKER;
  process.env.TOOLFORGE_COMPILED_SANDBOX_WORKER = file;
  try {
    return { pool: new WorkerPool(limits(), 1, 1000), entry: `file://${file}` };
  } finally {
    if (previous === undefined) delete process.env.TOOLFORGE_COMPILED_SANDBOX_WORKER;
    else process.env.TOOLFORGE_COMPILED_SANDBOX_WORKER = previous;
  }
}

/** Handles that keep this process alive (a referenced worker adds its message port). */
const liveHandles = (): number => process.getActiveResourcesInfo().filter((r) => r === "MessagePort").length;

describe("a worker pool whose workers die", () => {
  it("answers the running call `internal`, replaces the worker, and runs the next call", async () => {
    const pool = new WorkerPool(limits(), 1, 1000);
    await pool.start();
    try {
      const before = performance.now();
      const running = pool.submit(STUCK);
      await tick(50);
      await killInARow(pool, 1);
      const r = await running;
      expect(r).toMatchObject({ ok: false, error: { kind: "internal", message: "sandbox worker exited unexpectedly" }, logs: [] });
      expect(r.durationMs).toBeGreaterThanOrEqual(0);
      expect(r.durationMs).toBeLessThanOrEqual(performance.now() - before + 1);
      expect(value(await pool.submit(script("20 + 22")))).toBe(42);
      // The replacement started from this process's copy of the runtime.
      expect(pool.startedFromSnapshot).toEqual([false, true]);
    } finally {
      await pool.close();
    }
  }, 600_000);

  it("gives a worker three more starts: a fourth failure in a row removes it, and waiting and later calls are answered", async () => {
    const pool = new WorkerPool(limits(), 1, 1000);
    await pool.start();
    try {
      // Three deaths in a row (two of them before the replacement was ready): the fourth start succeeds.
      await killInARow(pool, 3);
      expect(value(await pool.submit(script("1 + 1")))).toBe(2);
      // A successful start resets the count: four deaths in a row remove the worker.
      let waiting: Promise<SandboxResult> | undefined;
      await killInARow(pool, 4, () => {
        waiting = pool.submit(script("2 + 2"));
      });
      const gone = { ok: false, error: { kind: "internal", message: "sandbox worker exited unexpectedly; no sandbox workers left" }, logs: [], durationMs: 0 };
      expect(await waiting).toEqual(gone);
      expect(await pool.submit(script("3 + 3"))).toEqual(gone);
    } finally {
      await pool.close();
    }
  }, 600_000);

  it("fails to start with E_SANDBOX_START naming the entry when the worker's code throws as it loads", async () => {
    const { pool, entry } = poolWithWorker("broken-worker.mjs", "throw new Error('boom at load');\n");
    const failed = await pool.start().then(() => undefined, (e: unknown) => e);
    expect(failed).toBeInstanceOf(SandboxError);
    expect(failed).toMatchObject({ code: "E_SANDBOX_START", message: "a sandbox worker failed to start: boom at load", context: { entry } });
    expect(() => pool.assertOpen()).toThrow(expect.objectContaining({ code: "E_SANDBOX_CLOSED" }));
  }, 600_000);

  it("fails to start with E_SANDBOX_START when the worker exits before its runtime is ready", async () => {
    const { pool, entry } = poolWithWorker("quitting-worker.mjs", "process.exit(7);\n");
    const failed = await pool.start().then(() => undefined, (e: unknown) => e);
    expect(failed).toBeInstanceOf(SandboxError);
    expect(failed).toMatchObject({ code: "E_SANDBOX_START", message: "a sandbox worker exited (code 7) before its runtime was ready", context: { entry } });
  }, 600_000);
});

describe("a worker pool and the process's life", () => {
  it("keeps the process alive while it starts and while a call runs, and not while idle", async () => {
    const idle = liveHandles();
    const pool = new WorkerPool(limits(), 1, 1000);
    let started = false;
    const starting = pool.start().then(() => {
      started = true;
    });
    // Building a runtime takes seconds: sample until it is done.
    let whileStarting = idle;
    while (!started) {
      whileStarting = Math.max(whileStarting, liveHandles());
      await tick();
    }
    await starting;
    try {
      expect(whileStarting).toBe(idle + 1);
      expect(liveHandles()).toBe(idle);
      const running = pool.submit(STUCK);
      await tick(50);
      expect(liveHandles()).toBe(idle + 1);
      await killInARow(pool, 1);
      expect(value(await running)).toMatchObject({ kind: "internal" });
      // The replacement starts with nobody waiting for it: it does not keep the process alive.
      let samples = 0;
      while (pool.startedFromSnapshot.length < 2 || samples < 20) {
        expect(liveHandles()).toBe(idle);
        samples += 1;
        await tick(5);
      }
      expect(value(await pool.submit(script("3 * 3")))).toBe(9);
      expect(liveHandles()).toBe(idle);
    } finally {
      await pool.close();
    }
  }, 600_000);
});

describe("a worker pool's deadlines", () => {
  it("waits the call's limit plus its grace before it kills a worker that stopped answering", async () => {
    const pool = new WorkerPool(limits(), 1, 2000);
    await pool.start();
    try {
      const stuck = await pool.submit({ ...STUCK, timeoutMs: 100 });
      expect(stuck).toMatchObject({ ok: false, error: { kind: "timeout" } });
      expect(stuck.durationMs).toBeGreaterThanOrEqual(2095);
    } finally {
      await pool.close();
    }
  }, 600_000);

  it("aborts a capability request's signal once the call's own time is spent", async () => {
    const pool = new WorkerPool(limits(), 1, 1000);
    await pool.start();
    try {
      const code = "async function f() { const c = __toolforge.bind(['search']); return await c.search('q'); }";
      let aborted: Promise<number> | undefined;
      const before = performance.now();
      const r = await pool.submit({ op: "run", code, entry: "f", argsJson: "{}", packages: [], timeoutMs: 300 }, (_request, signal) => {
        aborted = new Promise((resolve) => signal.addEventListener("abort", () => resolve(performance.now() - before)));
        return aborted.then(() => JSON.stringify({ ok: true, value: "late" }));
      });
      const answeredAt = performance.now() - before;
      expect(r).toMatchObject({ ok: false, error: { kind: "timeout" } });
      // The signal fired at the call's deadline (300 ms after it started):
      // not before, and not long after the call was answered (the guest's
      // own timeout races it, so which of the two comes first varies).
      const abortedAt = await Promise.race([aborted, tick(30_000).then(() => Number.POSITIVE_INFINITY)]);
      expect(abortedAt).toBeGreaterThanOrEqual(295);
      expect(abortedAt).toBeLessThan(answeredAt + 1000);
    } finally {
      await pool.close();
    }
  }, 600_000);
});
