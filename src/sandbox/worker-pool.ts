import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { HostCallEnd } from "./call-channel.js";
import { serveCapability, type CapabilityHandler } from "./capability-channel.js";
import { SandboxError } from "./errors.js";
import type { GuestRequest, RuntimeLimits, WorkerMessage, WorkerStart } from "./protocol.js";
import { snapshotKey, type RuntimeSnapshot } from "./runtime-snapshot.js";
import { readCachedSnapshot, snapshotFingerprint, writeCachedSnapshot } from "./snapshot-cache.js";
import type { SandboxResult } from "./types.js";

/** Consecutive failed starts after which a slot gives up. */
const MAX_START_FAILURES = 3;
/** Snapshots kept per process (each is one runtime's wasm memory, tens of MiB). */
const MAX_SNAPSHOTS = 4;

/**
 * Copies of freshly built runtimes, per process, by what shapes them: a
 * sandbox created after the first one with the same settings, and every
 * worker replaced after a crash, starts from a copy in milliseconds.
 */
const snapshots = new Map<string, RuntimeSnapshot>();

function keepSnapshot(key: string, snapshot: RuntimeSnapshot): void {
  if (snapshots.has(key)) return;
  snapshots.set(key, snapshot);
  if (snapshots.size > MAX_SNAPSHOTS) snapshots.delete(snapshots.keys().next().value as string);
}

/** Snapshots being written to the start-up cache; `close()` waits for them so a short script leaves a whole file. */
const cacheWrites = new Set<Promise<void>>();

interface Job {
  request: GuestRequest;
  resolve: (result: SandboxResult) => void;
  /** Answers the call's capability requests (capability-channel.ts). */
  capabilities?: CapabilityHandler;
}

interface Slot {
  worker: Worker;
  /** Calls go to the worker through this (call-channel.ts); replaced with the worker. */
  calls: HostCallEnd;
  state: "starting" | "idle" | "busy";
  job?: Job & { id: number; timer: NodeJS.Timeout; started: number };
  failures: number;
  preloadMs: number[];
  /** Per start, whether the runtime was copied from a snapshot. */
  restored: boolean[];
}

/**
 * Resolves the worker entry next to this file. From compiled `dist/` it is
 * `worker.js`. From TypeScript sources (vitest, tsx) it is `worker.ts`,
 * loaded by a tiny eval'd bootstrap through tsx's `tsImport` (a worker's
 * `--import` flag does not register loaders on Node 20). tsx is resolved
 * from this package, so it works from any working directory.
 */
function workerTarget(): { entry: string | URL; eval: boolean } {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) return { entry: new URL("./worker.js", here), eval: false };
  // Set by this repository's test setup once it has built dist/ from these
  // very sources: a worker then starts without tsx (~0.45 s of CPU each).
  const compiled = process.env.TOOLFORGE_COMPILED_SANDBOX_WORKER;
  if (compiled) return { entry: pathToFileURL(compiled), eval: false };
  const api = pathToFileURL(createRequire(here).resolve("tsx/esm/api")).href;
  const worker = new URL("./worker.ts", here).href;
  const mjsApi = api.replace(/\.cjs$/, ".mjs");
  return { entry: `import(${JSON.stringify(mjsApi)}).then((m) => m.tsImport(${JSON.stringify(worker)}, ${JSON.stringify(worker)}))`, eval: true };
}

/**
 * The host's Node flags for a worker, less those a worker refuses: a host
 * started as `node --input-type=module -e …` would otherwise fail every start.
 */
const WORKER_EXEC_ARGV: readonly string[] = process.execArgv.filter((flag, i, all) => !flag.startsWith("--input-type=") && flag !== "--input-type" && all[i - 1] !== "--input-type");

function failure(kind: "timeout" | "internal", message: string, durationMs: number): SandboxResult {
  return { ok: false, error: { kind, message }, logs: [], durationMs };
}

