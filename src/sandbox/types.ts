import type { CapabilityHandler } from "./capability-channel.js";

/**
 * Why a sandboxed call failed. Stable strings: tools and optimizer prompts show them.
 *
 * @example
 * const r = await sandbox.run({ code: "function f() { for (;;) {} }", entry: "f", args: {} });
 * if (!r.ok && r.error.kind === "timeout") console.log("too slow");
 */
export type SandboxErrorKind =
  | "timeout"
  | "out_of_memory"
  | "stack_overflow"
  | "thrown"
  | "not_serializable"
  | "result_too_large"
  | "syntax"
  | "not_defined"
  | "package_not_allowed"
  | "internal";

/**
 * One function call to run in the sandbox.
 *
 * @example
 * const call: SandboxCall = { code: "function add({ a, b }) { return a + b; }", entry: "add", args: { a: 1, b: 2 } };
 * await sandbox.run(call); // { ok: true, value: 3, … }
 */
export interface SandboxCall {
  /** JavaScript source that defines a function named `entry`. */
  code: string;
  /** Name of the function to call. */
  entry: string;
  /** The single object argument passed to the function (JSON-serialisable). */
  args: unknown;
  /** Allow-listed libraries the code may use (e.g. "mathjs"). */
  packages?: readonly string[];
  /** Per-call overrides of the sandbox limits. */
  timeoutMs?: number;
  /** Answers the call's capability requests (see `createCapabilityHost`); none: every request is refused. */
  capabilities?: CapabilityHandler;
}

/**
 * JSON answer of a sandboxed call: a value, or a typed error.
 *
 * @example
 * const r = await sandbox.run({ code: "function f() { return 42; }", entry: "f", args: {} });
 * console.log(r.ok ? r.value : `${r.error.kind}: ${r.error.message}`);
 */
export type SandboxResult =
  | { ok: true; value: unknown; logs: string[]; durationMs: number }
  | { ok: false; error: { kind: SandboxErrorKind; message: string }; logs: string[]; durationMs: number };

/**
 * Limits applied to every call.
 *
 * @example
 * import { createSandbox } from "toolforge";
 * const sandbox = await createSandbox({ timeoutMs: 500, memoryLimitMb: 32, workers: 1 } satisfies SandboxOptions);
 */
export interface SandboxOptions {
  timeoutMs?: number;
  memoryLimitMb?: number;
  stackLimitKb?: number;
  maxResultBytes?: number;
  maxLogBytes?: number;
  /** Worker threads in the pool. */
  workers?: number;
  /**
   * Extra wall time the host grants a worker beyond a call's `timeoutMs`
   * before it terminates and replaces the worker (for native operations the
   * guest-side interrupt cannot stop).
   */
  hostGraceMs?: number;
  /**
   * Libraries preloaded in every runtime; calls may use only these. Default:
   * `DEFAULTS.sandbox.preloadPackages`, and the other allow-listed libraries
   * are loaded on demand (a second set of workers starts at the first call that declares one).
   */
  packages?: readonly string[];
  /**
   * The start-up cache: a folder where snapshots of freshly built runtimes
   * are kept, so the first sandbox of a later process starts in milliseconds
   * instead of building its runtime (~2.5 s of CPU with mathjs). `false`
   * turns it off. Default: the `TOOLFORGE_SANDBOX_CACHE` environment
   * variable (a folder, or `off`), else `$XDG_CACHE_HOME/toolforge/sandbox`
   * or `~/.cache/toolforge/sandbox`. Only a folder this user owns and others
   * cannot write to is read; a file that is not intact is ignored and rebuilt.
   */
  startupCache?: string | false;
}

/**
 * A pool of isolated JavaScript runtimes that run untrusted code.
 *
 * @example
 * import { createSandbox } from "toolforge";
 * const sandbox = await createSandbox();
 * try { console.log(await sandbox.runScript({ source: "6 * 7" })); } finally { await sandbox.close(); }
 */
export interface Sandbox {
  /** Runs one call; never throws for problems in the guest code. */
  run(call: SandboxCall): Promise<SandboxResult>;
  /**
   * Runs a plain script (the code interpreter): the value is the script's
   * completion value; `console.log` output is in `logs`.
   */
  runScript(script: { source: string; packages?: readonly string[]; timeoutMs?: number }): Promise<SandboxResult>;
  /** Checks that `code` evaluates and defines `entry`, without calling it. */
  check(call: Omit<SandboxCall, "args">): Promise<SandboxResult>;
  /** Names of the libraries guest code may use. */
  readonly allowedPackages: readonly string[];
  close(): Promise<void>;
}
