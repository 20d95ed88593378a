import { DEFAULTS } from "../defaults.js";
import { SandboxError } from "./errors.js";
import { ALLOWED_PACKAGES } from "./libraries.js";
import type { GuestRequest, RuntimeLimits } from "./protocol.js";
import type { Sandbox, SandboxCall, SandboxOptions, SandboxResult } from "./types.js";
import { OnDemandPools } from "./on-demand-pools.js";
import { snapshotCacheDir } from "./snapshot-cache.js";
import { WorkerPool } from "./worker-pool.js";

/** QuickJS recursion deeper than this overflows the host (wasm) stack before QuickJS notices. */
const MAX_STACK_LIMIT_KB = 256;

/**
 * The sandbox `createSandbox` returns: it also reports how long its workers
 * took to preload (used by the benchmark) and closes itself at the end of an
 * `await using` block.
 *
 * @example
 * import { createSandbox } from "toolforge";
 * await using sandbox = await createSandbox({ workers: 1 });
 * console.log(sandbox.preloadTimesMs, sandbox.startedFromSnapshot); // e.g. [2512.7] [false]
 */
export interface SandboxWithStats extends Sandbox, AsyncDisposable {
  /** Milliseconds each worker spent building its runtime, libraries included. */
  readonly preloadTimesMs: readonly number[];
  /**
   * For each entry of `preloadTimesMs`, whether that runtime was copied from
   * a snapshot of a runtime built with the same settings (this process's, or
   * the start-up cache's: `SandboxOptions.startupCache`) instead of built.
   */
  readonly startedFromSnapshot: readonly boolean[];
  /** Same as `close()`. */
  [Symbol.asyncDispose](): Promise<void>;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0) {
    throw new SandboxError("E_SANDBOX_OPTIONS", `sandbox option ${name} must be a positive number, got ${String(value)}`, { option: name, value });
  }
  return v;
}

function checkPackages(packages: readonly string[] | undefined): string | undefined {
  const bad = (packages ?? []).filter((p) => !(ALLOWED_PACKAGES as readonly string[]).includes(p));
  return bad.length ? `package(s) not allowed: ${bad.join(", ")}; allowed: ${ALLOWED_PACKAGES.join(", ")}` : undefined;
}

function refused(message: string): SandboxResult {
  return { ok: false, error: { kind: "package_not_allowed", message }, logs: [], durationMs: 0 };
}

/**
 * Starts a pool of QuickJS-in-WebAssembly workers for untrusted code.
 * Learned code never runs in the host realm; each call sees only its own
 * code and declared packages. Guest problems come back as typed errors in
 * the `SandboxResult`; only host misuse (e.g. calling after `close()`) throws.
 * An idle sandbox does not keep the process alive; close it (or use
 * `await using`) to free its workers sooner.
 *
 * @example
 * import { createSandbox } from "toolforge";
 * const sandbox = await createSandbox({ timeoutMs: 1000, memoryLimitMb: 64 });
 * const r = await sandbox.run({ code: "function add({ a, b }) { return a + b; }", entry: "add", args: { a: 1, b: 2 } });
 * console.log(r.ok && r.value); // 3
 * await sandbox.close();
 */
export async function createSandbox(options: SandboxOptions = {}): Promise<SandboxWithStats> {
  const d = DEFAULTS.sandbox;
  const timeoutMs = positive("timeoutMs", options.timeoutMs, d.timeoutMs);
  const stackLimitKb = positive("stackLimitKb", options.stackLimitKb, d.stackLimitKb);
  if (stackLimitKb > MAX_STACK_LIMIT_KB) {
    throw new SandboxError("E_SANDBOX_OPTIONS", `sandbox option stackLimitKb must be <= ${MAX_STACK_LIMIT_KB} (deeper QuickJS stacks overflow the host stack), got ${stackLimitKb}`, { option: "stackLimitKb", value: stackLimitKb });
  }
  const badPreload = checkPackages(options.packages);
  if (badPreload) throw new SandboxError("E_SANDBOX_OPTIONS", `sandbox option packages: ${badPreload}`, { option: "packages" });
  const limits: RuntimeLimits = {
    memoryLimitMb: positive("memoryLimitMb", options.memoryLimitMb, d.memoryLimitMb),
    stackLimitKb,
    maxResultBytes: positive("maxResultBytes", options.maxResultBytes, d.maxResultBytes),
    maxLogBytes: positive("maxLogBytes", options.maxLogBytes, d.maxLogBytes),
    recycleAboveMb: d.recycleAboveMb,
    packages: [...(options.packages ?? d.preloadPackages)],
  };
  const hostGraceMs = options.hostGraceMs ?? d.hostGraceMs;
  if (!Number.isFinite(hostGraceMs) || hostGraceMs < 0) {
    throw new SandboxError("E_SANDBOX_OPTIONS", `sandbox option hostGraceMs must be a number >= 0, got ${String(hostGraceMs)}`, { option: "hostGraceMs", value: hostGraceMs });
  }
  const workers = Math.floor(positive("workers", options.workers, d.workers));
  const cacheDir = snapshotCacheDir(options.startupCache);
  const pool = new WorkerPool(limits, workers, hostGraceMs, cacheDir);
  await pool.start();
  const pools = new OnDemandPools(pool, limits.packages, options.packages === undefined ? { ...limits, packages: [...ALLOWED_PACKAGES] } : undefined, workers, hostGraceMs, cacheDir);

  const packagesOf = (p: readonly string[] | undefined): readonly string[] | string => {
    const bad = checkPackages(p);
    if (bad) return bad;
    const notLoaded = (p ?? []).filter((name) => !pools.canLoad(name));
    return notLoaded.length ? `package(s) not preloaded in this sandbox: ${notLoaded.join(", ")}` : [...(p ?? [])];
  };
  const callTimeout = (t: number | undefined): number => positive("timeoutMs", t, timeoutMs);
  const submit = async (request: GuestRequest | string, capabilities?: SandboxCall["capabilities"]): Promise<SandboxResult> => {
    pool.assertOpen();
    return typeof request === "string" ? refused(request) : pools.submit(request, capabilities);
  };

  return {
    allowedPackages: ALLOWED_PACKAGES,
    get preloadTimesMs() {
      return pool.preloadTimesMs;
    },
    get startedFromSnapshot() {
      return pool.startedFromSnapshot;
    },
    async run(call: SandboxCall) {
      pool.assertOpen();
      const packages = packagesOf(call.packages);
      let argsJson: string;
      try {
        argsJson = JSON.stringify(call.args ?? {}) ?? "{}";
      } catch (e) {
        return { ok: false, error: { kind: "not_serializable", message: `arguments are not JSON-serialisable: ${(e as Error).message}` }, logs: [], durationMs: 0 };
      }
      return submit(typeof packages === "string" ? packages : { op: "run", code: call.code, entry: call.entry, argsJson, packages, timeoutMs: callTimeout(call.timeoutMs) }, call.capabilities);
    },
    async runScript(script) {
      const packages = packagesOf(script.packages);
      return submit(typeof packages === "string" ? packages : { op: "script", source: script.source, packages, timeoutMs: callTimeout(script.timeoutMs) });
    },
    async check(call) {
      const packages = packagesOf(call.packages);
      return submit(typeof packages === "string" ? packages : { op: "check", code: call.code, entry: call.entry, packages, timeoutMs: callTimeout(call.timeoutMs) });
    },
    close: () => pools.close(),
    [Symbol.asyncDispose]: () => pools.close(),
  };
}
