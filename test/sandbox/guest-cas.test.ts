import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, SANDBOX_GUEST_GUIDE, type Sandbox, type SandboxResult } from "../../src/sandbox/index.js";
import { CAS_FACADE_SOURCE, wrapCasBundle } from "../../src/sandbox/guest-cas.js";
import { validateFunctionSpec } from "../../src/functions/index.js";
import { ACTION_TOOLS } from "../../src/optimizer/action-tools.js";

// One worker per pool: every call lands on the runtime the previous one used.
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ workers: 1, timeoutMs: 10_000 });
});
afterAll(async () => {
  await sandbox?.close();
});

const cas = (code: string, timeoutMs?: number): Promise<SandboxResult> =>
  sandbox.run({ code, entry: "f", args: {}, packages: ["nerdamer"], ...(timeoutMs ? { timeoutMs } : {}) });

function valueOf(r: SandboxResult): unknown {
  expect(r.ok ? "ok" : r.error).toBe("ok");
  return r.ok ? r.value : undefined;
}

/** What a later call observes; every attack below targets one of these. */
const PROBE = `function f() {
  return {
    solve: cas.solve("x^2-5*x+6=0", "x"), simplify: cas.simplify("(x^2-1)/(x-1)"),
    // An unknown g is a variable: g(2) reads as 2*g.
    x: cas.evaluate("x+1"), fn: cas.evaluate("g(2)"), numeric: cas.toNumber("1/4"), exact: cas.evaluate("1/3+1/6"),
    frozen: Object.isFrozen(cas) && Object.isFrozen(cas.solve), marks: [cas.mark ?? null, cas.solve.mark ?? null, typeof cas.setVar],
    errorName: (() => { try { cas.evaluate("1/0"); } catch (e) { return [e.name, e.mark ?? null, Object.getPrototypeOf(e) === Error.prototype]; } })(),
    globals: [typeof nerdamer, typeof Decimal, typeof __toolforgeCas, typeof Math.sech],
  };
}`;
const CLEAN = {
  solve: ["2", "3"], simplify: "1+x", x: "1+x", fn: "2*g", numeric: 0.25, exact: "1/2",
  frozen: true, marks: [null, null, "undefined"], errorName: ["CasError", null, true],
  globals: ["undefined", "undefined", "undefined", "undefined"],
};

