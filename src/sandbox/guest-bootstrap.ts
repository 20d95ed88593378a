/**
 * Guest-side source evaluated once per runtime, after the libraries and
 * before hardening. It hides the libraries from the global scope, installs a
 * bounded `console`, and returns the helpers the host drives each call with.
 * Helpers are captured in closures, so guest code cannot reach or replace them.
 *
 * The source evaluates to `(hostLog, maxLogChars, maxResultChars) => helpers`.
 *
 * @example
 * import { GUEST_BOOTSTRAP_SOURCE } from "./guest-bootstrap.js";
 * console.log(GUEST_BOOTSTRAP_SOURCE.includes("makeRequire")); // true
 */
export const GUEST_BOOTSTRAP_SOURCE = String.raw`(function (hostLog, maxLogChars, maxResultChars) {
  "use strict";
  const G = globalThis;
  const { getPrototypeOf, isExtensible, freeze } = Object;
  const ownKeys = Reflect.ownKeys, apply = Reflect.apply;
  const stringify = JSON.stringify, parse = JSON.parse, toStr = String;
  const packages = new Map();
  if (G.math) packages.set("mathjs", G.math);
  delete G.math;
  // The CAS facade and its per-call reset (guest-cas.ts).
  const cas = G.__toolforgeCas;
  delete G.__toolforgeCas;
  if (cas) packages.set("nerdamer", cas.api);
  // Finalizers would run a past call's code during a later call.
  delete G.FinalizationRegistry;
  delete G.WeakRef;

  // mathjs itself calls some mutators while it builds a lazy member; the
  // hardening step brackets those builds with lazyHooks, so only guest calls
  // are refused.
  let initDepth = 0;
  const lazyHooks = { enter: () => { initDepth++; }, leave: () => { initDepth--; } };
  function disable(obj, key, label, allowNoArgs) {
    const original = obj[key];
    if (typeof original !== "function") return;
    const guarded = function () {
      if (initDepth > 0 || (allowNoArgs && arguments.length === 0)) return original.apply(this, arguments);
      throw new Error("mathjs " + label + " is disabled in the sandbox: it would change mathjs for every later call");
    };
    // mathjs reads settings as properties of the config function (math.config.relTol).
    for (const k of Reflect.ownKeys(original)) {
      if (k !== "prototype") Object.defineProperty(guarded, k, Object.getOwnPropertyDescriptor(original, k));
    }
    obj[key] = guarded;
  }
  const mathjs = packages.get("mathjs");
  // typed-function counts the functions it creates: the counter stays
  // writable once frozen, and is reset after every call (a later call could
  // otherwise read how many functions earlier ones made).
  let created = 0, createdAtSnapshot = 0;
  if (mathjs) {
    created = mathjs.typed.createCount;
    Object.defineProperty(mathjs.typed, "createCount", {
      get: () => created, set: (v) => { created = v; }, enumerable: true, configurable: false,
    });
    disable(mathjs, "config", "config(options)", true);
    for (const k of ["import", "createUnit"]) disable(mathjs, k, k + "()", false);
    for (const k of ["addType", "addTypes", "addConversion", "addConversions", "removeConversion", "clear", "clearConversions"])
      disable(mathjs.typed, k, "typed." + k + "()", false);
    for (const k of ["createUnit", "createUnitSingle", "deleteUnit", "setUnitSystem"])
      disable(mathjs.Unit, k, "Unit." + k + "()", false);
    // An event bus shared by every call would carry data from one to the next.
    for (const k of ["on", "off", "once", "emit"]) disable(mathjs, k, k + "()", false);
    // Expressions reach the library through this second namespace.
    const scope = mathjs.expression && mathjs.expression.mathWithTransform;
    if (scope) {
      disable(scope, "config", "config(options)", true);
      for (const k of ["import", "createUnit"]) disable(scope, k, k + "()", false);
    }
  }
  // mathjs records the last unit parsed for each dimension here and formats
  // later results with it: it must stay writable, so it is restored after
  // every call instead of frozen. Its seed entries are frozen like the rest.
  // Restoring costs more than a whole trivial call, so mathjs and guests
  // reach it only through a proxy that marks it dirty on any write; a call
  // that wrote nothing restores nothing.
  const mutable = [], watched = [];
  let mutableDirty = false;
  const units = mathjs && mathjs.Unit && mathjs.Unit.UNIT_SYSTEMS;
  if (units && units.auto) {
    const dirty = (write) => function () { mutableDirty = true; return apply(write, undefined, arguments); };
    const proxy = new Proxy(units.auto, freeze({
      defineProperty: dirty(Reflect.defineProperty), deleteProperty: dirty(Reflect.deleteProperty),
      setPrototypeOf: dirty(Reflect.setPrototypeOf), preventExtensions: dirty(Reflect.preventExtensions),
    }));
    mutable.push(units.auto);
    watched.push(proxy);
    units.auto = proxy;
    // Points Unit's current system (a closure variable) at the proxy.
    initDepth++;
    try { mathjs.Unit.setUnitSystem("auto"); } finally { initDepth--; }
  }
  const saved = mutable.map((o) => {
    const keys = ownKeys(o), copy = new Map();
    for (let i = 0; i < keys.length; i++) copy.set(keys[i], Object.getOwnPropertyDescriptor(o, keys[i]));
    return { o: o, proto: getPrototypeOf(o), copy: copy };
  });
  // True when every mutable object is back to its saved state.
  function restoreMutable() {
    let clean = true;
    for (let i = 0; i < saved.length; i++) {
      const s = saved[i], o = s.o;
      if (getPrototypeOf(o) !== s.proto || !isExtensible(o)) { clean = false; continue; }
      const keys = ownKeys(o);
      for (let j = 0; j < keys.length; j++) if (!s.copy.has(keys[j]) && !delete o[keys[j]]) clean = false;
      for (const [k, d] of s.copy) {
        const now = Object.getOwnPropertyDescriptor(o, k);
        if (now && now.value === d.value && now.get === d.get && now.set === d.set && now.writable === d.writable &&
          now.enumerable === d.enumerable && now.configurable === d.configurable) continue;
        try { Object.defineProperty(o, k, d); } catch (e) { clean = false; }
      }
    }
    return clean;
  }

  function format(v) {
    if (typeof v === "string") return v;
    try {
      const out = toJson(v, maxLogChars);
      if (out.json !== undefined) return out.json;
    } catch (e) { /* fall through */ }
    try { return toStr(v); } catch (e) { return "[unprintable]"; }
  }
  // Counted here too, so a logging loop stops crossing into the host once the budget is spent.
  let logUsed = 0;
  function log() {
    if (logUsed > maxLogChars) return;
    let line = "";
    for (let i = 0; i < arguments.length && line.length <= maxLogChars; i++) {
      line += (i ? " " : "") + format(arguments[i]).slice(0, maxLogChars);
    }
    line = line.slice(0, maxLogChars + 1);
    logUsed += line.length;
    hostLog(line);
  }
  G.console = { log: log, info: log, warn: log, error: log, debug: log, trace: log };

  function makeRequire(declared) {
    declared = freeze(declared.slice());
    // A method: no "prototype" object that calls sharing this shim could write to.
    const shim = { require(name) {
      if (typeof name === "string" && declared.indexOf(name) >= 0 && packages.has(name)) return packages.get(name);
      const e = new Error("package '" + toStr(name) + "' is not available: declare it in packages (allowed: " +
        [...packages.keys()].join(", ") + ")");
      e.name = "PackageNotAllowedError";
      throw e;
    } };
    return freeze(shim.require);
  }

  // QuickJS's JSON.stringify takes seconds (or hangs the host) on nesting in
  // the thousands, so depth is checked first, iteratively. Every object adds
  // at least two characters of JSON, so more than maxChars / 2 objects is
  // already too large. What a toJSON method returns is only known while
  // serialising, so values that have one are serialised with a depth count.
  const MAX_DEPTH = 512;
  const TOO_DEEP = "Nnested deeper than " + MAX_DEPTH + " levels";
  const tooDeep = freeze({});
  function precheck(root, maxChars) {
    const seen = new Set();
    const stack = [root, 1];
    let custom = false;
    while (stack.length) {
      const depth = stack.pop();
      const o = stack.pop();
      if (o === null || typeof o !== "object" || seen.has(o)) continue;
      seen.add(o);
      if (depth > MAX_DEPTH) return TOO_DEEP;
      if (seen.size > maxChars / 2) return "L" + (maxChars + 1);
      if (typeof o.toJSON === "function") { custom = true; continue; }
      const keys = Object.keys(o);
      for (let i = 0; i < keys.length; i++) stack.push(o[keys[i]], depth + 1);
    }
    return custom ? "T" : "";
  }
  function stringifyCounted(v) {
    const depths = new Map();
    let first = true;
    try {
      return stringify(v, function (key, value) {
        // The first holder is JSON.stringify's wrapper around the root.
        const depth = first ? 1 : depths.get(this) + 1;
        first = false;
        if (value !== null && typeof value === "object") {
          if (depth > MAX_DEPTH) throw tooDeep;
          depths.set(value, depth);
        }
        return value;
      });
    } catch (e) {
      if (e === tooDeep) return null;
      throw e;
    }
  }
  // A JSON text, undefined (nothing to serialise), or an encode() tag for a value that cannot be.
  function toJson(v, maxChars) {
    const shape = precheck(v, maxChars);
    if (shape && shape !== "T") return { tag: shape };
    const s = shape === "T" ? stringifyCounted(v) : stringify(v);
    return s === null ? { tag: TOO_DEEP } : { json: s };
  }

  // Where the last call() stopped; read by the host only when it threw.
  const STAGE_DEFINE = 0, STAGE_CALL = 1, STAGE_MISSING = 2;
  let stage = STAGE_DEFINE;
  const notDefined = freeze({});
  let baseline = null;
  let baseProto = null;
  const mutableSeeds = [];
  for (let i = 0; i < saved.length; i++) for (const d of saved[i].copy.values()) mutableSeeds.push(d.value);
  return {
    lazyHooks: lazyHooks,
    // Never walked by hardening: freezing the proxy would freeze its target.
    mutable: mutable.concat(watched),
    mutableSeeds: mutableSeeds,
    // Compiled wrappers are reused between calls (a script can reach its runner through arguments.callee).
    seal: (f) => { freeze(f); if (f.prototype) freeze(f.prototype); },
    pkg: (name) => packages.get(name),
    makeRequire: makeRequire,
    // Defines and calls in one host crossing (each costs microseconds). A
    // missing argsJson only checks that the entry exists. When this throws,
    // stage() tells the host which step the exception came from.
    call: (outer, argsJson, bindings) => {
      stage = STAGE_DEFINE;
      const fn = apply(outer, undefined, bindings);
      if (typeof fn !== "function") { stage = STAGE_MISSING; throw notDefined; }
      if (argsJson === undefined) return true;
      stage = STAGE_CALL;
      return fn(parse(argsJson));
    },
    stage: () => stage,
    // J<json> | U (undefined) | N<reason> (not serialisable) | L<length> (too large)
    encode: (v) => {
      const maxChars = maxResultChars;
      const t = typeof v;
      if (t === "undefined") return "U";
      if (t === "function" || t === "symbol" || t === "bigint") return "Na value of type " + t;
      // Primitives cannot nest or run guest code: no walk needed.
      if (t !== "object" || v === null) {
        const p = stringify(v);
        return p.length > maxChars ? "L" + p.length : "J" + p;
      }
      const out = toJson(v, maxChars);
      if (out.tag) return out.tag;
      const s = out.json;
      if (s === undefined) return "N" + t;
      return s.length > maxChars ? "L" + s.length : "J" + s;
    },
    describe: (e) => {
      let name = "Error", message = "";
      try {
        if (e !== null && (typeof e === "object" || typeof e === "function")) {
          const n = e.name, m = e.message;
          name = typeof n === "string" ? n : "Error";
          message = typeof m === "string" ? m : format(e);
        } else {
          name = "Thrown"; message = format(e);
        }
      } catch (inner) { message = "[error could not be read]"; }
      return stringify([name.slice(0, 200), message.slice(0, 2000)]);
    },
    snapshot: () => { baseline = new Set(ownKeys(G)); baseProto = getPrototypeOf(G); createdAtSnapshot = created; },
    // Deletes globals a call created; 0 means the realm is poisoned.
    reset: () => {
      initDepth = 0;
      logUsed = 0;
      created = createdAtSnapshot;
      let clean = (!mutableDirty || restoreMutable()) && getPrototypeOf(G) === baseProto && isExtensible(G);
      mutableDirty = false;
      if (cas && !cas.reset()) clean = false;
      const keys = ownKeys(G);
      // Baseline globals are non-configurable, so an unchanged count means nothing was added.
      if (keys.length !== baseline.size) for (const k of keys) if (!baseline.has(k) && !delete G[k]) clean = false;
      return clean ? 1 : 0;
    },
  };
})`;
