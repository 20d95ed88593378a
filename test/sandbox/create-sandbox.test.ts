import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ALLOWED_PACKAGES, createSandbox, SandboxError, type SandboxOptions, type SandboxWithStats } from "../../src/sandbox/index.js";

// Small limits that calls can observe; no libraries, so the runtime builds quickly.
// Made by the first test that needs it, not in a beforeAll hook: a sandbox
// that fails to start then fails tests (a failed hook only skips them, which
// mutation testing would count as a surviving mutant).
let made: Promise<SandboxWithStats> | undefined;
const small = (): Promise<SandboxWithStats> =>
  (made ??= createSandbox({ workers: 1.9, packages: [], timeoutMs: 60_000, maxResultBytes: 100, maxLogBytes: 10, hostGraceMs: 0 }));
afterAll(async () => {
  await made?.then((s) => s.close(), () => undefined);
});

async function refusal(options: SandboxOptions): Promise<SandboxError> {
  const e = await createSandbox(options).then(
    async (made) => {
      await made.close();
      return undefined;
    },
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(SandboxError);
  expect(e).toMatchObject({ code: "E_SANDBOX_OPTIONS" });
  return e as SandboxError;
}

describe("createSandbox options", () => {
  it("refuses limits that are not positive numbers, naming the option and the value", async () => {
    for (const option of ["timeoutMs", "memoryLimitMb", "stackLimitKb", "maxResultBytes", "maxLogBytes", "workers"] as const) {
      for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        const e = await refusal({ [option]: bad });
        expect(e.message).toBe(`sandbox option ${option} must be a positive number, got ${String(bad)}`);
        expect(e.context).toEqual({ option, value: bad });
      }
    }
  });

  it("refuses a stack deeper than the host's, a negative grace and packages outside the allow-list", async () => {
    const deep = await refusal({ stackLimitKb: 257 });
    expect(deep.message).toBe("sandbox option stackLimitKb must be <= 256 (deeper QuickJS stacks overflow the host stack), got 257");
    expect(deep.context).toEqual({ option: "stackLimitKb", value: 257 });
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const e = await refusal({ hostGraceMs: bad });
      expect(e.message).toBe(`sandbox option hostGraceMs must be a number >= 0, got ${String(bad)}`);
      expect(e.context).toEqual({ option: "hostGraceMs", value: bad });
    }
    const packages = await refusal({ packages: ["mathjs", "left-pad", "lodash"] });
    expect(packages.message).toBe(`sandbox option packages: package(s) not allowed: left-pad, lodash; allowed: ${ALLOWED_PACKAGES.join(", ")}`);
    expect(packages.context).toEqual({ option: "packages" });
  });

  it("accepts the boundary values: a 256 KiB stack and no grace", async () => {
    await using edge = await createSandbox({ stackLimitKb: 256, hostGraceMs: 0, workers: 1, packages: [] });
    expect((await edge.runScript({ source: "1" })).ok).toBe(true);
  });
});

