import { afterEach, describe, expect, it, vi } from "vitest";
import { OnDemandPools } from "../../src/sandbox/on-demand-pools.js";
import type { GuestRequest, RuntimeLimits } from "../../src/sandbox/protocol.js";
import { WorkerPool } from "../../src/sandbox/worker-pool.js";

const LIMITS: RuntimeLimits = { memoryLimitMb: 64, stackLimitKb: 256, maxResultBytes: 65536, maxLogBytes: 8192, recycleAboveMb: 256, packages: [] };
const GENEROUS_MS = 60_000;
const probe = (packages: string[]): GuestRequest => ({ op: "script", source: "'0123456789'", packages, timeoutMs: GENEROUS_MS });
// Which pool answered: the on-demand one here differs by its result limit
// (and loads no library: building mathjs would cost seconds, and a call
// declaring a library its runtime lacks just does not see it).
const ON_DEMAND: RuntimeLimits = { ...LIMITS, maxResultBytes: 8 };
const byPreloaded = { ok: true, value: "0123456789" };
const byOnDemand = { ok: false, error: { kind: "result_too_large" } };

async function preloaded(): Promise<WorkerPool> {
  const pool = new WorkerPool(LIMITS, 1, 1000);
  await pool.start();
  return pool;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("OnDemandPools", () => {
  it("serves calls from the preloaded pool, and starts the on-demand one once, at the first call that needs its library", async () => {
    const starts = vi.spyOn(WorkerPool.prototype, "start");
    const pools = new OnDemandPools(await preloaded(), ["mathjs"], ON_DEMAND, 1, 1000);
    try {
      expect(starts).toHaveBeenCalledTimes(1);
      expect(await pools.submit(probe([]))).toMatchObject(byPreloaded);
      expect(await pools.submit(probe(["mathjs"]))).toMatchObject(byPreloaded);
      expect(starts).toHaveBeenCalledTimes(1);
      const both = await Promise.all([pools.submit(probe(["mathjs", "nerdamer"])), pools.submit(probe(["nerdamer"]))]);
      expect(both).toMatchObject([byOnDemand, byOnDemand]);
      expect(starts).toHaveBeenCalledTimes(2);
    } finally {
      await pools.close();
    }
    await expect(pools.submit(probe([]))).rejects.toMatchObject({ code: "E_SANDBOX_CLOSED" });
    await expect(pools.submit(probe(["nerdamer"]))).rejects.toMatchObject({ code: "E_SANDBOX_CLOSED" });
    expect(starts).toHaveBeenCalledTimes(2);
  }, 600_000);

  it("starts no on-demand pool for a call after close()", async () => {
    const pools = new OnDemandPools(await preloaded(), [], ON_DEMAND, 1, 1000);
    await pools.close();
    const starts = vi.spyOn(WorkerPool.prototype, "start");
    await expect(pools.submit(probe(["mathjs"]))).rejects.toMatchObject({ code: "E_SANDBOX_CLOSED" });
    expect(starts).not.toHaveBeenCalled();
  }, 600_000);

  it("may load the preloaded pool's libraries and the on-demand pool's", () => {
    const unstarted = new WorkerPool(LIMITS, 1, 1000);
    const pools = new OnDemandPools(unstarted, ["mathjs"], { ...LIMITS, packages: ["mathjs", "nerdamer"] }, 1, 1000);
    expect(["mathjs", "nerdamer", "lodash"].map((p) => pools.canLoad(p))).toEqual([true, true, false]);
    const preloadedOnly = new OnDemandPools(unstarted, ["mathjs"], undefined, 1, 1000);
    expect(["mathjs", "nerdamer"].map((p) => preloadedOnly.canLoad(p))).toEqual([true, false]);
    const onDemandOnly = new OnDemandPools(unstarted, [], { ...LIMITS, packages: ["nerdamer"] }, 1, 1000);
    expect(["mathjs", "nerdamer"].map((p) => onDemandOnly.canLoad(p))).toEqual([false, true]);
  });

  it("without on-demand libraries, answers a call that needs one with an internal error", async () => {
    const pools = new OnDemandPools(await preloaded(), [], undefined, 1, 1000);
    try {
      expect(await pools.submit(probe(["mathjs", "nerdamer"]))).toEqual({
        ok: false, error: { kind: "internal", message: "could not load mathjs, nerdamer: no on-demand libraries in this sandbox" }, logs: [], durationMs: 0,
      });
    } finally {
      await pools.close();
    }
  }, 600_000);

  it("answers a failed start of the on-demand pool as an internal error, and tries again at the next call", async () => {
    const starts = vi.spyOn(WorkerPool.prototype, "start");
    const pools = new OnDemandPools(await preloaded(), [], { ...LIMITS, packages: ["no-such-library"] }, 1, 1000);
    try {
      for (let attempt = 1; attempt <= 2; attempt++) {
        const r = await pools.submit(probe(["no-such-library"]));
        expect(r).toMatchObject({ ok: false, error: { kind: "internal" }, logs: [], durationMs: 0 });
        expect(!r.ok && r.error.message).toMatch(/^could not load no-such-library: a sandbox worker could not build its runtime: /);
        expect(starts).toHaveBeenCalledTimes(1 + attempt);
      }
    } finally {
      await pools.close();
    }
  }, 600_000);

  it("closed while the on-demand pool starts: the waiting call is refused and the new pool closed", async () => {
    const closes = vi.spyOn(WorkerPool.prototype, "close");
    const pools = new OnDemandPools(await preloaded(), [], ON_DEMAND, 1, 1000);
    const waiting = pools.submit(probe(["mathjs"])).then(() => undefined, (e: unknown) => e);
    await pools.close();
    expect(await waiting).toMatchObject({ code: "E_SANDBOX_CLOSED" });
    // The preloaded pool and the on-demand one.
    expect(new Set(closes.mock.contexts).size).toBe(2);
  }, 600_000);
});
