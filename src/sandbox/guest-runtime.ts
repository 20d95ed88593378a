import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSSyncVariant, type QuickJSContext, type QuickJSHandle, type QuickJSRuntime, type QuickJSWASMModule } from "quickjs-emscripten-core";
import releaseSync from "@jitl/quickjs-wasmfile-release-sync";
import { capabilityHostFunction, installCapabilityBridge } from "./capability-bridge.js";
import { FREEZE_INTRINSICS_SOURCE } from "./freeze-intrinsics.js";
import { functionBodyProblem } from "./function-body.js";
import { GUEST_BOOTSTRAP_SOURCE } from "./guest-bootstrap.js";
import { loadLibrarySource } from "./library-sources.js";
import type { AllowedPackage } from "./libraries.js";
import type { GuestRequest, RuntimeLimits } from "./protocol.js";
import { restoreRuntime, takeSnapshot, type RuntimeSnapshot } from "./runtime-snapshot.js";
import { classifyGuestError, decodeGuestResult, LogBuffer, type CallPhase, type GuestError } from "./result-codec.js";
import type { SandboxErrorKind, SandboxResult } from "./types.js";

const MB = 1024 * 1024;
// The project compiles without DOM typings, where WebAssembly lives.
type WasmMemoryCtor = new (d: { initial: number; maximum: number }) => { buffer: ArrayBuffer };
const WasmMemory = (globalThis as unknown as { WebAssembly: { Memory: WasmMemoryCtor } }).WebAssembly.Memory;
// The package's types describe its CJS shape; under ESM the default export is the variant itself.
const imported = releaseSync as unknown as QuickJSSyncVariant & { default?: QuickJSSyncVariant };
const variant: QuickJSSyncVariant = imported.type === "sync" ? imported : (imported.default as QuickJSSyncVariant);
/** Time the host grants itself after a call for reading errors and cleanup. */
const CLEANUP_MS = 100;
const WASM_PAGE = 64 * 1024;
/** The emscripten build declares 16 MiB of initial memory; an imported memory may not be smaller. */
const INITIAL_WASM_MB = 16;
/** Heap reserved for a preloaded library (mathjs takes ~10 MiB once warm) on top of the guest's own limit. */
const LIBRARY_HEADROOM_MB = 24;
const WARM_UP = `function warm() { return [math.evaluate("sqrt(3^2 + 4^2) * det([1, 2; 3, 4])"), math.format(math.fraction(1, 3)), math.mean([1, 2, 3])]; }`;
/** Compiled definitions kept per runtime; a cached one is still re-run on every call. */
const COMPILE_CACHE_SIZE = 128;

/** What one execution produced, and whether the runtime must be rebuilt before the next. */
export interface GuestOutcome {
  result: SandboxResult;
  rebuild: boolean;
}

const HELPERS = ["pkg", "makeRequire", "call", "stage", "encode", "describe", "snapshot", "reset", "seal"] as const;
type Helper = (typeof HELPERS)[number];
/** Upper bound of the Math.random draws that give a restored runtime its own sequence. */
const RANDOM_SKIP = 65_536;
/** Values of the guest's `stage()` helper: where a throwing `call` stopped. */
const STAGE_DEFINE = 0;
const STAGE_MISSING = 2;

class CallFailure {
  constructor(readonly kind: SandboxErrorKind, readonly message: string, readonly rebuild = false) {}
}

/**
 * One long-lived QuickJS runtime with the allow-listed libraries preloaded
 * and the realm hardened. Runs requests synchronously; lives inside a worker
 * thread. Each runtime owns a fresh wasm module, so recycling it returns the
 * wasm memory (which never shrinks) to the host.
 *
 * @example
 * import { GuestRuntime } from "./guest-runtime.js";
 * const rt = await GuestRuntime.create({ memoryLimitMb: 64, stackLimitKb: 256, maxResultBytes: 65536, maxLogBytes: 8192, recycleAboveMb: 256, packages: ["mathjs"] });
 * rt.execute({ op: "script", source: "1 + 1", packages: [], timeoutMs: 1000 }).result; // { ok: true, value: 2, ... }
 * rt.dispose();
 */