describe("the start-up cache option", () => {
  it("keeps a built runtime in the folder given", async () => {
    const scratch = mkdtempSync(join(tmpdir(), "toolforge-create-sandbox-"));
    try {
      const dir = join(scratch, "cache");
      // Limits no other sandbox of this process has: the runtime is built, not copied.
      await using kept = await createSandbox({ workers: 1, packages: [], maxLogBytes: 4321, startupCache: dir });
      expect(kept.startedFromSnapshot).toEqual([false]);
      await kept.close();
      expect(readdirSync(dir).filter((n) => n.endsWith(".snapshot"))).toHaveLength(1);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe("a sandbox's limits", () => {
  it("starts a whole number of workers", async () => {
    const sandbox = await small();
    expect(sandbox.preloadTimesMs).toHaveLength(1);
    expect(sandbox.startedFromSnapshot).toHaveLength(1);
  });

  it("applies the result and log limits it was created with", async () => {
    const sandbox = await small();
    const big = await sandbox.runScript({ source: "'x'.repeat(200)" });
    expect(big).toMatchObject({ ok: false, error: { kind: "result_too_large" } });
    const chatty = await sandbox.runScript({ source: "console.log('0123456789abc'); 1" });
    expect(chatty.ok).toBe(true);
    expect(chatty.logs.join("\n")).toMatch(/^0123456789(\n…\[logs truncated\])?$/);
  });

  it("uses the sandbox's time limit unless a call sets its own, and refuses an invalid one", async () => {
    const sandbox = await small();
    expect(await sandbox.runScript({ source: "for (;;) {}", timeoutMs: 50 })).toMatchObject({ ok: false, error: { kind: "timeout" } });
    // The sandbox's 60 s: a loop of a few milliseconds finishes.
    expect(await sandbox.run({ code: "function f() { let n = 0; for (let i = 0; i < 1e5; i++) n += i; return n; }", entry: "f", args: {} })).toMatchObject({ ok: true, value: 4999950000 });
    await expect(sandbox.run({ code: "function f() {}", entry: "f", args: {}, timeoutMs: 0 })).rejects.toMatchObject({ code: "E_SANDBOX_OPTIONS", message: "sandbox option timeoutMs must be a positive number, got 0" });
    // Every kind of call answers with a rejected promise, never a synchronous throw.
    await expect(sandbox.check({ code: "function f() {}", entry: "f", timeoutMs: -5 })).rejects.toBeInstanceOf(SandboxError);
    await expect(sandbox.runScript({ source: "1", timeoutMs: Number.NaN })).rejects.toBeInstanceOf(SandboxError);
  });
});

describe("a sandbox's calls", () => {
  it("pass arguments as JSON: missing ones as {}, and refuse ones that are not serialisable", async () => {
    const sandbox = await small();
    const code = "function f(args) { return args; }";
    expect(await sandbox.run({ code, entry: "f", args: undefined })).toMatchObject({ ok: true, value: {} });
    expect(await sandbox.run({ code, entry: "f", args: () => 1 })).toMatchObject({ ok: true, value: {} });
    expect(await sandbox.run({ code, entry: "f", args: { a: [1, "b"] } })).toMatchObject({ ok: true, value: { a: [1, "b"] } });
    const r = await sandbox.run({ code, entry: "f", args: { n: 1n } });
    expect(r).toMatchObject({ ok: false, error: { kind: "not_serializable" }, logs: [], durationMs: 0 });
    expect(!r.ok && r.error.message).toMatch(/^arguments are not JSON-serialisable: .*BigInt/);
  });

  it("refuse packages outside the allow-list and allowed ones this sandbox does not load, in every kind of call", async () => {
    const sandbox = await small();
    const notAllowed = `package(s) not allowed: lodash; allowed: ${ALLOWED_PACKAGES.join(", ")}`;
    const notLoaded = "package(s) not preloaded in this sandbox: mathjs, nerdamer";
    const calls = [
      (packages: string[]) => sandbox.run({ code: "function f() { return 1; }", entry: "f", args: {}, packages }),
      (packages: string[]) => sandbox.runScript({ source: "1", packages }),
      (packages: string[]) => sandbox.check({ code: "function f() { return 1; }", entry: "f", packages }),
    ];
    for (const call of calls) {
      expect(await call(["lodash"])).toEqual({ ok: false, error: { kind: "package_not_allowed", message: notAllowed }, logs: [], durationMs: 0 });
      expect(await call(["mathjs", "nerdamer"])).toEqual({ ok: false, error: { kind: "package_not_allowed", message: notLoaded }, logs: [], durationMs: 0 });
      expect(await call([])).toMatchObject({ ok: true });
    }
  });

  it("run, check and runScript each do their own kind of work", async () => {
    const sandbox = await small();
    expect(await sandbox.run({ code: "function f({ a }) { return a + 1; }", entry: "f", args: { a: 1 } })).toMatchObject({ ok: true, value: 2 });
    expect(await sandbox.check({ code: "function f() { throw new Error('called'); }", entry: "f" })).toMatchObject({ ok: true });
    expect(await sandbox.check({ code: "function f() {}", entry: "g" })).toMatchObject({ ok: false, error: { kind: "not_defined" } });
    expect(await sandbox.runScript({ source: "[1, 2].length" })).toMatchObject({ ok: true, value: 2 });
  });

  it("are refused once the sandbox is closed, through close() or the end of an await using block", async () => {
    let escaped: SandboxWithStats | undefined;
    {
      await using scoped = await createSandbox({ workers: 1, packages: [] });
      escaped = scoped;
      expect(scoped.allowedPackages).toEqual(ALLOWED_PACKAGES);
    }
    for (const call of [
      () => escaped!.run({ code: "function f() {}", entry: "f", args: {} }),
      () => escaped!.runScript({ source: "1" }),
      () => escaped!.check({ code: "function f() {}", entry: "f" }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "E_SANDBOX_CLOSED" });
    }
  });
});

describe("a sandbox's packages", () => {
  it("preloads the packages it was created with and loads no others", async () => {
    await using chosen = await createSandbox({ workers: 1, packages: ["mathjs"] });
    expect(await chosen.run({ code: "function f() { return require('mathjs').sqrt(16); }", entry: "f", args: {}, packages: ["mathjs"] })).toMatchObject({ ok: true, value: 4 });
    expect(await chosen.runScript({ source: "cas.evaluate('1/3+1/6')", packages: ["nerdamer"] })).toEqual({
      ok: false,
      error: { kind: "package_not_allowed", message: "package(s) not preloaded in this sandbox: nerdamer" },
      logs: [],
      durationMs: 0,
    });
  });

  it("when none were chosen, preloads the defaults and loads the other allowed ones at the first call that needs them", async () => {
    await using defaults = await createSandbox({ workers: 1 });
    expect(await defaults.run({ code: "function f() { return require('mathjs').sqrt(16); }", entry: "f", args: {}, packages: ["mathjs"] })).toMatchObject({ ok: true, value: 4 });
    expect(await defaults.runScript({ source: "cas.evaluate('1/3+1/6')", packages: ["nerdamer"] })).toMatchObject({ ok: true, value: "1/2" });
  });
});
