/**
 * The computer-algebra package (`nerdamer`) as learned code sees it: a
 * small frozen facade, bound as `cas`, that takes and returns only strings,
 * numbers and fresh arrays/objects. nerdamer itself is never reachable from
 * guest code, because it keeps state shared by every call (its expression
 * list, variables set with `setVar` or `x:5`, functions set with
 * `setFunction` or `f(x):=...`, and its `Settings`), has mutators, and its
 * objects and classes cannot be frozen without breaking it. Instead:
 *
 * - the bundle is evaluated inside a function scope with its own `window`,
 *   `self`, `this` and `Math`, so it defines no global and does not add its
 *   polyfills (`Math.sech`, ...) to the shared `Math`;
 * - inputs are checked and copied before nerdamer runs (no guest code runs
 *   during an operation), and assignments (`:` and `:=`) are refused;
 * - nerdamer's errors are replaced by fresh `CasError`s (their classes' prototypes are not frozen);
 * - after every call that used the facade, `reset()` empties the expression
 *   list and variables and restores the function table and settings; a call
 *   stopped inside an operation (time limit, memory, stack) leaves nerdamer
 *   half-way, so reset reports the realm as poisoned and the runtime is rebuilt.
 *
 * `wrapCasBundle` splices the bundle into a script that builds the facade
 * and leaves `{ api, reset }` in one global, which the bootstrap takes and deletes.
 *
 * @example
 * import { wrapCasBundle } from "./guest-cas.js";
 * wrapCasBundle("var nerdamer = function () {};").includes("__toolforgeCas"); // true
 */
export function wrapCasBundle(bundle: string): string {
  return `globalThis.__toolforgeCas = (function () {
  var host = {};
  host.self = host;
  host.window = host;
  var window = host, self = host, module = undefined, exports = undefined, define = undefined;
  var Math = Object.create(globalThis.Math);
  var nerdamer = (function () {
${bundle}
;
    return nerdamer;
  }).call(host);
  return (${CAS_FACADE_SOURCE})(nerdamer);
})();`;
}

