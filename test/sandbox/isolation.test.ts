import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox, type SandboxResult } from "../../src/sandbox/index.js";
import { REALM_FINGERPRINT } from "./realm-fingerprint.js";

// One worker: every call below lands on the runtime the previous one used.
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ workers: 1, timeoutMs: 2_000, memoryLimitMb: 256, maxResultBytes: 64 * 1024 * 1024 });
});
afterAll(async () => {
  await sandbox?.close();
});

/** What later calls observe; every poisoning attempt below targets one of these. */
const PROBE = `async function probe() {
  const gen = function* () { yield 1; yield 2; };
  async function* agen() { yield 1; yield 2; }
  const fromAsync = [];
  for await (const x of agen()) fromAsync.push(x);
  const t = (function () { "use strict"; return Object.getOwnPropertyDescriptor(arguments, "callee").get; })();
  return {
    spread: [...[1, 2, 3]], arrayFrom: Array.from(new Set([1, 2])), forOf: (() => { let s = 0; for (const x of [1, 2, 3]) s += x; return s; })(),
    generator: [...gen()], asyncGenerator: fromAsync, mapIter: [...new Map([[1, 2]])], stringIter: [..."abc"],
    matchAll: [..."aXa".matchAll(/a/g)].length, helpers: [...[1, 2].values().map((x) => x * 2)], entries: [...[7].entries()],
    marks: [(function* () {}).mark, (async () => {}).mark, (async function* () {}).mark, t.mark, ({}).polluted, [].polluted, ""[Symbol.iterator]().mark],
    promise: await Promise.resolve(5), json: JSON.stringify({ a: [1], d: new Date(0) }), replace: "aa".replace(/a/g, "b"),
    mapFn: [1, 2].map((x) => x * 2), unscopables: Array.prototype[Symbol.unscopables].flat,
    accessors: [({}).__proto__ === Object.prototype, [].__proto__ === Array.prototype, new Map([[1, 1]]).size, /a/gi.flags, new Uint8Array(3).length],
    globals: ["leak", "PERSIST", "ESC", "X1", "LATE", "GOT", "G1"].map((n) => typeof globalThis[n]),
    bindings: [typeof PERSIST === "undefined"],
    errorHook: typeof Error.prepareStackTrace, consoleLog: String(console.log).slice(0, 30),
    math: {
      type: math.typeOf(math.evaluate("0.1 + 0.2")), sqrt: math.evaluate("sqrt(16)"), sum: math.evaluate("sum([1, 2, 3])"),
      map: String(math.evaluate("map([1, 2], f(x) = x * 2)")), inch: math.evaluate("1 inch to cm").toNumber("cm"),
      derived: math.evaluate("5 kg * 2 m / s^2").toString(), unitString: math.unit("1 N").multiply(2).toString(),
      bignumber: math.bignumber("0.1").plus("0.2").toString(), precision: math.bignumber(1).constructor.precision,
      stash: [math.add.stash, math.Unit.prototype.stash, math.Unit.UNITS.stash, math.Unit.UNITS.inch.stash, require.stash, require.prototype],
      matrix: String(math.matrix([1, 2])), node: math.parse("x + 1").toString(), fraction: math.format(math.fraction(1, 3)),
      eventSeen: (() => { let seen = "none"; try { math.on("leak", (x) => { seen = x; }); } catch (e) { seen = "refused"; } return seen; })(),
    },
  };
}`;

