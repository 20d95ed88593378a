/**
 * Worker-thread entry: owns one GuestRuntime, answers calls one at a time,
 * and rebuilds the runtime after a crash, poisoning, or wasm growth.
 * Between calls the thread sleeps in `Atomics.wait` (call-channel.ts): it
 * never polls. Start-up and failures go over the parent port; the host must
 * not send a call before this worker reports `ready`.
 */
import { parentPort, workerData } from "node:worker_threads";
import { attachCapabilityPort } from "./capability-bridge.js";
import { answerCall, nextCall, type WorkerCallEnd } from "./call-channel.js";
import { GuestRuntime } from "./guest-runtime.js";
import type { WorkerMessage, WorkerStart } from "./protocol.js";
import type { RuntimeSnapshot } from "./runtime-snapshot.js";

const port = parentPort;
if (!port) throw new Error("sandbox worker.ts must run in a worker thread");
const start = workerData as WorkerStart & { calls: WorkerCallEnd };
const { limits, calls } = start;
/** Where rebuilds start from too: the host's copy, or this worker's own first runtime. */
let snapshot = start.snapshot;
attachCapabilityPort(port);

function post(message: WorkerMessage): void {
  port!.postMessage(message);
}

/** A copy that cannot be restored (it should not happen) is dropped: the worker builds instead. */
async function restore(): Promise<GuestRuntime | undefined> {
  if (!snapshot) return undefined;
  try {
    return await GuestRuntime.create(limits, snapshot);
  } catch {
    snapshot = undefined;
    return undefined;
  }
}

async function build(): Promise<GuestRuntime | undefined> {
  const started = performance.now();
  try {
    let runtime = await restore();
    const restored = runtime !== undefined;
    let made: RuntimeSnapshot | undefined;
    if (!runtime) {
      runtime = await GuestRuntime.create(limits);
      made = snapshot = runtime.snapshot();
    }
    post({ type: "ready", preloadMs: performance.now() - started, restored, ...(made ? { snapshot: made } : {}) });
    return runtime;
  } catch (e) {
    post({ type: "fatal", message: (e as Error)?.message ?? String(e) });
    return undefined;
  }
}

async function serve(): Promise<void> {
  let runtime = await build();
  // After a fatal start the host terminates this worker.
  while (runtime) {
    const message = nextCall(calls);
    const { result, rebuild } = runtime.execute(message.request);
    answerCall(calls, { type: "result", id: message.id, result, rebuilding: rebuild });
    // One event-loop turn per call, after the answer: V8 runs its GC and
    // housekeeping tasks there, which would otherwise wait for an allocation
    // failure in the middle of a later call.
    await new Promise<void>((resolve) => setImmediate(resolve));
    // Not disposed: a poisoned runtime may hold objects QuickJS refuses to
    // free (it aborts), and the wasm module is private to it, so dropping the
    // reference lets the host GC reclaim everything.
    if (rebuild) {
      runtime = undefined;
      runtime = await build();
    }
  }
}

void serve();
