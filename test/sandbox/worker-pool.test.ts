import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SandboxError } from "../../src/sandbox/errors.js";
import type { GuestRequest, RuntimeLimits } from "../../src/sandbox/protocol.js";
import type { SandboxResult } from "../../src/sandbox/types.js";
import { readCachedSnapshot, snapshotFingerprint, writeCachedSnapshot } from "../../src/sandbox/snapshot-cache.js";
import { WorkerPool } from "../../src/sandbox/worker-pool.js";

const scratch = mkdtempSync(join(tmpdir(), "toolforge-worker-pool-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Runtimes without libraries build quickly. Each test has limits of its own
// (maxLogBytes), so the process's copies of other tests' runtimes do not
// apply, and no start-up cache folder: what a pool starts from is its own.
let distinct = 4096;
const limits = (overrides: Partial<RuntimeLimits> = {}): RuntimeLimits => ({
  memoryLimitMb: 32, stackLimitKb: 256, maxResultBytes: 65536, maxLogBytes: ++distinct, recycleAboveMb: 256, packages: [], ...overrides,
});
const GENEROUS_MS = 60_000;
const script = (source: string, timeoutMs = GENEROUS_MS): GuestRequest => ({ op: "script", source, packages: [], timeoutMs });
/** Native string search of ~10^11 steps, which QuickJS's interrupt cannot stop: only the host ends it. */
const STUCK = script("'a'.repeat(1e6).indexOf('a'.repeat(5e5) + 'b')", 50);
const value = (r: SandboxResult): unknown => (r.ok ? r.value : r.error);

describe("WorkerPool", () => {
  it("builds one runtime and starts the other workers, and later pools of the same settings, from copies of it", async () => {
    const shape = limits();
    const first = new WorkerPool(shape, 2, 1000);
    await first.start();
    try {
      expect(first.startedFromSnapshot).toEqual([false, true]);
      expect(first.preloadTimesMs).toHaveLength(2);
      expect(first.preloadTimesMs.every((ms) => ms >= 0)).toBe(true);
      // Both workers answer, at the same time.
      const answers = await Promise.all([first.submit(script("6 * 7")), first.submit(script("'x'.repeat(3)"))]);
      expect(answers.map(value)).toEqual([42, "xxx"]);
    } finally {
      await first.close();
    }
    const second = new WorkerPool(shape, 2, 1000);
    await second.start();
    try {
      expect(second.startedFromSnapshot).toEqual([true, true]);
      expect(value(await second.submit(script("1 + 1")))).toBe(2);
    } finally {
      await second.close();
    }
  }, 600_000);

  it("fails to start with E_SANDBOX_START when its runtime cannot be built, and is closed then", async () => {
    const pool = new WorkerPool(limits({ packages: ["no-such-library"] }), 2, 1000);
    const failed = await pool.start().then(() => undefined, (e: unknown) => e);
    expect(failed).toBeInstanceOf(SandboxError);
    expect(failed).toMatchObject({ code: "E_SANDBOX_START", context: { packages: ["no-such-library"] } });
    expect((failed as Error).message).toMatch(/^a sandbox worker could not build its runtime: /);
    expect(() => pool.submit(script("1"))).toThrow(expect.objectContaining({ code: "E_SANDBOX_CLOSED" }));
  }, 600_000);

  it("answers timeout for a worker stuck past the call's limit, and replaces it with a copy of the runtime", async () => {
    const pool = new WorkerPool(limits(), 1, 0);
    await pool.start();
    try {
      const before = performance.now();
      const stuck = await pool.submit(STUCK);
      const waited = performance.now() - before;
      expect(stuck).toMatchObject({ ok: false, error: { kind: "timeout", message: "time limit exceeded (the sandbox worker stopped responding and was restarted)" }, logs: [] });
      expect(stuck.durationMs).toBeGreaterThanOrEqual(45);
      expect(stuck.durationMs).toBeLessThanOrEqual(waited + 1);
      expect(value(await pool.submit(script("21 * 2")))).toBe(42);
      expect(pool.startedFromSnapshot).toEqual([false, true]);
    } finally {
      await pool.close();
    }
  }, 600_000);

  it("queues calls beyond its workers and runs them in turn", async () => {
    const pool = new WorkerPool(limits(), 1, 1000);
    await pool.start();
    try {
      const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => pool.submit(script(`${i} * 10`))));
      expect(answers.map(value)).toEqual([0, 10, 20, 30, 40]);
    } finally {
      await pool.close();
    }
  }, 600_000);

  it("answers running and queued calls when closed, and refuses calls after", async () => {
    const pool = new WorkerPool(limits(), 1, 1000);
    await pool.start();
    const before = performance.now();
    const running = pool.submit({ ...STUCK, timeoutMs: GENEROUS_MS });
    const queued = pool.submit(script("1"));
    await pool.close();
    const waited = performance.now() - before;
    const [r, q] = await Promise.all([running, queued]);
    expect(r).toMatchObject({ ok: false, error: { kind: "internal", message: "the sandbox was closed during this call" }, logs: [] });
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
    expect(r.durationMs).toBeLessThanOrEqual(waited + 1);
    expect(q).toEqual({ ok: false, error: { kind: "internal", message: "the sandbox was closed before this call ran" }, logs: [], durationMs: 0 });
    expect(() => pool.submit(script("1"))).toThrow(SandboxError);
    expect(() => pool.assertOpen()).toThrow("the sandbox is closed; create a new one with createSandbox()");
  }, 600_000);

  it("answers a call's capability requests with that call's handler, whose signal fires only when the call's time is spent", async () => {
    const pool = new WorkerPool(limits(), 1, 1000);
    await pool.start();
    try {
      const code = "async function f() { const c = __toolforge.bind(['search']); return [await c.search('q1'), await c.search('q2')]; }";
      const run = (timeoutMs: number): GuestRequest => ({ op: "run", code, entry: "f", argsJson: "{}", packages: [], timeoutMs });
      const seen: string[] = [];
      const granted = await pool.submit(run(GENEROUS_MS), async (request, signal) => {
        seen.push(request);
        // A later timer than the abort's: had the call's time been counted as spent, the signal would have fired.
        await new Promise((resolve) => setTimeout(resolve, 20));
        return JSON.stringify({ ok: true, value: `${JSON.parse(request).args[0]}:${signal.aborted}` });
      });
      expect(value(granted)).toEqual(["q1:false", "q2:false"]);
      expect(seen).toEqual(['{"name":"search","args":["q1"]}', '{"name":"search","args":["q2"]}']);
      const refused = await pool.submit(run(GENEROUS_MS));
      expect(refused).toMatchObject({ ok: false, error: { kind: "thrown", message: "CapabilityError: no capability is granted to this call (pass a capability policy)" } });
    } finally {
      await pool.close();
    }
  }, 600_000);

  it("keeps a runtime it built in the start-up cache, whole by the time close() returns", async () => {
    const shape = limits();
    const dir = join(scratch, "written");
    const pool = new WorkerPool(shape, 1, 1000, dir);
    await pool.start();
    await pool.close();
    expect(readdirSync(dir)).toEqual([`${snapshotFingerprint(shape)}.snapshot`]);
    const kept = await readCachedSnapshot(dir, snapshotFingerprint(shape));
    expect(kept?.memory.byteLength).toBeGreaterThan(1024 * 1024);
    expect(kept?.hostRefIds.length).toBeGreaterThan(0);
  }, 600_000);

  it("starts from the start-up cache's file, and replaces a file it cannot restore with the runtime it built instead", async () => {
    const shape = limits();
    const dir = join(scratch, "unusable");
    const fingerprint = snapshotFingerprint(shape);
    // Intact as a file (its hash matches), useless as a runtime (the worker's
    // failed restore prints emscripten's LinkError to stderr; it then builds).
    const memory = new SharedArrayBuffer(64);
    await writeCachedSnapshot(dir, fingerprint, { memory, runtimePointer: 8, contextPointer: 16, handles: {}, hostRefIds: [1] });
    const pool = new WorkerPool(shape, 2, 1000, dir);
    await pool.start();
    try {
      expect(pool.startedFromSnapshot).toEqual([false, false]);
      expect(value(await pool.submit(script("2 + 3")))).toBe(5);
    } finally {
      await pool.close();
    }
    const replaced = await readCachedSnapshot(dir, fingerprint);
    expect(replaced?.memory.byteLength).toBeGreaterThan(1024 * 1024);
    // The process keeps the built runtime, not the unusable copy.
    const next = new WorkerPool(shape, 1, 1000, dir);
    await next.start();
    try {
      expect(next.startedFromSnapshot).toEqual([true]);
    } finally {
      await next.close();
    }
  }, 600_000);

  it("keeps copies of at most four runtime shapes per process: the one kept first is dropped and built again", async () => {
    const startedFrom = async (shape: RuntimeLimits): Promise<boolean[]> => {
      const pool = new WorkerPool(shape, 1, 1000);
      await pool.start();
      await pool.close();
      return pool.startedFromSnapshot;
    };
    const shapes = Array.from({ length: 5 }, () => limits());
    for (const shape of shapes) expect(await startedFrom(shape)).toEqual([false]);
    expect(await startedFrom(shapes[4]!)).toEqual([true]);
    expect(await startedFrom(shapes[1]!)).toEqual([true]);
    expect(await startedFrom(shapes[0]!)).toEqual([false]);
  }, 600_000);
});