/** Each attack runs once, through a learned function or the code interpreter; it may throw or not, only its effect on later calls counts. */
const ATTACKS: Array<{ name: string; code: string; via?: "function" | "script" | "check" }> = [
  { name: "array iterator next (the issue's example)", code: "Object.getPrototypeOf([][Symbol.iterator]()).next = () => ({ done: true });" },
  { name: "array iterator next via defineProperty", code: "Object.defineProperty(Object.getPrototypeOf([][Symbol.iterator]()), 'next', { value: () => ({ done: true }) });", via: "script" },
  { name: "%IteratorPrototype%[Symbol.iterator]", code: "Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()))[Symbol.iterator] = function () { return [].values(); };" },
  { name: "generator prototype next", code: "Object.getPrototypeOf(function* () {}).prototype.next = () => ({ done: true });", via: "script" },
  { name: "GeneratorFunction.prototype mark", code: "Object.getPrototypeOf(function* () {}).mark = 1;" },
  { name: "AsyncFunction.prototype mark", code: "Object.getPrototypeOf(async () => {}).mark = 1;", via: "script" },
  { name: "AsyncGeneratorFunction.prototype mark and next", code: "const p = Object.getPrototypeOf(async function* () {}); p.mark = 1; p.prototype.next = async () => ({ done: true });" },
  { name: "%AsyncIteratorPrototype%", code: "Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype)[Symbol.asyncIterator] = () => null;", via: "script" },
  { name: "Map iterator next", code: "Object.getPrototypeOf(new Map()[Symbol.iterator]()).next = () => ({ done: true });" },
  { name: "Set iterator next", code: "Object.getPrototypeOf(new Set()[Symbol.iterator]()).next = () => ({ done: true });", via: "script" },
  { name: "String iterator next and mark", code: "const p = Object.getPrototypeOf(''[Symbol.iterator]()); p.next = () => ({ done: true }); p.mark = 1;" },
  { name: "RegExp string iterator next", code: "Object.getPrototypeOf('a'.matchAll(/a/g)).next = () => ({ done: true });", via: "script" },
  { name: "iterator helper prototype", code: "Object.getPrototypeOf([].values().map((x) => x)).next = () => ({ done: true });" },
  { name: "Iterator.prototype.map", code: "Iterator.prototype.map = function () { return [].values(); };", via: "script" },
  { name: "%ThrowTypeError% mark", code: "(function () { 'use strict'; Object.getOwnPropertyDescriptor(arguments, 'callee').get.mark = 1; })();" },
  { name: "Array.prototype.map", code: "Array.prototype.map = () => [];", via: "script" },
  { name: "Object.prototype pollution", code: "Object.prototype.polluted = 1; ({}).__proto__.polluted = 2;" },
  { name: "Promise.prototype.then", code: "Promise.prototype.then = function () { return 0; };", via: "script" },
  { name: "JSON.stringify and Date.prototype.toJSON", code: "JSON.stringify = () => 'x'; Date.prototype.toJSON = () => 'y';" },
  { name: "RegExp.prototype[Symbol.replace]", code: "RegExp.prototype[Symbol.replace] = () => 'z';", via: "script" },
  { name: "Array.prototype[Symbol.unscopables]", code: "Array.prototype[Symbol.unscopables].flat = false;" },
  { name: "Error.prepareStackTrace and console.log", code: "Error.prepareStackTrace = () => 'x'; console.log = () => {};", via: "script" },
  { name: "global variables, var and leftover jobs", code: "globalThis.leak = 1; (0, eval)('var G1 = 1'); Promise.resolve().then(() => { globalThis.LATE = 1; });" },
  { name: "top-level var in the code interpreter", code: "var leak = 1; globalThis.GOT = 2;", via: "script" },
  { name: "escaping the definition wrapper", code: "}); }); let PERSIST = 42; (function () { (function () {" },
  { name: "escaping the wrapper through check()", code: "}); }); let PERSIST = 42; (function () { (function () {", via: "check" },
  { name: "indirect eval and Function constructor", code: "(0, eval)('let ESC = 1'); Function('}); globalThis.X1 = 1; (function(){')();", via: "script" },
  { name: "mathjs config through evaluate", code: "math.evaluate('config({ number: \"BigNumber\", precision: 4 })');" },
  { name: "mathjs mathWithTransform.sqrt", code: "math.expression.mathWithTransform.sqrt = () => 42;", via: "script" },
  { name: "mathjs transform functions", code: "const t = math.expression.transform; for (const k of Object.keys(t)) t[k] = () => 42; t.sum = () => 42;" },
  { name: "mathjs unit definition value", code: "math.Unit.UNITS.inch.value = 1;", via: "script" },
  { name: "mathjs auto unit system", code: "math.unit('1 lbf'); math.unit('3 kN'); const a = math.Unit.UNIT_SYSTEMS.auto; a.FORCE = { unit: math.Unit.UNITS.lbf, prefix: math.Unit.PREFIXES.NONE[''] }; a.EXTRA = 1;" },
  { name: "mathjs events", code: "try { math.on('leak', () => {}); } catch (e) {} try { math.emit('leak', 'secret'); } catch (e) {}", via: "script" },
  { name: "stashing data on mathjs objects", code: "math.add.stash = 1; math.Unit.prototype.stash = 1; math.Unit.UNITS.stash = 1; math.Unit.UNITS.inch.stash = 1; require.stash = 1;" },
  { name: "BigNumber constructor config", code: "const B = math.bignumber(1).constructor; B.precision = 3; B.set && B.set({ precision: 3 });", via: "script" },
  { name: "mathjs import, createUnit, typed", code: "try { math.import({ add: () => 0 }, { override: true }); } catch (e) {} try { math.createUnit('foo', '3 cm'); } catch (e) {} try { math.typed.addConversion({ from: 'string', to: 'number', convert: () => 0 }); } catch (e) {}" },
  { name: "mathjs parse node classes", code: "math.parse('x + 1').constructor.prototype.toString = () => 'p'; Object.getPrototypeOf(math.parse('x + 1')).toString = () => 'q';", via: "script" },
  { name: "the code interpreter's runner", code: "arguments.callee.mark = 1; arguments.callee.prototype && (arguments.callee.prototype.mark = 1);", via: "script" },
  { name: "built-in accessors", code: "const d = Object.getOwnPropertyDescriptor(Object.prototype, '__proto__'); d.get.mark = 1; Object.defineProperty(Map.prototype, 'size', { get: () => 0 });", via: "script" },
  { name: "freezing the global object", code: "Object.preventExtensions(globalThis);" },
];

