import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createSandbox, type Sandbox, type SandboxErrorKind, type SandboxResult } from "../../src/sandbox/index.js";

// Several attacks get the runtime rebuilt, and a rebuild preloads mathjs in
// full (seconds on a loaded 2-core machine): a generous per-test limit.
vi.setConfig({ testTimeout: 180_000 });

// One worker, so every follow-up call lands on the runtime the attack just used.
// Calls that must finish get a limit far beyond their work, so a machine busy
// with other work cannot turn an answer into a timeout; only attacks that must
// time out get a short one (slowness only makes those time out sooner).
const GENEROUS_MS = 60_000;
const SHORT = { timeoutMs: 400 };
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ timeoutMs: GENEROUS_MS, memoryLimitMb: 32, workers: 1, maxResultBytes: 16 * 1024, maxLogBytes: 1024 });
});
afterAll(async () => {
  await sandbox?.close();
});

/** Facts about the host realm that no guest must be able to change. */
function hostFacts() {
  return {
    globals: Object.getOwnPropertyNames(globalThis).sort().join(","),
    objectProto: Object.getOwnPropertyNames(Object.prototype).sort().join(","),
    arrayProto: Object.getOwnPropertyNames(Array.prototype).sort().join(","),
    frozenIntrinsics: Object.isFrozen(Object.prototype) || Object.isFrozen(Array.prototype),
    env: JSON.stringify(process.env),
    cwd: process.cwd(),
    polluted: (({}) as Record<string, unknown>).polluted,
  };
}

/** Re-run after every attack: the realm must be as fresh as before it. */
const PROBE = `function probe() {
  return {
    noLeakedGlobal: typeof leak === "undefined" && typeof evil === "undefined" && typeof sneaky === "undefined",
    noPollution: ({}).polluted === undefined && [].polluted === undefined,
    arrayMap: [1, 2].map((x) => x * 2).join() === "2,4",
    json: JSON.stringify({ a: [1] }) === '{"a":[1]}',
    globalProto: Object.getPrototypeOf(globalThis) === Object.prototype,
    mathAdd: math.add(1, 1) === 2 && math.evaluate("2 * 3") === 6,
    mathNumber: math.typeOf(math.evaluate("0.1 + 0.2")) === "number",
    matrix: String(math.matrix([1, 2])) === "[1, 2]",
    dateNow: Date.now() > 1e12,
  };
}`;

async function attack(code: string, options: { packages?: string[]; timeoutMs?: number } = {}): Promise<SandboxResult> {
  const before = hostFacts();
  const result = await sandbox.run({ code, entry: "attack", args: {}, ...options });
  expect(hostFacts()).toEqual(before);
  const next = await sandbox.run({ code: PROBE, entry: "probe", args: {}, packages: ["mathjs"] });
  expect(next.ok ? next.value : next).toEqual({
    noLeakedGlobal: true, noPollution: true, arrayMap: true, json: true, globalProto: true,
    mathAdd: true, mathNumber: true, matrix: true, dateNow: true,
  });
  return result;
}

function expectError(result: SandboxResult, kind: SandboxErrorKind, message?: RegExp): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.kind).toBe(kind);
  if (message) expect(result.error.message).toMatch(message);
}

function expectValue(result: SandboxResult, value: unknown): void {
  expect(result.ok ? result.value : result).toEqual(value);
}

describe("sandbox: resource exhaustion", () => {
  it("stops a synchronous infinite loop", async () => {
    expectError(await attack("function attack() { for (;;) {} }", SHORT), "timeout");
  });

  it("stops an infinite loop that starts after an await", async () => {
    expectError(await attack("async function attack() { await null; await Promise.resolve(); while (true) {} }", SHORT), "timeout");
  });

  it("answers a never-settling promise with timeout", async () => {
    expectError(await attack("function attack() { return new Promise(() => {}); }", SHORT), "timeout", /never settles/);
  });

  it("stops an endless microtask chain", async () => {
    expectError(await attack("function attack() { const spin = () => Promise.resolve().then(spin); return spin(); }", SHORT), "timeout");
  });

  it("stops a heap bomb at the memory limit", async () => {
    expectError(await attack("function attack() { const keep = []; for (;;) keep.push(new Array(1e5).fill(7)); }"), "out_of_memory");
  });

  it("stops a typed-array bomb at the memory limit", async () => {
    expectError(await attack("function attack() { const keep = []; for (;;) keep.push(new Float64Array(1e6)); }"), "out_of_memory");
    expectError(await attack("function attack() { return new Uint8Array(2 ** 30).length; }"), "out_of_memory");
  });

  it("stops string doubling", async () => {
    expectError(await attack("function attack() { let s = 'x'; for (;;) s += s; }"), "out_of_memory");
  });

  it("reports unbounded recursion as stack_overflow", async () => {
    expectError(await attack("function attack() { return attack() + 1; }"), "stack_overflow");
  });

  it("stops catastrophic regular-expression backtracking", async () => {
    expectError(await attack("function attack() { return /(a+)+b/.test('a'.repeat(40)); }", SHORT), "timeout");
  });

  it("bounds console.log output of a logging flood", async () => {
    const result = await attack("function attack() { for (let i = 0; i < 1e5; i++) console.log('spam', i, { i }); return 'done'; }");
    expectValue(result, "done");
    expect(result.logs.join("").length).toBeLessThanOrEqual(1024 + 40);
    expect(result.logs.at(-1)).toMatch(/truncated/);
  });
});

