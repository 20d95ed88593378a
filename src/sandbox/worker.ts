/**
 * Worker-thread entry: owns one GuestRuntime, answers calls one at a time,
 * and rebuilds the runtime after a crash, poisoning, or wasm growth.
 * The host must not send a call before this worker reports `ready`.
 * Between calls the thread sleeps in its event loop: it never polls.
 */
import { parentPort, workerData } from "node:worker_threads";
import { attachCapabilityPort } from "./capability-bridge.js";
import { GuestRuntime } from "./guest-runtime.js";
import type { HostMessage, RuntimeLimits, WorkerMessage } from "./protocol.js";

const port = parentPort;
if (!port) throw new Error("sandbox worker.ts must run in a worker thread");
const limits = workerData as RuntimeLimits;
let runtime: GuestRuntime | undefined;
attachCapabilityPort(port);

function post(message: WorkerMessage): void {
  port!.postMessage(message);
}

async function build(): Promise<void> {
  const started = performance.now();
  try {
    runtime = await GuestRuntime.create(limits);
    post({ type: "ready", preloadMs: performance.now() - started });
  } catch (e) {
    post({ type: "fatal", message: (e as Error)?.message ?? String(e) });
  }
}

port.on("message", (message: HostMessage) => {
  if (message.type !== "call" || !runtime) return;
  const { result, rebuild } = runtime.execute(message.request);
  post({ type: "result", id: message.id, result, rebuilding: rebuild });
  if (!rebuild) return;
  // Not disposed: a poisoned runtime may hold objects QuickJS refuses to
  // free (it aborts), and the wasm module is private to it, so dropping the
  // reference lets the host GC reclaim everything.
  runtime = undefined;
  void build();
});

void build();