describe("the CAS package (nerdamer, bound as cas)", () => {
  it("lets a learned function solve equations and simplify, exactly", async () => {
    const code = `function f() {
      const c = require("nerdamer");
      return [c === cas, cas.solve("3*x^2+2*x-8=0", "x"), cas.solveSystem(["x+y=10", "x-y=2"]), cas.simplify("sin(x)^2+cos(x)^2"),
        cas.expand("(x+1)^3"), cas.factor("x^2-5*x+6"), cas.evaluate("x^2+1/3", { x: 2 }), cas.diff("x^3", "x"),
        cas.integrate("x^2", "x"), cas.evaluate("2^100"), cas.toNumber("sqrt(2)")];
    }`;
    expect(valueOf(await cas(code))).toEqual([
      true, ["-2", "4/3"], { x: "6", y: "4" }, "1", "1+3*x+3*x^2+x^3", "(-2+x)*(-3+x)", "13/3", "3*x^2", "(1/3)*x^3",
      "1267650600228229401496703205376", Math.SQRT2,
    ]);
  });

  it("is unavailable unless declared, and loads nothing into calls that do not declare it", async () => {
    const probe = "function f() { return [typeof cas, Object.getOwnPropertyNames(globalThis).sort().join(), Object.getOwnPropertyNames(Math).sort().join()]; }";
    const plain = await sandbox.run({ code: probe, entry: "f", args: {}, packages: ["mathjs"] });
    const withCas = await cas(probe);
    expect((valueOf(plain) as unknown[])[0]).toBe("undefined");
    expect((valueOf(withCas) as unknown[])[0]).toBe("object");
    // Same globals and the same Math: the bundle's polyfills (Math.sech, ...) stay inside it.
    expect((valueOf(withCas) as unknown[]).slice(1)).toEqual((valueOf(plain) as unknown[]).slice(1));
    const undeclared = await sandbox.run({ code: "function f() { return require('nerdamer'); }", entry: "f", args: {}, packages: ["mathjs"] });
    expect(undeclared).toMatchObject({ ok: false, error: { message: expect.stringMatching(/declare it in packages/) } });
  });

  it("refuses bad input with a CasError naming the argument", async () => {
    const code = `function f() {
      const out = [];
      for (const t of [() => cas.solve({ toString() { return "x=1"; } }, "x"), () => cas.solve("x=1", "x+1"), () => cas.evaluate("x:5"),
        () => cas.evaluate("g(x):=x^2"), () => cas.solveSystem("x=1"), () => cas.evaluate("x", [1]), () => cas.simplify("((")]) {
        try { t(); out.push("accepted"); } catch (e) { out.push(e.name + ": " + e.message); }
      }
      return out;
    }`;
    const out = valueOf(await cas(code)) as string[];
    expect(out.slice(0, 6)).toEqual([
      "CasError: equation must be a string (or a finite number), got object",
      'CasError: variable must be a variable name such as "x"',
      "CasError: expression: assignments (':' and ':=') are not available; pass values to evaluate(expression, values)",
      "CasError: expression: assignments (':' and ':=') are not available; pass values to evaluate(expression, values)",
      "CasError: equations must be an array",
      "CasError: values must be an object such as { x: 2 }",
    ]);
    expect(out[6]).toMatch(/^CasError: /);
  });

  it("advertises the package and its facade to the optimizer, and function specs may declare it", () => {
    expect(SANDBOX_GUEST_GUIDE).toContain("nerdamer");
    expect(SANDBOX_GUEST_GUIDE).toMatch(/bound as `cas`/);
    expect(SANDBOX_GUEST_GUIDE).toContain("cas.solve(");
    const add = ACTION_TOOLS.find((t) => t.function.name === "add_function");
    expect(JSON.stringify(add?.function.parameters)).toMatch(/available: mathjs, nerdamer/);
    const spec = validateFunctionSpec({
      name: "solve_for_x", description: "Solves an equation for x.", packages: ["nerdamer"],
      parameters: { type: "object", properties: { equation: { type: "string" } }, required: ["equation"] },
      code: 'function solve_for_x({ equation }) { return cas.solve(equation, "x"); }',
    });
    expect(spec.packages).toEqual(["nerdamer"]);
  });
});

describe("isolation through the CAS", () => {
  const ATTACKS: Array<{ name: string; code: string }> = [
    { name: "setVar / setFunction / getCore / clearVars on the facade", code: "cas.setVar('x', 5); cas.setFunction('g', ['x'], 'x^2'); cas.getCore().Settings.PARSE2NUMBER = true;" },
    { name: "assignment and function definition in expressions", code: "cas.evaluate('x:5'); cas.evaluate('g(x):=x^2');" },
    { name: "adding to and replacing facade members", code: "cas.mark = 1; cas.solve = () => ['pwned'];" },
    { name: "marking a facade method", code: "cas.solve.mark = 1;" },
    { name: "Object.defineProperty on the facade", code: "Object.defineProperty(cas, 'simplify', { value: () => 'pwned' });" },
    { name: "poisoning the prototype of a CAS error", code: "try { cas.evaluate('1/0'); } catch (e) { Object.getPrototypeOf(e).mark = 1; e.constructor.prototype.mark = 1; }" },
    { name: "poisoning results' prototypes", code: "const r = cas.solve('x=1', 'x'); Object.getPrototypeOf(r).mark = 1; Object.getPrototypeOf(cas.solveSystem(['x=1'])).mark = 1;" },
    { name: "reaching nerdamer through the Function constructor", code: "const G = cas.solve.constructor('return this')(); G.nerdamer.setVar('x', 5);" },
    { name: "a Proxy argument that re-enters the CAS", code: "cas.solveSystem(new Proxy(['x+y=2', 'x-y=0'], { get(t, k) { if (k === '0') cas.expand('(x+1)^2'); return t[k]; } }));" },
    { name: "a global named like the bootstrap's", code: "globalThis.__toolforgeCas = { api: {}, reset() { return true; } }; globalThis.nerdamer = 1;" },
  ];

  it.each(ATTACKS)("$name has no effect on a later call", async ({ code }) => {
    await cas(`function f() { try { ${code} } catch (e) {} return 1; }`);
    expect(valueOf(await cas(PROBE))).toEqual(CLEAN);
  });

  it("a call stopped by its time limit inside an operation leaves nothing behind", async () => {
    const r = await cas("function f() { for (;;) cas.expand('(x+y+z+w)^40'); }", 300);
    expect(r).toMatchObject({ ok: false, error: { kind: "timeout" } });
    expect(valueOf(await cas(PROBE))).toEqual(CLEAN);
  });
});