describe("sandbox: hostile results", () => {
  it("rejects a deeply nested result", async () => {
    expectError(await attack("function attack() { let a = []; for (let i = 0; i < 1e5; i++) a = [a]; return a; }", { timeoutMs: 20_000 }), "not_serializable", /nested/);
  });

  it("rejects a huge string result", async () => {
    expectError(await attack("function attack() { return 'x'.repeat(1e6); }"), "result_too_large");
  });

  it("rejects a cyclic result", async () => {
    expectError(await attack("function attack() { const a = { b: {} }; a.b.a = a; return a; }"), "not_serializable", /circular/);
  });

  it("survives Proxy traps in the result", async () => {
    expectError(await attack("function attack() { return new Proxy({}, { ownKeys() { for (;;) {} } }); }", SHORT), "timeout");
    expectError(await attack("function attack() { return new Proxy({}, { ownKeys() { throw new Error('trap'); } }); }"), "not_serializable", /trap/);
  });

  it("survives toJSON traps in the result", async () => {
    expectError(await attack("function attack() { return { toJSON() { for (;;) {} } }; }", SHORT), "timeout");
    expectError(await attack("function attack() { return { toJSON() { throw new Error('nope'); } }; }"), "not_serializable", /nope/);
  });

  it("survives a thrown Proxy whose traps never return", async () => {
    expectError(await attack("function attack() { throw new Proxy({}, { get() { for (;;) {} } }); }"), "thrown");
  });
});

describe("sandbox: escape attempts", () => {
  it("has no process, and no environment variables", async () => {
    expectError(await attack("function attack() { return process.env.HOME; }"), "thrown", /'?process'? is not defined/);
    expectValue(await attack("function attack() { return [typeof process, typeof globalThis.process, typeof Buffer]; }"), ["undefined", "undefined", "undefined"]);
  });

  it("resolves only declared allow-listed packages through require", async () => {
    expectError(await attack("function attack() { return require('fs').readFileSync('/etc/passwd', 'utf8'); }"), "package_not_allowed", /'fs'/);
    expectError(await attack("function attack() { return require('child_process').execSync('id'); }"), "package_not_allowed");
    // mathjs is allowed but not declared by this call.
    expectError(await attack("function attack() { return require('mathjs').add(1, 1); }"), "package_not_allowed");
  });

  it("cannot import modules", async () => {
    expectError(await attack("async function attack() { const fs = await import('fs'); return fs.readFileSync('/etc/passwd', 'utf8'); }"), "thrown");
  });

  it("has no file-system objects", async () => {
    expectValue(
      await attack("function attack() { return [typeof std, typeof os, typeof fs, typeof Deno, typeof Bun, typeof __dirname, typeof module, typeof exports]; }"),
      Array(8).fill("undefined"),
    );
  });

  it("has no network objects", async () => {
    expectError(await attack("async function attack() { return await fetch('http://127.0.0.1:1/'); }"), "thrown", /'?fetch'? is not defined/);
    expectValue(await attack("function attack() { return [typeof XMLHttpRequest, typeof WebSocket, typeof setTimeout]; }"), ["undefined", "undefined", "undefined"]);
  });

  it("gains nothing from the Function-constructor escape", async () => {
    expectValue(
      await attack("function attack() { const g = (function () {}).constructor('return this')(); return [g === globalThis, typeof g.process, typeof g.require]; }"),
      [true, "undefined", "undefined"],
    );
    expectError(await attack("function attack() { return attack.constructor.constructor('return process')().env; }"), "thrown", /'?process'? is not defined/);
  });

  it("has no WebAssembly", async () => {
    expectError(await attack("function attack() { return WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])); }"), "thrown", /'?WebAssembly'? is not defined/);
  });

  it("has no finalizers that could run code during a later call", async () => {
    expectValue(await attack("function attack() { return [typeof FinalizationRegistry, typeof WeakRef]; }"), ["undefined", "undefined"]);
  });
});