/**
 * A fixed pool of worker threads, each with its own QuickJS runtime. Calls
 * queue until a worker is idle. The host enforces wall time too: a worker
 * that does not answer within `timeoutMs + hostGraceMs` is terminated and replaced,
 * and the call answers `timeout`.
 *
 * @example
 * import { WorkerPool } from "./worker-pool.js";
 * const pool = new WorkerPool(limits, 2, 1000);
 * await pool.start();
 * await pool.submit({ op: "script", source: "1 + 1", packages: [], timeoutMs: 1000 }); // { ok: true, value: 2, ... }
 * await pool.close();
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** Why every worker was given up on (each failed to start too often), once none is left. */
  private noWorkersLeft: string | undefined;
  /** createSandbox() is waiting for the first preload. */
  private starting = false;
  private readonly target = workerTarget();

  /**
   * @param hostGraceMs extra time the host waits beyond a call's own limit
   *   before it kills a worker that stopped answering.
   * @param cacheDir the start-up cache's folder (snapshot-cache.ts), or
   *   `undefined` for none.
   */
  constructor(
    private readonly limits: RuntimeLimits,
    private readonly size: number,
    private readonly hostGraceMs: number,
    private readonly cacheDir?: string,
  ) {}

  /** Milliseconds each worker spent building its runtime (libraries included), most recent last. */
  get preloadTimesMs(): number[] {
    return this.slots.flatMap((s) => s.preloadMs);
  }

  /** Per runtime start (same order as preloadTimesMs), whether it was copied from a snapshot. */
  get startedFromSnapshot(): boolean[] {
    return this.slots.flatMap((s) => s.restored);
  }

  /** Starts every worker and waits until each has preloaded its runtime. */
  async start(): Promise<void> {
    this.starting = true;
    try {
      const key = snapshotKey(this.limits);
      const fingerprint = snapshots.has(key) ? undefined : this.fingerprint();
      if (fingerprint) {
        const cached = await readCachedSnapshot(this.cacheDir!, fingerprint);
        if (cached) keepSnapshot(key, cached);
      }
      // Without a snapshot yet, one worker builds and the others copy its runtime: less CPU than building each.
      if (!snapshots.has(key)) await this.spawn();
      await Promise.all(Array.from({ length: this.size - this.slots.length }, () => this.spawn()));
    } catch (e) {
      await this.close();
      throw e;
    } finally {
      this.starting = false;
      this.updateRefs();
    }
  }

  /** Throws `SandboxError` (E_SANDBOX_CLOSED) once the pool is closed. */
  assertOpen(): void {
    if (this.closed) throw new SandboxError("E_SANDBOX_CLOSED", "the sandbox is closed; create a new one with createSandbox()");
  }

  /** Queues one request; resolves with its result (never rejects for guest problems). */
  submit(request: GuestRequest, capabilities?: CapabilityHandler): Promise<SandboxResult> {
    this.assertOpen();
    return new Promise((resolve) => {
      this.queue.push({ request, resolve, ...(capabilities ? { capabilities } : {}) });
      this.dispatch();
    });
  }

  /** Terminates all workers; queued and running calls answer `internal`. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(cacheWrites);
    for (const job of this.queue.splice(0)) job.resolve(failure("internal", "the sandbox was closed before this call ran", 0));
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.job) {
          clearTimeout(slot.job.timer);
          slot.job.resolve(failure("internal", "the sandbox was closed during this call", performance.now() - slot.job.started));
          slot.job = undefined;
        }
        slot.calls.close();
        await slot.worker.terminate();
      }),
    );
  }

  private spawn(previous?: Slot): Promise<void> {
    const calls = new HostCallEnd();
    const key = snapshotKey(this.limits);
    const snapshot = snapshots.get(key);
    // A worker that builds (it has no copy, or cannot restore it) sends a copy of what it built.
    const start: WorkerStart = { limits: this.limits, ...(snapshot ? { snapshot } : {}) };
    const worker = new Worker(this.target.entry, {
      workerData: { ...start, calls: calls.worker },
      transferList: [calls.worker.port],
      eval: this.target.eval,
      execArgv: [...WORKER_EXEC_ARGV],
    });
    const slot: Slot = previous ?? { worker, calls, state: "starting", failures: 0, preloadMs: [], restored: [] };
    previous?.calls.close();
    slot.worker = worker;
    slot.calls = calls;
    slot.state = "starting";
    if (!previous) this.slots.push(slot);
    const ready = new Promise<void>((resolve, reject) => {
      let started = false;
      worker.on("message", (message: WorkerMessage) => {
        if (message.type === "ready") {
          started = true;
          slot.failures = 0;
          slot.preloadMs.push(message.preloadMs);
          slot.restored.push(message.restored);
          if (message.snapshot) this.built(key, snapshot, message.snapshot);
          // A rebuilt runtime can report ready before its last answer is read; that answer then sets idle.
          if (!slot.job) slot.state = "idle";
          resolve();
          this.dispatch();
        } else if (message.type === "capability") {
          const job = slot.job;
          serveCapability(message, job?.capabilities, job ? job.started + job.request.timeoutMs - performance.now() : 0);
        } else if (message.type === "fatal") {
          const error = new SandboxError("E_SANDBOX_START", `a sandbox worker could not build its runtime: ${message.message}`, {
            packages: this.limits.packages,
          });
          if (!started) reject(error);
          void worker.terminate();
        }
      });
      worker.on("error", (e) => {
        if (!started) reject(new SandboxError("E_SANDBOX_START", `a sandbox worker failed to start: ${e.message}`, { entry: String(this.target.entry) }, { cause: e }));
        this.crashed(slot, worker, `sandbox worker crashed: ${e.message}`);
      });
      worker.on("exit", (code) => {
        if (!started) reject(new SandboxError("E_SANDBOX_START", `a sandbox worker exited (code ${code}) before its runtime was ready`, { entry: String(this.target.entry) }));
        this.crashed(slot, worker, "sandbox worker exited unexpectedly");
      });
    });
    // An idle worker must not keep the host process alive: it is referenced
    // only while work waits for it (updateRefs). Only now, after the
    // listeners: adding a "message" listener references a worker again.
    this.updateRefs();
    return ready;
  }

  /** The start-up cache's name for this pool's runtime; undefined without a cache (or when what names it cannot be read). */
  private fingerprint(): string | undefined {
    if (!this.cacheDir) return undefined;
    try {
      return snapshotFingerprint(this.limits);
    } catch {
      return undefined;
    }
  }

  /**
   * A worker built its runtime: keep the copy for later workers of this
   * process and in the start-up cache. `failed` is the copy the worker was
   * given and could not restore (a worker only builds when it has none or
   * that one failed): it is dropped, and its file replaced.
   */
  private built(key: string, failed: RuntimeSnapshot | undefined, made: RuntimeSnapshot): void {
    if (failed && snapshots.get(key) === failed) snapshots.delete(key);
    if (snapshots.has(key)) return;
    keepSnapshot(key, made);
    const fingerprint = this.fingerprint();
    if (!fingerprint) return;
    const write = writeCachedSnapshot(this.cacheDir!, fingerprint, made);
    cacheWrites.add(write);
    void write.finally(() => cacheWrites.delete(write));
  }

  /** Replaces a dead worker unless the pool is closing; answers its running call. */
  private crashed(slot: Slot, worker: Worker, message: string): void {
    if (slot.worker !== worker) return; // an already-replaced worker
    slot.calls.close();
    if (slot.job) {
      clearTimeout(slot.job.timer);
      slot.job.resolve(failure("internal", message, performance.now() - slot.job.started));
      slot.job = undefined;
    }
    if (this.closed) return;
    slot.failures += 1;
    if (slot.failures > MAX_START_FAILURES) {
      this.slots.splice(this.slots.indexOf(slot), 1);
      if (this.slots.length === 0) {
        this.noWorkersLeft = `${message}; no sandbox workers left`;
        this.dispatch();
      }
      return;
    }
    this.spawn(slot).catch(() => undefined);
  }

  private finish(slot: Slot, id: number, result: SandboxResult): void {
    if (!slot.job || slot.job.id !== id) return;
    clearTimeout(slot.job.timer);
    slot.job.resolve(result);
    slot.job = undefined;
  }

  private dispatch(): void {
    if (this.closed) return;
    // Nothing would ever take these calls: answer them (and later ones) instead of leaving them waiting.
    if (this.noWorkersLeft) for (const job of this.queue.splice(0)) job.resolve(failure("internal", this.noWorkersLeft, 0));
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (slot.state !== "idle") continue;
      const job = this.queue.shift() as Job;
      const id = this.nextId++;
      const started = performance.now();
      const timer = setTimeout(() => this.kill(slot, id), job.request.timeoutMs + this.hostGraceMs);
      slot.job = { ...job, id, timer, started };
      slot.state = "busy";
      const worker = slot.worker;
      const builds = slot.preloadMs.length;
      void slot.calls.send({ type: "call", id, request: job.request }).then((answer) => {
        // No answer: the worker was killed or replaced, and that path answered the call.
        if (!answer || slot.worker !== worker) return;
        this.finish(slot, answer.id, answer.result);
        slot.state = answer.rebuilding && slot.preloadMs.length === builds ? "starting" : "idle";
        this.dispatch();
      });
    }
    this.updateRefs();
  }

  /**
   * A worker keeps the process alive only while work depends on it: it runs
   * a call, or it starts while createSandbox() or queued calls wait for it. An idle pool lets the
   * process exit even if nobody closes it.
   */
  private updateRefs(): void {
    for (const slot of this.slots) {
      if (slot.job || (slot.state === "starting" && (this.starting || this.queue.length > 0))) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  /** Host-side wall-time limit: the worker stopped answering, so it is replaced. */
  private kill(slot: Slot, id: number): void {
    if (!slot.job || slot.job.id !== id) return;
    const job = slot.job;
    slot.job = undefined;
    job.resolve(failure("timeout", "time limit exceeded (the sandbox worker stopped responding and was restarted)", performance.now() - job.started));
    const worker = slot.worker;
    slot.state = "starting";
    this.spawn(slot).catch(() => undefined);
    void worker.terminate();
  }
}
