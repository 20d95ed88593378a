import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ToolforgeError } from "../../src/errors.js";
import { ALLOWED_PACKAGES, createSandbox, SANDBOX_GUEST_GUIDE, SandboxError, type Sandbox } from "../../src/sandbox/index.js";

let sandbox: Sandbox;
beforeAll(async () => {
  // A default far beyond any call's work: a busy machine must not turn answers into timeouts.
  sandbox = await createSandbox({ timeoutMs: 60_000, memoryLimitMb: 64, workers: 2 });
});
afterAll(async () => {
  await sandbox?.close();
});

describe("sandbox.run", () => {
  it("calls the entry function with the one object argument", async () => {
    const r = await sandbox.run({ code: "function area({ w, h }) { return { area: w * h }; }", entry: "area", args: { w: 3, h: 4 } });
    expect(r).toMatchObject({ ok: true, value: { area: 12 }, logs: [] });
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("awaits async functions and captures console output", async () => {
    const code = "async function slow({ n }) { console.log('start', n); const v = await Promise.resolve(n * 2); console.info({ v }); return v; }";
    expect(await sandbox.run({ code, entry: "slow", args: { n: 5 } })).toMatchObject({ ok: true, value: 10, logs: ["start 5", '{"v":10}'] });
  });

  it("reports a rejected promise as a thrown error with its message", async () => {
    const r = await sandbox.run({ code: "async function f() { throw new RangeError('bad input: x'); }", entry: "f", args: {} });
    expect(r).toMatchObject({ ok: false, error: { kind: "thrown", message: "RangeError: bad input: x" } });
  });

  it("returns null for undefined and rejects non-JSON values", async () => {
    expect(await sandbox.run({ code: "function f() {}", entry: "f", args: {} })).toMatchObject({ ok: true, value: null });
    expect(await sandbox.run({ code: "function f() { return () => 1; }", entry: "f", args: {} })).toMatchObject({ ok: false, error: { kind: "not_serializable" } });
  });

  it("binds mathjs as math, mathjs and require('mathjs') only when declared", async () => {
    const code = "const m = require('mathjs'); function f({ x }) { return [m.sqrt(x), math.evaluate('det([1, 2; 3, 4])'), mathjs === m]; }";
    expect(await sandbox.run({ code, entry: "f", args: { x: 16 }, packages: ["mathjs"] })).toMatchObject({ ok: true, value: [4, -2, true] });
    const undeclared = await sandbox.run({ code: "function f() { return math.sqrt(4); }", entry: "f", args: {} });
    expect(undeclared).toMatchObject({ ok: false, error: { kind: "thrown" } });
    expect(!undeclared.ok && undeclared.error.message).toMatch(/math/);
  });

  it("refuses packages outside the allow-list before running anything", async () => {
    const r = await sandbox.run({ code: "function f() { return 1; }", entry: "f", args: {}, packages: ["lodash"] });
    expect(r).toMatchObject({ ok: false, error: { kind: "package_not_allowed" } });
    expect(!r.ok && r.error.message).toContain("lodash");
  });

  it("reports syntax errors and missing entries", async () => {
    expect(await sandbox.run({ code: "function f( {", entry: "f", args: {} })).toMatchObject({ ok: false, error: { kind: "syntax" } });
    expect(await sandbox.run({ code: "const g = 1;", entry: "f", args: {} })).toMatchObject({ ok: false, error: { kind: "not_defined" } });
    expect(await sandbox.run({ code: "function f() {}", entry: "f; process", args: {} })).toMatchObject({ ok: false, error: { kind: "not_defined" } });
  });

  it("tells errors of the definition's top level from errors of the call", async () => {
    expect(await sandbox.run({ code: "JSON.parse('{'); function f() {}", entry: "f", args: {} })).toMatchObject({ ok: false, error: { kind: "syntax" } });
    const inCall = await sandbox.run({ code: "function f() { return JSON.parse('{'); }", entry: "f", args: {} });
    expect(inCall).toMatchObject({ ok: false, error: { kind: "thrown" } });
    expect(!inCall.ok && inCall.error.message).toMatch(/^SyntaxError: /);
    expect(await sandbox.run({ code: "throw new TypeError('top'); function f() {}", entry: "f", args: {} })).toMatchObject({ ok: false, error: { kind: "thrown", message: "TypeError: top" } });
  });

  it("applies a per-call time limit", async () => {
    const r = await sandbox.run({ code: "function f() { for (;;) {} }", entry: "f", args: {}, timeoutMs: 50 });
    expect(r).toMatchObject({ ok: false, error: { kind: "timeout" } });
    expect(r.durationMs).toBeLessThan(30_000); // the call's 50 ms, not the sandbox's 60 s
  });

  it("re-runs top-level code on every call, so no state carries over", async () => {
    const code = "let calls = 0; function count() { calls += 1; return calls; }";
    for (let i = 0; i < 3; i++) expect(await sandbox.run({ code, entry: "count", args: {} })).toMatchObject({ ok: true, value: 1 });
  });

  it("runs calls in parallel across workers", async () => {
    const calls = Array.from({ length: 12 }, (_, i) => sandbox.run({ code: "function sq({ i }) { return i * i; }", entry: "sq", args: { i } }));
    const results = await Promise.all(calls);
    expect(results.map((r) => (r.ok ? r.value : r))).toEqual(Array.from({ length: 12 }, (_, i) => i * i));
  });
});

describe("sandbox.runScript", () => {
  it("returns the completion value and logs", async () => {
    const r = await sandbox.runScript({ source: "var a = 2; let b = 3; console.log('a*b', a * b); a * b + 1" });
    expect(r).toMatchObject({ ok: true, value: 7, logs: ["a*b 6"] });
  });

  it("awaits a promise completion value", async () => {
    expect(await sandbox.runScript({ source: "(async () => math.sqrt(81))()", packages: ["mathjs"] })).toMatchObject({ ok: true, value: 9 });
  });

  it("reports syntax errors as syntax and runtime errors as thrown", async () => {
    expect(await sandbox.runScript({ source: "let = = 1" })).toMatchObject({ ok: false, error: { kind: "syntax" } });
    expect(await sandbox.runScript({ source: "JSON.parse('{')" })).toMatchObject({ ok: false, error: { kind: "thrown" } });
  });

  it("does not leak script variables into later scripts", async () => {
    await sandbox.runScript({ source: "var secret = 42; globalThis.other = 1; secret" });
    expect(await sandbox.runScript({ source: "[typeof secret, typeof other]" })).toMatchObject({ ok: true, value: ["undefined", "undefined"] });
  });
});

describe("sandbox.check", () => {
  it("accepts a definition of the entry function", async () => {
    expect(await sandbox.check({ code: "async function solve({ q }) { return q; }", entry: "solve" })).toMatchObject({ ok: true });
  });

  it("distinguishes not_defined, syntax and thrown", async () => {
    expect(await sandbox.check({ code: "const solve = 3;", entry: "solve" })).toMatchObject({ ok: false, error: { kind: "not_defined" } });
    expect(await sandbox.check({ code: "function solve( {", entry: "solve" })).toMatchObject({ ok: false, error: { kind: "syntax" } });
    expect(await sandbox.check({ code: "throw new Error('top-level');", entry: "solve" })).toMatchObject({ ok: false, error: { kind: "thrown", message: "Error: top-level" } });
  });

  it("does not call the function", async () => {
    expect(await sandbox.check({ code: "function solve() { for (;;) {} }", entry: "solve", timeoutMs: 100 })).toMatchObject({ ok: true });
  });
});

describe("createSandbox", () => {
  it("exposes the allow-list and a guest guide naming it", () => {
    expect(sandbox.allowedPackages).toEqual([...ALLOWED_PACKAGES]);
    for (const name of ALLOWED_PACKAGES) expect(SANDBOX_GUEST_GUIDE).toContain(name);
    expect(SANDBOX_GUEST_GUIDE).toContain("require(\"mathjs\")");
  });

  it("rejects unsafe or invalid options with a SandboxError", async () => {
    await expect(createSandbox({ stackLimitKb: 1024 })).rejects.toThrow(/stackLimitKb must be <= 256/);
    await expect(createSandbox({ timeoutMs: -1 })).rejects.toBeInstanceOf(SandboxError);
    await expect(createSandbox({ packages: ["left-pad"] })).rejects.toThrow(/left-pad/);
  });

  it("throws a ToolforgeError when used after close", async () => {
    const small = await createSandbox({ workers: 1, packages: [] });
    expect(await small.runScript({ source: "1 + 1" })).toMatchObject({ ok: true, value: 2 });
    await small.close();
    await expect(small.run({ code: "function f() {}", entry: "f", args: {} })).rejects.toBeInstanceOf(ToolforgeError);
    await expect(small.runScript({ source: "1" })).rejects.toMatchObject({ code: "E_SANDBOX_CLOSED" });
  });

  it("refuses a package that is allowed but was not preloaded", async () => {
    const bare = await createSandbox({ workers: 1, packages: [] });
    try {
      expect(await bare.run({ code: "function f() { return 1; }", entry: "f", args: {}, packages: ["mathjs"] })).toMatchObject({ ok: false, error: { kind: "package_not_allowed" } });
    } finally {
      await bare.close();
    }
  });
});