describe("sandbox: poisoning the next call", () => {
  it("prototype pollution is neither visible to the next call nor to the host", async () => {
    expectValue(await attack("function attack() { Object.prototype.polluted = 1; Array.prototype.polluted = 1; return ({}).polluted; }"), null);
    expectError(await attack("'use strict'; function attack() { Object.prototype.polluted = 1; }"), "thrown", /TypeError/);
    expectValue(await attack("function attack() { ({}).__proto__.polluted = 1; return 'tried'; }"), "tried");
  });

  it("replacing built-ins does not reach the next call", async () => {
    const result = await attack(
      "function attack() { Array.prototype.map = () => 'pwned'; JSON.stringify = () => 'pwned'; Date.now = () => 0; Math.random = () => 4; return [[1].map((x) => x), Math.random()]; }",
    );
    expect(result.ok && (result.value as unknown[])[1]).not.toBe(4);
    expectValue(await attack("function attack() { return [1].map((x) => x + 1); }"), [2]);
  });

  it("globals created by a call are gone in the next one", async () => {
    expectValue(await attack("function attack() { leak = 1; globalThis.evil = () => 'pwned'; var local = 2; return typeof leak; }"), "number");
  });

  it("a poisoned global object gets the runtime rebuilt", async () => {
    expectValue(await attack("function attack() { Object.defineProperty(globalThis, 'evil', { value: 1, configurable: false }); return evil; }"), 1);
    expectValue(await attack("function attack() { Object.setPrototypeOf(globalThis, { sneaky: 1 }); return sneaky; }"), 1);
    expectValue(await attack("function attack() { Object.preventExtensions(globalThis); return Object.isExtensible(globalThis); }"), false);
  });

  it("mathjs cannot be changed for later calls", async () => {
    const packages = ["mathjs"];
    expectValue(await attack("function attack() { math.add = () => 42; return math.add(1, 1); }", { packages }), 2);
    expectError(await attack("function attack() { math.config({ number: 'BigNumber' }); }", { packages }), "thrown", /disabled/);
    expectError(await attack("function attack() { math.import({ add: () => 42 }, { override: true }); }", { packages }), "thrown", /disabled/);
    expectError(await attack("function attack() { math.createUnit('foo', '3 m'); }", { packages }), "thrown", /disabled/);
    expectError(await attack("'use strict'; function attack() { math.Matrix.prototype.toString = () => 'pwned'; }", { packages }), "thrown", /read only/);
    expectError(await attack("function attack() { math.typed.addConversion({ from: 'string', to: 'number', convert: () => 42 }); }", { packages }), "thrown", /disabled/);
  });

  it("state stashed on the reused script runner does not survive", async () => {
    await sandbox.runScript({ source: "try { arguments.callee.stash = 'secret'; } catch (e) {} 1" });
    const r = await sandbox.runScript({ source: "typeof arguments.callee.stash" });
    expect(r).toMatchObject({ ok: true, value: "undefined" });
    expectValue(await attack("function attack() { return typeof arguments.callee.caller; }"), "undefined");
  });

  it("learned functions cannot call each other", async () => {
    expectValue(await sandbox.run({ code: "function helper() { return 41; }", entry: "helper", args: {} }), 41);
    expectError(await attack("function attack() { return helper() + 1; }"), "thrown", /'?helper'? is not defined/);
  });
});

describe("sandbox: host-side wall time", () => {
  it("kills and replaces a worker stuck in a native operation the guest interrupt cannot stop", async () => {
    const strict = await createSandbox({ timeoutMs: 1, hostGraceMs: 0, workers: 1, packages: [] });
    try {
      const stuck = await strict.run({ code: "function f() { return new Array(3e6).fill(1).join(',').length; }", entry: "f", args: {} });
      expectError(stuck, "timeout", /restarted/);
      const next = await strict.run({ code: "function g({ a }) { return a * 2; }", entry: "g", args: { a: 21 }, timeoutMs: GENEROUS_MS });
      expectValue(next, 42);
    } finally {
      await strict.close();
    }
  });
});
