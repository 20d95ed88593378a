import releaseSync from "@jitl/quickjs-wasmfile-release-sync";
import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSHandle, type QuickJSSyncVariant, type QuickJSWASMModule } from "quickjs-emscripten-core";
import { describe, expect, it } from "vitest";
import { createSandbox, type SandboxWithStats } from "../../src/sandbox/index.js";
import { restoreRuntime, snapshotKey, takeSnapshot } from "../../src/sandbox/runtime-snapshot.js";
import { REALM_FINGERPRINT } from "./realm-fingerprint.js";

async function fingerprint(sandbox: SandboxWithStats): Promise<string> {
  const r = await sandbox.runScript({ source: REALM_FINGERPRINT, packages: ["mathjs"], timeoutMs: 120_000 });
  if (!r.ok) throw new Error(`fingerprint failed: ${r.error.kind}: ${r.error.message}`);
  return (r.value as { text: string }).text;
}

async function firstRandom(sandbox: SandboxWithStats): Promise<number> {
  const r = await sandbox.run({ code: "function draw() { return Math.random(); }", entry: "draw", args: {} });
  if (!r.ok) throw new Error(`draw failed: ${r.error.kind}`);
  return r.value as number;
}

// The fingerprint is a large result and takes memory to build. The start-up
// cache is off: these tests are about the process's own snapshot.
const OPTIONS = { workers: 1, memoryLimitMb: 256, maxResultBytes: 64 * 1024 * 1024, startupCache: false as const };

describe("runtimes copied from a snapshot", () => {
  it("are the built runtime (same realm fingerprint), draw their own random numbers, and are rebuilt from the copy after poisoning", async () => {
    // The first sandbox of this test file's process builds its runtime and leaves the snapshot.
    await using built = await createSandbox(OPTIONS);
    expect(built.startedFromSnapshot).toEqual([false]);
    const builtDraw = await firstRandom(built);
    await using copied = await createSandbox(OPTIONS);
    expect(copied.startedFromSnapshot).toEqual([true]);
    expect(await firstRandom(copied)).not.toBe(builtDraw);
    expect(await fingerprint(copied)).toBe(await fingerprint(built));

    // A poisoned global object gets the copy rebuilt, from the snapshot again, not from its own poisoned state.
    const poison = await copied.run({ code: "function f() { globalThis.leak = 1; Object.preventExtensions(globalThis); return 1; }", entry: "f", args: {} });
    expect(poison.ok).toBe(true);
    const after = await copied.run({ code: "function f() { return [typeof leak, Object.isExtensible(globalThis), [...[1, 2]]]; }", entry: "f", args: {} });
    expect(after.ok && after.value).toEqual(["undefined", true, [1, 2]]);
    expect(copied.startedFromSnapshot).toEqual([true, true]);
  }, 600_000);

  it("a sandbox with other packages or result limits does not reuse another's snapshot", async () => {
    await using plain = await createSandbox({ workers: 1, packages: [], startupCache: false });
    expect(plain.startedFromSnapshot).toEqual([false]);
    const r = await plain.run({ code: "function f() { return typeof math; }", entry: "f", args: {} });
    expect(r.ok && r.value).toBe("undefined");
    await using other = await createSandbox({ workers: 1, packages: [], maxResultBytes: 1024, startupCache: false });
    expect(other.startedFromSnapshot).toEqual([false]);
    const big = await other.run({ code: "function f() { return 'x'.repeat(2000); }", entry: "f", args: {} });
    expect(big.ok ? big : big.error.kind).toBe("result_too_large");
  }, 600_000);
});

// The copy itself, in this thread: a bare QuickJS runtime (no libraries, no
// hardening) with two host functions, a global and a handle the host keeps.
const imported = releaseSync as unknown as QuickJSSyncVariant & { default?: QuickJSSyncVariant };
const variant: QuickJSSyncVariant = imported.type === "sync" ? imported : (imported.default as QuickJSSyncVariant);
type WasmMemoryCtor = new (d: { initial: number; maximum: number }) => { buffer: ArrayBuffer };
const WasmMemory = (globalThis as unknown as { WebAssembly: { Memory: WasmMemoryCtor } }).WebAssembly.Memory;
const PAGE = 64 * 1024;

async function moduleOver(bytes: number): Promise<{ module: QuickJSWASMModule; buffer: () => ArrayBuffer }> {
  const memory = new WasmMemory({ initial: bytes / PAGE, maximum: (bytes + 64 * 1024 * 1024) / PAGE });
  const module = await newQuickJSWASMModuleFromVariant(newVariant(variant, { wasmMemory: memory as never }));
  return { module, buffer: () => memory.buffer };
}

