/**
 * A copy of a freshly hardened guest runtime, to start more runtimes from.
 *
 * Building a runtime (evaluating the mathjs bundle, building and freezing
 * its ~700 lazy members, hardening every intrinsic) costs seconds of CPU;
 * copying its result costs milliseconds. Everything QuickJS holds lives in
 * the wasm linear memory, so a copy of that memory, taken while the runtime
 * is idle and before it served any call, plus the few pointers and host
 * function ids the JavaScript wrappers of quickjs-emscripten keep, is a
 * complete runtime: `restoreRuntime` instantiates a new wasm module over a
 * copy and wraps the same pointers. A restored runtime is byte for byte the
 * runtime that was copied, hardening included.
 */
import { Lifetime, QuickJSRuntime, type QuickJSContext, type QuickJSHandle, type QuickJSWASMModule } from "quickjs-emscripten-core";
import type { RuntimeLimits } from "./protocol.js";

/**
 * What shapes a built runtime besides the code: two runtimes built with
 * limits of the same key are byte for byte the same (the memory limit and
 * the others are applied after a restore).
 *
 * @example
 * snapshotKey({ ...limits, packages: ["mathjs"] }); // '[["mathjs"],8192,65536]'
 */
export const snapshotKey = (limits: RuntimeLimits): string => JSON.stringify([limits.packages, limits.maxLogBytes, limits.maxResultBytes]);

/** A hardened runtime's memory and the pointers that address it. */
export interface RuntimeSnapshot {
  /** The wasm linear memory (shared, read-only by convention: every restore copies it). */
  memory: SharedArrayBuffer;
  runtimePointer: number;
  contextPointer: number;
  /** Guest values the host holds handles to, by name. */
  handles: Record<string, number>;
  /** Ids quickjs-emscripten gave the host functions, in creation order. */
  hostRefIds: number[];
}

/** What quickjs-emscripten keeps outside wasm memory (not part of its typed surface). */
interface ModuleInternals {
  module: unknown;
  callbacks: { deleteRuntime(pointer: number): void };
  ffi: { QTS_FreeRuntime(pointer: number): void };
}
interface RuntimeInternals {
  rt: { value: number };
  hostRefs: { put(fn: unknown): number; groups: Map<number, Map<number, unknown>> };
}
interface ContextInternals {
  ctx: { value: number };
  memory: { heapValueHandle(pointer: number): QuickJSHandle };
}

/**
 * Copies an idle runtime. `handles` must be every handle the host keeps
 * (others are not restored).
 *
 * @example
 * const snapshot = takeSnapshot(module, runtime, context, { call: callHelper });
 */
export function takeSnapshot(module: QuickJSWASMModule, runtime: QuickJSRuntime, context: QuickJSContext, handles: Record<string, QuickJSHandle>): RuntimeSnapshot {
  const source = module.getWasmMemory().buffer;
  const memory = new SharedArrayBuffer(source.byteLength);
  new Uint8Array(memory).set(new Uint8Array(source));
  const rt = runtime as unknown as RuntimeInternals;
  // In creation order: ids are handed out ascending and Maps iterate in
  // insertion order (restoreRuntime registers the functions in that order).
  const hostRefIds = [...rt.hostRefs.groups.values()].flatMap((group) => [...group.keys()]);
  return {
    memory,
    runtimePointer: rt.rt.value,
    contextPointer: (context as unknown as ContextInternals).ctx.value,
    handles: Object.fromEntries(Object.entries(handles).map(([name, h]) => [name, h.value as unknown as number])),
    hostRefIds,
  };
}

/** The restored runtime, its context and the handles the snapshot named. */
export interface RestoredRuntime {
  runtime: QuickJSRuntime;
  context: QuickJSContext;
  handles: Record<string, QuickJSHandle>;
}

/**
 * Wraps a module freshly instantiated over `memory` (which must be a copy of
 * `snapshot.memory`) as the runtime the snapshot was taken from.
 * `hostFunctions` are registered in the original creation order; a
 * mismatch in their ids throws (the caller then builds from scratch).
 *
 * @example
 * const { runtime, context, handles } = restoreRuntime(module, snapshot, [hostLog]);
 */
export function restoreRuntime(module: QuickJSWASMModule, snapshot: RuntimeSnapshot, hostFunctions: ReadonlyArray<(this: QuickJSHandle, ...args: QuickJSHandle[]) => QuickJSHandle | void>): RestoredRuntime {
  const internals = module as unknown as ModuleInternals;
  const ffi = internals.ffi;
  const rt = new Lifetime(snapshot.runtimePointer, undefined, (pointer: number) => {
    ffi.QTS_FreeRuntime(pointer);
    internals.callbacks.deleteRuntime(pointer);
  });
  const Runtime = QuickJSRuntime as unknown as new (args: { module: unknown; callbacks: unknown; ffi: unknown; rt: Lifetime<number, number> }) => QuickJSRuntime;
  const runtime = new Runtime({ module: internals.module, callbacks: internals.callbacks, ffi, rt });
  const context = runtime.newContext({ contextPointer: snapshot.contextPointer } as never);
  const refs = (runtime as unknown as RuntimeInternals).hostRefs;
  hostFunctions.forEach((fn, i) => {
    const id = refs.put(fn);
    if (id !== snapshot.hostRefIds[i]) throw new Error(`snapshot host function ${i} got id ${id}, expected ${snapshot.hostRefIds[i]}`);
  });
  if (hostFunctions.length !== snapshot.hostRefIds.length) throw new Error(`snapshot has ${snapshot.hostRefIds.length} host functions, ${hostFunctions.length} given`);
  const memory = (context as unknown as ContextInternals).memory;
  const handles = Object.fromEntries(Object.entries(snapshot.handles).map(([name, pointer]) => [name, memory.heapValueHandle(pointer)]));
  return { runtime, context, handles };
}
