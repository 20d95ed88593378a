import type { CapabilityRequestMessage } from "./capability-channel.js";
import type { RuntimeSnapshot } from "./runtime-snapshot.js";
import type { SandboxResult } from "./types.js";

/** Resolved limits of one runtime (all defaults applied). */
export interface RuntimeLimits {
  memoryLimitMb: number;
  stackLimitKb: number;
  maxResultBytes: number;
  maxLogBytes: number;
  recycleAboveMb: number;
  /** Libraries preloaded in every runtime. */
  packages: readonly string[];
}

/** One unit of work for a guest runtime. `packages` are already allow-list checked. */
export type GuestRequest =
  | { op: "run"; code: string; entry: string; argsJson: string; packages: readonly string[]; timeoutMs: number }
  | { op: "check"; code: string; entry: string; packages: readonly string[]; timeoutMs: number }
  | { op: "script"; source: string; packages: readonly string[]; timeoutMs: number };

/** Messages from host to worker. */
export type HostMessage = { type: "call"; id: number; request: GuestRequest };

/** Messages from worker to host. */
export type WorkerMessage =
  /** `snapshot`: a copy of the runtime, when the worker built it rather than restored one (runtime-snapshot.ts). */
  | { type: "ready"; preloadMs: number; restored: boolean; snapshot?: RuntimeSnapshot }
  | { type: "result"; id: number; result: SandboxResult; rebuilding: boolean }
  | { type: "fatal"; message: string }
  /** A guest capability call (capability-bridge.ts); the worker waits for the reply. */
  | CapabilityRequestMessage;

/** What a worker starts from (its `workerData`). */
export interface WorkerStart {
  limits: RuntimeLimits;
  /** A copy of a runtime built with the same limits, to start from instead of building. */
  snapshot?: RuntimeSnapshot;
}
