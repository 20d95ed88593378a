import type { CapabilityRequestMessage } from "./capability-channel.js";
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
  | { type: "ready"; preloadMs: number }
  | { type: "result"; id: number; result: SandboxResult; rebuilding: boolean }
  | { type: "fatal"; message: string }
  /** A guest capability call (capability-bridge.ts); the worker waits for the reply. */
  | CapabilityRequestMessage;
