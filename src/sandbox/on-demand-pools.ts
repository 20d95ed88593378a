import type { CapabilityHandler } from "./capability-channel.js";
import type { GuestRequest, RuntimeLimits } from "./protocol.js";
import type { SandboxResult } from "./types.js";
import { WorkerPool } from "./worker-pool.js";

/**
 * The preloaded worker pool plus, when allowed, a second pool that also
 * loads the libraries not preloaded (the CAS). The second pool starts at the
 * first call that declares such a library, before that call's time limit
 * begins, and serves only calls that need it: sandboxes that never use the
 * CAS never pay for loading it.
 *
 * @example
 * import { OnDemandPools } from "./on-demand-pools.js";
 * const pools = new OnDemandPools(preloaded, ["mathjs"], { ...limits, packages: ["mathjs", "nerdamer"] }, 2, 1000);
 * await pools.submit({ op: "script", source: "cas.expand('(x+1)^2')", packages: ["nerdamer"], timeoutMs: 1000 });
 * await pools.close();
 */
export class OnDemandPools {
  private extended: Promise<WorkerPool> | undefined;

  /**
   * @param preloadedPackages the libraries `preloaded` loads.
   * @param extendedLimits limits of the on-demand pool (its `packages` list
   *   every library it loads), or undefined when only `preloaded` may be used.
   * @param cacheDir the start-up cache's folder for the on-demand pool (snapshot-cache.ts).
   */
  constructor(
    private readonly preloaded: WorkerPool,
    private readonly preloadedPackages: readonly string[],
    private readonly extendedLimits: RuntimeLimits | undefined,
    private readonly workers: number,
    private readonly hostGraceMs: number,
    private readonly cacheDir?: string,
  ) {}

  /** Whether a call may declare this (allow-listed) package. */
  canLoad(name: string): boolean {
    return this.preloadedPackages.includes(name) || (this.extendedLimits?.packages.includes(name) ?? false);
  }

  /** Runs the request in the preloaded pool if it has every declared package, else in the on-demand one. */
  async submit(request: GuestRequest, capabilities?: CapabilityHandler): Promise<SandboxResult> {
    if (request.packages.every((p) => this.preloadedPackages.includes(p))) return this.preloaded.submit(request, capabilities);
    // Not after close(): a pool started now would outlive the sandbox.
    this.preloaded.assertOpen();
    let pool: WorkerPool;
    try {
      pool = await this.startExtended();
    } catch (e) {
      return { ok: false, error: { kind: "internal", message: `could not load ${request.packages.join(", ")}: ${(e as Error).message}` }, logs: [], durationMs: 0 };
    }
    // close() ran while the pool was starting (and closes that pool too).
    this.preloaded.assertOpen();
    return pool.submit(request, capabilities);
  }

  /** Closes both pools (waiting for an on-demand pool that is still starting). */
  async close(): Promise<void> {
    await Promise.all([this.preloaded.close(), this.extended?.then((p) => p.close(), () => undefined)]);
  }

  private startExtended(): Promise<WorkerPool> {
    if (!this.extendedLimits) throw new Error("no on-demand libraries in this sandbox");
    const limits = this.extendedLimits;
    if (this.extended) return this.extended;
    const starting = (async () => {
      const pool = new WorkerPool(limits, this.workers, this.hostGraceMs, this.cacheDir);
      await pool.start();
      return pool;
    })();
    // A failed start is retried by the next call instead of failing every
    // later one. Nothing else replaces `extended` while it is pending.
    starting.catch(() => {
      this.extended = undefined;
    });
    this.extended = starting;
    return starting;
  }
}