export class GuestRuntime {
  private deadline = Infinity;
  private phase: CallPhase = "define";
  private readonly compiled = new Map<string, QuickJSHandle>();
  private readonly bindings = new Map<string, PackageArgs>();
  private logs = new LogBuffer(0);
  private readonly helpers = new Map<Helper, QuickJSHandle>();
  private readonly packageHandles = new Map<string, QuickJSHandle>();
  /** Whether a call ran since preload: a snapshot is only taken of a runtime no guest code has touched. */
  private served = false;
  private readonly capabilityHost: (request: QuickJSHandle) => QuickJSHandle;

  private constructor(
    private readonly module: QuickJSWASMModule,
    private readonly runtime: QuickJSRuntime,
    private readonly ctx: QuickJSContext,
    private readonly limits: RuntimeLimits,
    private readonly wasmCapBytes: number,
  ) {
    this.capabilityHost = capabilityHostFunction(ctx, () => this.deadline);
  }

  /**
   * Builds a runtime: loads libraries, installs helpers, hardens the realm,
   * sets limits. With a snapshot of a runtime built for the same packages and
   * result/log limits, copies it instead (milliseconds instead of seconds).
   */
  static async create(limits: RuntimeLimits, from?: RuntimeSnapshot): Promise<GuestRuntime> {
    // QuickJS's own malloc accounting is inaccurate in this build (no
    // malloc_usable_size), so the hard memory cap is the wasm memory maximum.
    const maxMb = INITIAL_WASM_MB + limits.memoryLimitMb + LIBRARY_HEADROOM_MB * limits.packages.length;
    const snapshot = from && from.memory.byteLength <= maxMb * MB ? from : undefined;
    const wasmMemory = new WasmMemory({
      initial: (snapshot?.memory.byteLength ?? INITIAL_WASM_MB * MB) / WASM_PAGE,
      maximum: Math.ceil((maxMb * MB) / WASM_PAGE),
    });
    const module = await newQuickJSWASMModuleFromVariant(newVariant(variant, { wasmMemory: wasmMemory as never }));
    if (snapshot) {
      new Uint8Array(wasmMemory.buffer).set(new Uint8Array(snapshot.memory));
      let guest: GuestRuntime | undefined;
      const restored = restoreRuntime(module, snapshot, [(line) => guest?.log(line), (request) => (guest as GuestRuntime).capabilityHost(request)]);
      guest = new GuestRuntime(module, restored.runtime, restored.context, limits, maxMb * MB);
      guest.adopt(restored.handles);
      return guest;
    }
    const runtime = module.newRuntime();
    const guest = new GuestRuntime(module, runtime, runtime.newContext(), limits, maxMb * MB);
    try {
      guest.preload();
    } catch (e) {
      guest.dispose();
      throw e;
    }
    return guest;
  }

  /**
   * Copies this runtime for `create` (see runtime-snapshot.ts). Only a
   * runtime that has not served a call yet can be copied, so a snapshot never
   * carries anything a guest did.
   */
  snapshot(): RuntimeSnapshot {
    if (this.served) throw new Error("a runtime that has served calls cannot be snapshot");
    // Cached wrappers of the warm-up call would be handles the copy does not know.
    for (const h of this.compiled.values()) h.dispose();
    this.compiled.clear();
    for (const b of this.bindings.values()) for (const h of [b.handles[0], b.list]) h?.dispose();
    this.bindings.clear();
    const handles: Record<string, QuickJSHandle> = {};
    for (const [name, h] of this.helpers) handles[name] = h;
    for (const [name, h] of this.packageHandles) handles[`package:${name}`] = h;
    return takeSnapshot(this.module, this.runtime, this.ctx, handles);
  }

