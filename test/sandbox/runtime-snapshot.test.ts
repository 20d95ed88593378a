import { describe, expect, it } from "vitest";
import { createSandbox, type SandboxWithStats } from "../../src/sandbox/index.js";
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