async function runAttack(code: string, via: "function" | "script" | "check"): Promise<SandboxResult> {
  if (via === "script") return sandbox.runScript({ source: `try { ${code} } catch (e) {}`, packages: ["mathjs"] });
  // The escape attempts only work as raw text after a complete definition.
  const source = code.startsWith("})") ? `function attack() {} ${code}` : `function attack() { ${code} }`;
  const call = { code: source, entry: "attack", packages: ["mathjs"] };
  return via === "check" ? sandbox.check(call) : sandbox.run({ ...call, args: {} });
}

async function probe(): Promise<unknown> {
  const r = await sandbox.run({ code: PROBE, entry: "probe", args: {}, packages: ["mathjs"] });
  expect(r.ok ? "ok" : r.error).toBe("ok");
  return r.ok ? r.value : undefined;
}

async function fingerprint(): Promise<{ text: string; unfrozen: string[] }> {
  const r = await sandbox.runScript({ source: REALM_FINGERPRINT, packages: ["mathjs"], timeoutMs: 120_000 });
  if (!r.ok) throw new Error(`fingerprint failed: ${r.error.kind}: ${r.error.message}`);
  return r.value as { text: string; unfrozen: string[] };
}

describe("one call never changes what a later call observes", () => {
  it(`survives ${ATTACKS.length} poisoning attempts, each checked by the next call, and leaves the realm's fingerprint unchanged`, async () => {
    expect(ATTACKS.length).toBeGreaterThanOrEqual(30);
    const before = await fingerprint();
    // Only the global object (its bindings are read-only) and mathjs's auto unit system (restored after every call) may be writable.
    expect(before.unfrozen.filter((p) => p !== "seed0" && !p.startsWith("seed1.Unit.UNIT_SYSTEMS.auto"))).toEqual([]);
    const baseline = await probe();
    expect(baseline).toMatchObject({ spread: [1, 2, 3], generator: [1, 2], asyncGenerator: [1, 2], promise: 5, math: { sqrt: 4, sum: 6, type: "number", eventSeen: "refused" } });
    for (const attack of ATTACKS) {
      await runAttack(attack.code, attack.via ?? "function");
      expect({ attack: attack.name, observed: await probe() }).toEqual({ attack: attack.name, observed: baseline });
    }
    const after = await fingerprint();
    if (after.text !== before.text) {
      const a = before.text.split("\n"), b = after.text.split("\n");
      const at = a.findIndex((line, i) => line !== b[i]);
      expect(b.slice(Math.max(0, at - 3), at + 3).join("\n")).toBe(a.slice(Math.max(0, at - 3), at + 3).join("\n"));
    }
    expect(after.text === before.text).toBe(true);
  }, 600_000);

  it("a toJSON result nested deeper than the limit is an error result, not a host exception", async () => {
    const deep = "function f() { return { toJSON() { let a = []; for (let i = 0; i < 2700; i++) a = [a]; return a; } }; }";
    const r = await sandbox.run({ code: deep, entry: "f", args: {} });
    expect(r.ok ? r : r.error.kind).toBe("not_serializable");
    const nested = "function f() { return [{ toJSON() { return { inner: { toJSON() { let a = 1; for (let i = 0; i < 600; i++) a = [a]; return a; } } }; } }]; }";
    expect((await sandbox.run({ code: nested, entry: "f", args: {} })).ok).toBe(false);
    const logged = await sandbox.runScript({ source: "let a = []; for (let i = 0; i < 2700; i++) a = [a]; console.log({ toJSON: () => a }); 1" });
    expect(logged.ok).toBe(true);
    const fine = await sandbox.run({ code: "function f() { return { d: new Date(0), x: { toJSON: () => [1, { toJSON: () => 'two' }] } }; }", entry: "f", args: {} });
    expect(fine.ok ? fine.value : fine).toEqual({ d: "1970-01-01T00:00:00.000Z", x: [1, "two"] });
  });

  it("code that would close the definition wrapper is a syntax error, and so is code with an unclosed construct", async () => {
    for (const code of ["}); let PERSIST = 1; (function () {", "function f() { return 1; } /*", "function f() { return `x; }"]) {
      const r = await sandbox.run({ code, entry: "f", args: {} });
      expect(r.ok ? r : r.error.kind).toBe("syntax");
    }
    const ok = await sandbox.run({ code: "// a comment at the end\nfunction f() { return 2; } // trailing", entry: "f", args: {} });
    expect(ok.ok && ok.value).toBe(2);
  });
});