  /** Takes over the handles of a restored runtime and gives it its own Math.random sequence. */
  private adopt(handles: Record<string, QuickJSHandle>): void {
    for (const name of HELPERS) this.helpers.set(name, handles[name] as QuickJSHandle);
    for (const name of this.limits.packages) this.packageHandles.set(name, handles[`package:${name}`] as QuickJSHandle);
    this.configure();
    // QuickJS seeds Math.random per context; a copy would repeat the original's numbers (at least one draw: never the original's next).
    const skip = 1 + Math.floor(Math.random() * RANDOM_SKIP);
    this.unwrap(this.ctx.evalCode(`for (let i = 0; i < ${skip}; i++) Math.random();`, "seed.js")).dispose();
  }

  private configure(): void {
    this.runtime.setMaxStackSize(this.limits.stackLimitKb * 1024);
    this.runtime.setInterruptHandler(() => Date.now() > this.deadline);
  }

  private log(line: QuickJSHandle): void {
    this.logs.push(this.ctx.getString(line));
  }

  /** Bytes of wasm linear memory this runtime's module holds. */
  get wasmBytes(): number {
    return this.module.getWasmMemory().buffer.byteLength;
  }

  private preload(): void {
    const { ctx, limits } = this;
    this.configure();
    for (const name of limits.packages) this.unwrap(ctx.evalCode(loadLibrarySource(name as AllowedPackage), `${name}.js`)).dispose();

    // Host functions are created in the order restoreRuntime registers them.
    const hostLog = ctx.newFunction("hostLog", (line) => this.log(line));
    const bootstrap = this.unwrap(ctx.evalCode(GUEST_BOOTSTRAP_SOURCE, "bootstrap.js"));
    const maxLog = ctx.newNumber(limits.maxLogBytes);
    const maxResult = ctx.newNumber(limits.maxResultBytes);
    const helpers = this.unwrap(ctx.callFunction(bootstrap, ctx.undefined, hostLog, maxLog, maxResult));
    for (const h of [bootstrap, maxLog, maxResult, hostLog]) h.dispose();
    for (const name of HELPERS) {
      this.helpers.set(name, ctx.getProp(helpers, name));
    }
    for (const name of limits.packages) {
      const nameHandle = ctx.newString(name);
      this.packageHandles.set(name, this.unwrap(ctx.callFunction(this.helper("pkg"), ctx.undefined, nameHandle)));
      nameHandle.dispose();
    }

    // Capabilities (capability-bridge.ts): installed before hardening freezes the realm.
    installCapabilityBridge(ctx, this.capabilityHost);

    const harden = this.unwrap(ctx.evalCode(FREEZE_INTRINSICS_SOURCE, "harden.js"));
    const roots = ctx.newArray();
    ctx.setProp(roots, 0, helpers);
    const seeds = ctx.getProp(helpers, "mutableSeeds");
    ctx.setProp(roots, 1, seeds);
    const libraries = ctx.newArray();
    [...this.packageHandles.values()].forEach((h, i) => ctx.setProp(libraries, i, h));
    const lazyHooks = ctx.getProp(helpers, "lazyHooks");
    const mutable = ctx.getProp(helpers, "mutable");
    this.unwrap(ctx.callFunction(harden, ctx.undefined, roots, libraries, lazyHooks, mutable)).dispose();
    for (const h of [harden, roots, seeds, libraries, lazyHooks, mutable, helpers]) h.dispose();
    this.unwrap(ctx.callFunction(this.helper("snapshot"), ctx.undefined)).dispose();
    // Build mathjs's lazily created parser and common types now, so the
    // first guest call does not pay ~200 ms of its time budget for them.
    if (limits.packages.includes("mathjs")) {
      const warm = this.execute({ op: "run", code: WARM_UP, entry: "warm", argsJson: "{}", packages: ["mathjs"], timeoutMs: 10_000 });
      if (!warm.result.ok || warm.rebuild) throw new Error(`mathjs warm-up failed: ${JSON.stringify(warm.result)}`);
    }
    this.served = false;
  }