async function original() {
  const { module } = await moduleOver(16 * 1024 * 1024);
  const runtime = module.newRuntime();
  const context = runtime.newContext();
  const seen: string[] = [];
  const first = context.newFunction("first", (h) => void seen.push(`first:${context.getString(h)}`));
  const second = context.newFunction("second", (h) => void seen.push(`second:${context.getString(h)}`));
  // Not through context.global: a handle the host holds at the copy would never be freed in the restored runtime.
  const install = context.unwrapResult(context.evalCode("(first, second) => { globalThis.first = first; globalThis.second = second; }"));
  context.unwrapResult(context.callFunction(install, context.undefined, first, second)).dispose();
  for (const h of [install, first, second]) h.dispose();
  context.unwrapResult(context.evalCode("globalThis.answer = 41;")).dispose();
  const kept = context.unwrapResult(context.evalCode("({ n: 7, call(x) { first('a' + x); second('b' + x); return x * 2; } })"));
  return { module, runtime, context, kept, seen };
}

describe("takeSnapshot and restoreRuntime", () => {
  it("copy an idle runtime: its globals, the handles the host keeps and its host functions, in their order", async () => {
    const from = await original();
    const snapshot = takeSnapshot(from.module, from.runtime, from.context, { kept: from.kept });
    expect(snapshot.memory).toBeInstanceOf(SharedArrayBuffer);
    expect(snapshot.memory.byteLength).toBe(from.module.getWasmMemory().buffer.byteLength);
    expect(Buffer.from(snapshot.memory).equals(Buffer.from(from.module.getWasmMemory().buffer))).toBe(true);
    expect(snapshot.runtimePointer).toBeGreaterThan(0);
    expect(snapshot.contextPointer).toBeGreaterThan(0);
    expect(snapshot.handles).toEqual({ kept: expect.any(Number) });
    expect(snapshot.hostRefIds).toHaveLength(2);
    // The copy does not follow the original afterwards.
    from.context.unwrapResult(from.context.evalCode("globalThis.answer = 0;")).dispose();

    const to = await moduleOver(snapshot.memory.byteLength);
    new Uint8Array(to.buffer()).set(new Uint8Array(snapshot.memory));
    const calls: string[] = [];
    const { runtime, context, handles } = restoreRuntime(to.module, snapshot, [
      function (this: QuickJSHandle, h: QuickJSHandle) { calls.push(`first:${context.getString(h)}`); },
      function (this: QuickJSHandle, h: QuickJSHandle) { calls.push(`second:${context.getString(h)}`); },
    ]);
    const read = (h: QuickJSHandle): unknown => {
      const value = context.dump(h);
      h.dispose();
      return value;
    };
    expect(read(context.unwrapResult(context.evalCode("answer + 1")))).toBe(42);
    expect(Object.keys(handles)).toEqual(["kept"]);
    expect(read(context.getProp(handles.kept!, "n"))).toBe(7);
    const call = context.getProp(handles.kept!, "call");
    const x = context.newNumber(5);
    expect(read(context.unwrapResult(context.callFunction(call, handles.kept!, x)))).toBe(10);
    expect(calls).toEqual(["first:a5", "second:b5"]);
    expect(from.seen).toEqual([]);
    x.dispose();
    call.dispose();
    handles.kept!.dispose();
    context.dispose();
    // Disposing the restored runtime frees it in its module and forgets its callbacks.
    const internals = to.module as unknown as { callbacks: { runtimeCallbacks: Map<number, unknown> } };
    expect(internals.callbacks.runtimeCallbacks.has(snapshot.runtimePointer)).toBe(true);
    runtime.dispose();
    expect(internals.callbacks.runtimeCallbacks.has(snapshot.runtimePointer)).toBe(false);
    from.kept.dispose();
    from.context.dispose();
    from.runtime.dispose();
  });

  it("refuse host functions that do not match the snapshot's, so the caller builds instead", async () => {
    const from = await original();
    const snapshot = takeSnapshot(from.module, from.runtime, from.context, { kept: from.kept });
    const restore = async (count: number) => {
      const to = await moduleOver(snapshot.memory.byteLength);
      new Uint8Array(to.buffer()).set(new Uint8Array(snapshot.memory));
      return () => restoreRuntime(to.module, snapshot, Array.from({ length: count }, () => () => undefined));
    };
    expect(await restore(1)).toThrow("snapshot has 2 host functions, 1 given");
    expect(await restore(3)).toThrow(`snapshot host function 2 got id ${snapshot.hostRefIds[1]! + 1}, expected undefined`);
    from.kept.dispose();
    from.context.dispose();
    from.runtime.dispose();
  });
});

describe("snapshotKey", () => {
  it("tells runtimes apart by what is built into them, not by the limits applied after a restore", () => {
    const limits = { memoryLimitMb: 64, stackLimitKb: 256, maxResultBytes: 65536, maxLogBytes: 8192, recycleAboveMb: 256, packages: ["mathjs"] };
    expect(snapshotKey({ ...limits, memoryLimitMb: 512, stackLimitKb: 128, recycleAboveMb: 1024 })).toBe(snapshotKey(limits));
    const keys = [limits, { ...limits, packages: [] }, { ...limits, packages: ["mathjs", "nerdamer"] }, { ...limits, maxResultBytes: 1024 }, { ...limits, maxLogBytes: 1024 }].map(snapshotKey);
    expect(new Set(keys).size).toBe(5);
  });
});