describe("per-call reset of nerdamer (defence in depth behind the facade)", () => {
  it("undoes variables, functions, settings and the expression list set through nerdamer itself", () => {
    const bundle = readFileSync(createRequire(import.meta.url).resolve("nerdamer/all.min.js"), "utf8");
    const ctx: Record<string, unknown> = {};
    runInNewContext(`${bundle}\n;globalThis.built = (${CAS_FACADE_SOURCE})(nerdamer);`, ctx);
    const nerdamer = ctx.nerdamer as { setVar(n: string, v: string): void; setFunction(n: string, p: string[], b: string): void; set(n: string, v: boolean): void; numExpressions(): number };
    const { api, reset } = ctx.built as { api: { evaluate(e: string): string; toNumber(e: string): number }; reset(): boolean };
    nerdamer.setVar("x", "5");
    nerdamer.setFunction("g", ["t"], "t^2");
    nerdamer.set("PARSE2NUMBER", true);
    expect(api.evaluate("x+g(3)")).toBe("14");
    expect(nerdamer.numExpressions()).toBeGreaterThan(0);
    expect(reset()).toBe(true);
    expect(nerdamer.numExpressions()).toBe(0);
    expect(api.evaluate("x+g(3)")).toBe("3*g+x");
    expect(api.evaluate("1/3")).toBe("1/3");
    expect(reset()).toBe(true);
  });
});

describe("wrapCasBundle", () => {
  it("builds the facade in one global and leaves nerdamer, its helpers and its Math polyfills out of the realm", () => {
    const bundle = readFileSync(createRequire(import.meta.url).resolve("nerdamer/all.min.js"), "utf8");
    const realm: Record<string, unknown> = {};
    const before = runInNewContext("Object.getOwnPropertyNames(globalThis).sort().join() + '|' + Object.getOwnPropertyNames(Math).sort().join()", realm) as string;
    runInNewContext(wrapCasBundle(bundle), realm);
    const built = realm.__toolforgeCas as { api: { expand(e: string): string; toNumber(e: string): number }; reset(): boolean };
    expect(Object.keys(built).sort()).toEqual(["api", "reset"]);
    expect(built.api.expand("(x+1)^2")).toBe("1+2*x+x^2");
    expect(built.api.toNumber("sech(0)")).toBe(1);
    expect(built.reset()).toBe(true);
    const after = runInNewContext("delete globalThis.__toolforgeCas; Object.getOwnPropertyNames(globalThis).sort().join() + '|' + Object.getOwnPropertyNames(Math).sort().join()", realm) as string;
    expect(after).toBe(before);
  });

  it("keeps a bundle's `this`, `window` and `self` inside the wrapper", () => {
    const realm: Record<string, unknown> = {};
    const probe = `var nerdamer = { getCore() { return { PARSER: { functions: {} }, Settings: {} }; } };
      var seen = [this === window, window === self, self.self === self, typeof module, typeof exports, typeof define, Math.PI];
      this.leak = 1; window.leak2 = 1; Math.leak3 = 1;
      globalThis.seen = seen;`;
    runInNewContext(wrapCasBundle(probe), realm);
    expect(realm.seen).toEqual([true, true, true, "undefined", "undefined", "undefined", Math.PI]);
    expect(runInNewContext("[typeof leak, typeof leak2, typeof Math.leak3, typeof __toolforgeCas.api.solve]", realm)).toEqual(["undefined", "undefined", "undefined", "function"]);
  });
});