  /** Runs one request to completion; never throws. */
  execute(request: GuestRequest): GuestOutcome {
    const started = performance.now();
    this.served = true;
    this.logs = new LogBuffer(this.limits.maxLogBytes);
    this.deadline = Date.now() + request.timeoutMs;
    let result: SandboxResult;
    let rebuild = false;
    try {
      const value = this.perform(request);
      result = { ok: true, value, logs: this.logs.lines, durationMs: performance.now() - started };
    } catch (e) {
      const failure = e instanceof CallFailure ? e : this.hostFailure(e);
      rebuild = failure.rebuild;
      result = { ok: false, error: { kind: failure.kind, message: failure.message }, logs: this.logs.lines, durationMs: performance.now() - started };
    }
    try {
      if (!this.cleanUp()) rebuild = true;
    } catch {
      rebuild = true;
    }
    if (this.wasmBytes > this.limits.recycleAboveMb * MB) rebuild = true;
    this.deadline = Infinity;
    return { result, rebuild };
  }

  /**
   * A host-side exception means QuickJS recursed deeper than the host stack
   * (e.g. serialising or freeing very deep nesting) or the wasm module
   * aborted; either way this runtime is not trusted again.
   */
  private hostFailure(e: unknown): CallFailure {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof RangeError && /call stack/i.test(message)) {
      return this.phase === "encode"
        ? new CallFailure("not_serializable", "result is nested too deeply to serialise", true)
        : new CallFailure("stack_overflow", "stack limit exceeded (recursion too deep for the host)", true);
    }
    return new CallFailure("internal", `sandbox host error: ${message}`, true);
  }

  private perform(request: GuestRequest): unknown {
    this.phase = "define";
    const { ctx } = this;
    const args = this.packageArgs(request.packages);
    if (request.op === "script") return this.performScript(request.source, args);
    const outer = this.define(request.code, request.entry, args);
    // The guest's `call` helper runs the definition and then the entry in one crossing.
    const argsJson = request.op === "run" ? ctx.newString(request.argsJson) : ctx.undefined;
    this.phase = "call";
    const called = ctx.callFunction(this.helper("call"), ctx.undefined, outer, argsJson, args.list);
    argsJson.dispose();
    if (called.error) throw this.callFailure(called.error, request.entry);
    if (request.op === "check") {
      called.value.dispose();
      return true;
    }
    return this.settleAndEncode(called.value);
  }

  /** Classifies an exception from the guest's `call` helper by the step it came from. */
  private callFailure(error: QuickJSHandle, entry: string): CallFailure {
    const { ctx } = this;
    // Reading fails only past the deadline (interrupted), which failureFrom reports as a timeout anyway.
    const read = ctx.callFunction(this.helper("stage"), ctx.undefined);
    const stage = read.error ? STAGE_DEFINE : ctx.getNumber(read.value);
    (read.error ?? read.value).dispose();
    if (stage === STAGE_MISSING) {
      error.dispose();
      return new CallFailure("not_defined", `the code does not define a function named '${entry}'`);
    }
    return this.failureFrom(error, stage === STAGE_DEFINE ? "define" : "call");
  }

  private performScript(source: string, args: PackageArgs): unknown {
    const { ctx } = this;
    // Compile once as a plain script so syntax errors are reported as such.
    this.orFail(ctx.evalCode(source, "script.js", { type: "global", compileOnly: true }), "define").dispose();
    const runner = this.compile(`(function (${args.names.join(", ")}) { return eval(arguments[arguments.length - 1]); })`, "script.js");
    const src = ctx.newString(source);
    const called = ctx.callFunction(runner, ctx.undefined, [...args.handles, src]);
    src.dispose();
    this.phase = "call";
    return this.settleAndEncode(this.orFail(called, "call"));
  }

  /**
   * Compiled (cached) wrapper that, when called with the package bindings,
   * evaluates the definition in its own function scope and returns the `entry` binding.
   */
  private define(code: string, entry: string, args: PackageArgs): QuickJSHandle {
    if (!/^[A-Za-z_$][\w$]*$/.test(entry)) throw new CallFailure("not_defined", `'${entry}' is not a valid function name`);
    // The inner function gives the code its own scope, so `const math = require("mathjs")` does not clash with the parameters.
    const wrapper =
      `(function (${args.names.join(", ")}) { return (function () {${code}\n;` +
      `return typeof ${entry} === "function" ? ${entry} : undefined; })(); })`;
    return this.compile(wrapper, `${entry}.js`, () => {
      const problem = functionBodyProblem(code);
      if (problem !== undefined) throw new CallFailure("syntax", `SyntaxError: ${problem}`);
    });
  }

  /**
   * Compiles a wrapper once per runtime (`check` runs before a first compile). Only the compiled outer function is
   * reused: calling it re-runs the guest's top-level code in a fresh scope,
   * so no state carries from one call to the next.
   */
  private compile(source: string, filename: string, check?: () => void): QuickJSHandle {
    const cached = this.compiled.get(source);
    if (cached) {
      this.compiled.delete(source);
      this.compiled.set(source, cached);
      return cached;
    }
    check?.();
    const fn = this.orFail(this.ctx.evalCode(source, filename), "define");
    this.unwrap(this.ctx.callFunction(this.helper("seal"), this.ctx.undefined, fn)).dispose();
    this.compiled.set(source, fn);
    if (this.compiled.size > COMPILE_CACHE_SIZE) {
      const [oldest, handle] = this.compiled.entries().next().value as [string, QuickJSHandle];
      this.compiled.delete(oldest);
      handle.dispose();
    }
    return fn;
  }

  /**
   * Bindings for one declared package set, built once per runtime: the
   * `require` shim is frozen, so sharing it between calls carries no state.
   */
  private packageArgs(packages: readonly string[]): PackageArgs {
    const key = [...packages].sort().join(",");
    const cached = this.bindings.get(key);
    if (cached) return cached;
    const { ctx } = this;
    const declared = ctx.newArray();
    packages.forEach((p, i) => {
      const s = ctx.newString(p);
      ctx.setProp(declared, i, s);
      s.dispose();
    });
    const require = this.unwrap(ctx.callFunction(this.helper("makeRequire"), ctx.undefined, declared));
    declared.dispose();
    const names = ["require"];
    const handles = [require];
    const math = packages.includes("mathjs") ? this.packageHandles.get("mathjs") : undefined;
    if (math) {
      names.push("math", "mathjs");
      handles.push(math, math);
    }
    const cas = packages.includes("nerdamer") ? this.packageHandles.get("nerdamer") : undefined;
    if (cas) {
      names.push("cas");
      handles.push(cas);
    }
    // The same bindings as one frozen guest array, for the `call` helper.
    const list = ctx.newArray();
    handles.forEach((h, i) => ctx.setProp(list, i, h));
    this.unwrap(ctx.callFunction(this.helper("seal"), ctx.undefined, list)).dispose();
    const args = { names, handles, list };
    this.bindings.set(key, args);
    return args;
  }

  /** Drives pending jobs until a returned promise settles, then serialises the value inside the guest. */
  private settleAndEncode(value: QuickJSHandle): unknown {
    const { ctx, runtime } = this;
    let settled = value;
    try {
      for (;;) {
        const state = ctx.getPromiseState(value);
        if (state.type === "fulfilled") {
          settled = state.value;
          break;
        }
        if (state.type === "rejected") throw this.failureFrom(state.error, "call");
        if (!runtime.hasPendingJob()) throw new CallFailure("timeout", "the returned promise never settles (nothing left to run)");
        const jobs = runtime.executePendingJobs(64);
        if (jobs.error) throw this.failureFrom(jobs.error, "call");
        if (Date.now() > this.deadline) throw new CallFailure("timeout", "time limit exceeded");
      }
      this.phase = "encode";
      const encoded = ctx.callFunction(this.helper("encode"), ctx.undefined, settled);
      const text = this.orFail(encoded, "encode");
      const decoded = decodeGuestResult(ctx.getString(text), this.limits.maxResultBytes);
      text.dispose();
      if (!decoded.ok) throw new CallFailure(decoded.error.kind, decoded.error.message);
      return decoded.value;
    } finally {
      if (settled !== value && settled.alive) settled.dispose();
      value.dispose();
    }
  }

  private orFail(result: { error?: QuickJSHandle; value?: QuickJSHandle }, phase: CallPhase): QuickJSHandle {
    if (result.error) throw this.failureFrom(result.error, phase);
    return result.value as QuickJSHandle;
  }

  /** Reads a guest error (with a short fresh deadline: reading may run guest getters) and classifies it. */
  private failureFrom(error: QuickJSHandle, phase: CallPhase): CallFailure {
    const timedOut = Date.now() > this.deadline;
    const { ctx } = this;
    let described: GuestError | null = null;
    try {
      this.deadline = Date.now() + CLEANUP_MS;
      const text = ctx.callFunction(this.helper("describe"), ctx.undefined, error);
      if (text.error) {
        text.error.dispose();
      } else {
        const [name, message] = JSON.parse(ctx.getString(text.value)) as [string, string];
        described = { name, message };
        text.value.dispose();
      }
    } finally {
      error.dispose();
    }
    if (timedOut) return new CallFailure("timeout", "time limit exceeded");
    // An unreadable error with the heap at its cap is an out-of-memory error whose description could not be allocated.
    if (described === null && this.wasmBytes >= this.wasmCapBytes - MB) return new CallFailure("out_of_memory", "memory limit exceeded", true);
    const { kind, message } = classifyGuestError(described, phase);
    return new CallFailure(kind, message, kind === "out_of_memory");
  }

  /** Runs leftover jobs briefly and deletes globals the call created; false means: rebuild. */
  private cleanUp(): boolean {
    const { ctx, runtime } = this;
    this.deadline = Date.now() + CLEANUP_MS;
    if (runtime.hasPendingJob()) {
      const jobs = runtime.executePendingJobs(-1);
      const failed = jobs.error !== undefined;
      jobs.dispose();
      if (failed || runtime.hasPendingJob()) return false;
    }
    const reset = ctx.callFunction(this.helper("reset"), ctx.undefined);
    if (reset.error) {
      reset.error.dispose();
      return false;
    }
    const flag = reset.value;
    const clean = ctx.getNumber(flag) === 1;
    flag.dispose();
    return clean;
  }

  private helper(name: Helper): QuickJSHandle {
    return this.helpers.get(name) as QuickJSHandle;
  }

  private unwrap(result: { error?: QuickJSHandle; value?: QuickJSHandle }): QuickJSHandle {
    if (result.error) {
      const detail = JSON.stringify(this.ctx.dump(result.error));
      result.error.dispose();
      throw new Error(`sandbox runtime setup failed: ${detail}`);
    }
    return result.value as QuickJSHandle;
  }

  /**
   * Frees the runtime. The wasm module is private to this runtime, so when a
   * poisoned runtime cannot be freed cleanly (QuickJS asserts on leaked
   * objects) dropping the module is enough: the host GC reclaims its memory.
   */
  dispose(): void {
    try {
      const bound = [...this.bindings.values()].flatMap((b) => [b.handles[0], b.list]);
      for (const h of [...this.helpers.values(), ...this.packageHandles.values(), ...this.compiled.values(), ...bound]) if (h.alive) h.dispose();
      if (this.ctx.alive) this.ctx.dispose();
      if (this.runtime.alive) this.runtime.dispose();
    } catch {
      // The module aborted; nothing else references it.
    }
  }
}

interface PackageArgs {
  names: string[];
  handles: QuickJSHandle[];
  /** `handles` as a frozen guest array. */
  list: QuickJSHandle;
}
