/**
 * Guest-side source that hardens a QuickJS realm after libraries are loaded,
 * so one call cannot poison the next:
 *
 * 1. The "override mistake": once `Object.prototype.toString` is frozen, plain
 *    assignment `obj.toString = f` on an ordinary object throws (libraries such
 *    as mathjs do this). Common prototype properties are therefore turned into
 *    accessors whose setter defines an own property on the receiver.
 * 2. Everything reachable from the global object is frozen. Library
 *    namespaces (hidden from the global scope) are frozen one level deep:
 *    lazy members (mathjs defines ~1000, each with a setter) lose their
 *    setter and are frozen when first built, which keeps preload cheap.
 * 3. Every global binding becomes read-only and non-configurable, so the
 *    per-call cleanup only has to delete *new* globals.
 *
 * The source evaluates to a function `(extraRoots, libraries, lazyHooks) => void`;
 * `lazyHooks.enter/leave` bracket every lazy build so library-internal
 * mutators stay usable while they are refused to guest code.
 *
 * @example
 * import { FREEZE_INTRINSICS_SOURCE } from "./freeze-intrinsics.js";
 * // context.evalCode(FREEZE_INTRINSICS_SOURCE) -> function; call it once.
 * console.log(FREEZE_INTRINSICS_SOURCE.startsWith("(function")); // true
 */
export const FREEZE_INTRINSICS_SOURCE = String.raw`(function () {
  "use strict";
  const G = globalThis;
  const { getOwnPropertyDescriptor, defineProperty, getPrototypeOf, freeze } = Object;
  const ownKeys = Reflect.ownKeys;
  const done = new WeakSet();
  const OVERRIDABLE = ["constructor", "toString", "valueOf", "toLocaleString", "name", "message",
    "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toJSON", "then", "catch", "finally",
    Symbol.iterator, Symbol.toStringTag, Symbol.toPrimitive];
  let intrinsicProtos = new Set();
  let hooks = { enter: function () {}, leave: function () {} };

  function isObject(v) { return v !== null && (typeof v === "object" || typeof v === "function"); }

  function enableOverride(proto, key) {
    const d = getOwnPropertyDescriptor(proto, key);
    if (!d || !("value" in d) || !d.configurable) return;
    const value = d.value;
    defineProperty(proto, key, {
      get: function () { return value; },
      set: function (v) {
        if (this === proto) throw new TypeError("Cannot assign to read only property '" + String(key) + "' of a frozen shared object");
        if (!isObject(this)) return;
        defineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true });
      },
      enumerable: d.enumerable,
      configurable: false,
    });
  }

  function prototypes() {
    const list = [Object.prototype, Function.prototype, getPrototypeOf(Uint8Array.prototype),
      getPrototypeOf(function* () {}), getPrototypeOf(async function () {})];
    for (const k of ownKeys(G)) {
      const d = getOwnPropertyDescriptor(G, k);
      const v = d && d.value;
      if (typeof v === "function" && isObject(v.prototype)) list.push(v.prototype);
    }
    return list;
  }

  // A lazy accessor keeps its getter but loses its setter; what it produces
  // is guarded before anyone sees it. Without the setter nothing can reset
  // the library's own memo, so the built value is final: later reads return
  // it directly (a read through the full path costs ~0.4 µs in QuickJS, and
  // every math.xxx in guest code is one).
  function tameLazy(obj, key, d) {
    const get = d.get;
    let built = false, value;
    defineProperty(obj, key, {
      get: function () {
        if (built) return value;
        hooks.enter();
        let v;
        try { v = get.call(this); } finally { hooks.leave(); }
        guardMember(v);
        value = v;
        built = true;
        return v;
      },
      set: undefined,
      enumerable: d.enumerable,
      configurable: false,
    });
  }

  // Post-order marking: if an interrupt stops a walk half-way, unfinished
  // nodes are walked again on the next attempt.
  function deepFreeze(root) {
    if (!isObject(root) || done.has(root)) return;
    const visiting = new Set();
    const walk = (o) => {
      if (!isObject(o) || done.has(o) || visiting.has(o)) return;
      visiting.add(o);
      for (const k of ownKeys(o)) {
        const d = getOwnPropertyDescriptor(o, k);
        if (!d) continue;
        if ("value" in d) walk(d.value);
        else { walk(d.get); walk(d.set); }
      }
      walk(getPrototypeOf(o));
      freeze(o);
      done.add(o);
    };
    walk(root);
  }

  // Libraries keep private caches deep inside (mathjs memoises on internal
  // objects and records the units it has seen), so deep-freezing them breaks
  // them. A library namespace is frozen one level deep instead: its members
  // cannot be replaced, and each member function, class prototype and
  // static is frozen (with the override fix on prototypes).
  // Marked done only once frozen: a time limit can interrupt this half-way
  // (lazy members are guarded during a guest call), and the next read must
  // then finish the job rather than skip it.
  function guardMember(v) {
    if (!isObject(v) || done.has(v)) return;
    if (typeof v === "function") {
      const p = getOwnPropertyDescriptor(v, "prototype");
      if (p && "value" in p && isObject(p.value) && !done.has(p.value) && !intrinsicProtos.has(p.value)) {
        for (const k of ownKeys(p.value)) enableOverride(p.value, k);
        freeze(p.value);
        done.add(p.value);
      }
    }
    freeze(v);
    done.add(v);
  }

  function guardLibrary(ns) {
    for (const k of ownKeys(ns)) {
      const d = getOwnPropertyDescriptor(ns, k);
      if (!d) continue;
      if (d.get && d.set && d.configurable) tameLazy(ns, k, d);
      else if ("value" in d && typeof d.value === "function") guardMember(d.value);
    }
    freeze(ns);
    done.add(ns);
  }

  return function harden(extraRoots, libraries, lazyHooks) {
    if (lazyHooks) hooks = lazyHooks;
    intrinsicProtos = new Set(prototypes());
    for (const p of intrinsicProtos) for (const k of OVERRIDABLE) enableOverride(p, k);
    // Libraries first: they are marked done, so the deep walk below leaves their insides alone.
    for (let i = 0; i < libraries.length; i++) guardLibrary(libraries[i]);
    for (const k of ownKeys(G)) {
      const d = getOwnPropertyDescriptor(G, k);
      if ("value" in d) {
        if (d.value !== G) deepFreeze(d.value);
        if (d.configurable || d.writable) defineProperty(G, k, { writable: false, configurable: false });
      } else {
        deepFreeze(d.get); deepFreeze(d.set);
      }
    }
    deepFreeze(getPrototypeOf(G));
    for (let i = 0; i < extraRoots.length; i++) deepFreeze(extraRoots[i]);
  };
})()`;