/** Guest-side facade builder: `(nerdamer) => { api, reset }`. Exported for review; used by {@link wrapCasBundle}. */
export const CAS_FACADE_SOURCE = String.raw`function (nerdamer) {
  "use strict";
  const core = nerdamer.getCore();
  const functions = core.PARSER.functions;
  const settings = core.Settings;
  const savedFunctions = new Map(Object.keys(functions).map((k) => [k, functions[k]]));
  const savedSettings = new Map(Object.keys(settings).map((k) => [k, settings[k]]));
  const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
  const MAX_CHARS = 20000;
  // Calls since the last reset (0: nothing to clean) and whether one was cut off inside nerdamer.
  let used = false, inside = 0, poisoned = false;

  function fail(message) {
    const e = new Error(message);
    Object.defineProperty(e, "name", { value: "CasError", enumerable: false, configurable: true, writable: true });
    return e;
  }
  function text(what, v) {
    if (typeof v === "number" && Number.isFinite(v)) return String(v);
    if (typeof v !== "string") throw fail(what + " must be a string (or a finite number), got " + (v === null ? "null" : typeof v));
    if (v.length > MAX_CHARS) throw fail(what + " is longer than " + MAX_CHARS + " characters");
    if (v.indexOf(":") >= 0) throw fail(what + ": assignments (':' and ':=') are not available; pass values to evaluate(expression, values)");
    return v;
  }
  function name(what, v) {
    if (typeof v !== "string" || !NAME.test(v)) throw fail(what + " must be a variable name such as \"x\"");
    return v;
  }
  function list(what, v, each) {
    if (!Array.isArray(v)) throw fail(what + " must be an array");
    const out = [];
    const n = v.length;
    if (!(n <= 100)) throw fail(what + " has more than 100 entries");
    for (let i = 0; i < n; i++) out.push(each(what + "[" + i + "]", v[i]));
    return out;
  }
  function values(v) {
    if (v === undefined) return undefined;
    if (v === null || typeof v !== "object" || Array.isArray(v)) throw fail("values must be an object such as { x: 2 }");
    const out = {};
    const keys = Object.keys(v);
    for (let i = 0; i < keys.length; i++) out[name("values key", keys[i])] = text("values." + keys[i], v[keys[i]]);
    return out;
  }
  // Runs one nerdamer operation on already-copied inputs. No finally: an
  // uncatchable interrupt must leave inside > 0 for reset to see.
  function run(op) {
    used = true;
    inside++;
    let out;
    try {
      out = op();
    } catch (e) {
      inside--;
      const n = e && e.name;
      // Out of memory or too deep a stack inside nerdamer: its state is not trusted again.
      if (n === "InternalError" || n === "RangeError") { poisoned = true; throw e; }
      let message = "";
      try { message = String(e && e.message !== undefined ? e.message : e); } catch (ignored) { message = "error"; }
      throw fail(message.slice(0, 500));
    }
    inside--;
    return out;
  }
  const str = (x) => String(x.toString());

  const api = {
    /** Solutions of an equation (or expression = 0) for one variable, e.g. solve("x^2-5x+6=0", "x") -> ["2", "3"]. */
    solve(equation, variable) {
      const eq = text("equation", equation), v = name("variable", variable);
      return run(() => {
        const r = nerdamer.solve(eq, v);
        const els = r.symbol && r.symbol.elements;
        return Array.isArray(els) ? els.map(str) : [str(r)];
      });
    },
    /** Solves a system of equations, e.g. solveSystem(["x+y=10", "x-y=2"]) -> { x: "6", y: "4" }. */
    solveSystem(equations, variables) {
      const eqs = list("equations", equations, text);
      const vars = variables === undefined ? undefined : list("variables", variables, name);
      return run(() => {
        const pairs = vars ? nerdamer.solveEquations(eqs, vars) : nerdamer.solveEquations(eqs);
        const out = {};
        for (let i = 0; i < pairs.length; i++) out[String(pairs[i][0])] = str(pairs[i][1]);
        return out;
      });
    },
    /** Simplified form, e.g. simplify("(x^2-1)/(x-1)") -> "1+x". */
    simplify(expression) {
      const e = text("expression", expression);
      return run(() => str(nerdamer("simplify(" + e + ")")));
    },
    /** Expanded form, e.g. expand("(x+1)^2") -> "1+2*x+x^2". */
    expand(expression) {
      const e = text("expression", expression);
      return run(() => str(nerdamer("expand(" + e + ")")));
    },
    /** Factored form, e.g. factor("x^2-5x+6") -> "(-2+x)*(-3+x)". */
    factor(expression) {
      const e = text("expression", expression);
      return run(() => str(nerdamer("factor(" + e + ")")));
    },
    /** Exact value after substituting values, e.g. evaluate("x^2+1/3", { x: 2 }) -> "13/3". */
    evaluate(expression, vals) {
      const e = text("expression", expression), subs = values(vals);
      return run(() => str(subs ? nerdamer(e, subs) : nerdamer(e)));
    },
    /** Numeric value as a JavaScript number (NaN if not a real number), e.g. toNumber("sqrt(2)") -> 1.414... */
    toNumber(expression, vals) {
      const e = text("expression", expression), subs = values(vals);
      return run(() => Number(str((subs ? nerdamer(e, subs) : nerdamer(e)).evaluate().text("decimals"))));
    },
    /** Derivative, e.g. diff("x^3", "x") -> "3*x^2". */
    diff(expression, variable) {
      const e = text("expression", expression), v = name("variable", variable);
      return run(() => str(nerdamer("diff(" + e + "," + v + ")")));
    },
    /** Antiderivative, e.g. integrate("x^2", "x") -> "(1/3)*x^3". */
    integrate(expression, variable) {
      const e = text("expression", expression), v = name("variable", variable);
      return run(() => str(nerdamer("integrate(" + e + "," + v + ")")));
    },
  };

  function restore(target, saved) {
    const keys = Object.keys(target);
    for (let i = 0; i < keys.length; i++) if (!saved.has(keys[i])) delete target[keys[i]];
    for (const [k, v] of saved) if (target[k] !== v) target[k] = v;
  }
  return {
    api: Object.freeze(api),
    // True when nerdamer is back to its state after load.
    reset() {
      if (!used) return true;
      const clean = inside === 0 && !poisoned;
      used = false;
      if (!clean) return false;
      nerdamer.flush();
      nerdamer.clearVars();
      restore(functions, savedFunctions);
      restore(settings, savedSettings);
      return nerdamer.numExpressions() === 0;
    },
  };
}`;
