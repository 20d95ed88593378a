/**
 * Guest-side source that hardens a QuickJS realm after libraries are loaded,
 * so one call cannot poison the next:
 *
 * 1. The "override mistake": once `Object.prototype.toString` is frozen, plain
 *    assignment `obj.toString = f` on an ordinary object throws (libraries such
 *    as mathjs do this). Common prototype properties are therefore turned into
 *    accessors whose setter defines an own property on the receiver.
 * 2. Every intrinsic is frozen, deeply: those reachable from the global
 *    object and the *hidden* ones that only syntax produces (iterator,
 *    generator, async-function and iterator-helper prototypes,
 *    %ThrowTypeError%...). Library namespaces (hidden from the global scope)
 *    are frozen deeply too; their lazy members lose their setter and are all
 *    built (and frozen) during preload. Objects a library must keep writing
 *    (its `mutable` list) are left alone: the bootstrap restores them after
 *    every call.
 * 3. Every global binding becomes read-only and non-configurable, so the
 *    per-call cleanup only has to delete *new* globals.
 *
 * The source evaluates to a function `(extraRoots, libraries, lazyHooks, mutable) => void`;
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

  // Accessors are methods: they have no "prototype" object for the
  // library walk to give accessors of its own, and so on forever.
  function enableOverride(proto, key, library) {
    const d = getOwnPropertyDescriptor(proto, key);
    if (!d || !("value" in d) || !d.configurable) return;
    const value = d.value;
    const accessors = {
      get() { return value; },
      set(v) {
        if (this === proto) throw new TypeError("Cannot assign to read only property '" + String(key) + "' of a frozen shared object");
        if (!isObject(this)) return;
        defineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true });
      },
    };
    defineProperty(proto, key, { get: freeze(accessors.get), set: freeze(accessors.set), enumerable: d.enumerable, configurable: false });
    // Only the getter's closure holds the original now, so no walk reaches
    // it; it is frozen once its whole prototype is converted (freezing it
    // now could freeze that prototype half-way, through its constructor).
    overridden.push(value, library);
  }

  const overridden = [];
  function freezeOverridden() {
    while (overridden.length) {
      const library = overridden.pop();
      deepFreeze(overridden.pop(), library);
    }
  }

  // Intrinsics with no global name: only syntax or built-in calls produce them.
  function hiddenIntrinsics() {
    const gen = function* () {}, agen = async function* () {};
    const list = [
      getPrototypeOf([][Symbol.iterator]()), getPrototypeOf(new Map()[Symbol.iterator]()),
      getPrototypeOf(new Set()[Symbol.iterator]()), getPrototypeOf(""[Symbol.iterator]()),
      getPrototypeOf(/a/g[Symbol.matchAll]("a")), getPrototypeOf(Uint8Array.prototype),
      getPrototypeOf(gen), getPrototypeOf(gen.prototype), getPrototypeOf(agen), getPrototypeOf(agen.prototype),
      getPrototypeOf(async function () {}), getPrototypeOf(async () => {}),
      getOwnPropertyDescriptor((function () { "use strict"; return arguments; })(), "callee").get,
    ];
    if (typeof Iterator === "function") {
      list.push(getPrototypeOf([].values().map((x) => x)), getPrototypeOf(Iterator.from({ next: function () { return { done: true }; } })));
    }
    return list;
  }

  function prototypes(hidden) {
    const list = [Object.prototype, Function.prototype];
    for (const h of hidden) if (typeof h !== "function") list.push(h);
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
    const accessors = {
      get() {
        if (built) return value;
        hooks.enter();
        let v;
        try { v = get.call(this); } finally { hooks.leave(); }
        guardMember(v);
        value = v;
        built = true;
        return v;
      },
    };
    defineProperty(obj, key, { get: freeze(accessors.get), set: undefined, enumerable: d.enumerable, configurable: false });
  }

  // Post-order marking: if an interrupt stops a walk half-way, unfinished
  // nodes are walked again on the next attempt. Iterative: library object
  // graphs are far deeper than the guest stack.
  // "library": the walk also converts the prototypes of library classes
  // (override fix) and tames lazy members on the way (see lazies below).
  function deepFreeze(root, library) {
    if (!isObject(root) || done.has(root)) return;
    const visiting = new Set([root]);
    const stack = [root, false];
    const push = (v) => { if (isObject(v) && !done.has(v) && !visiting.has(v)) { visiting.add(v); stack.push(v, false); } };
    while (stack.length) {
      const expanded = stack.pop(), o = stack.pop();
      if (expanded) { freeze(o); done.add(o); continue; }
      if (library) enableLibraryOverrides(o);
      stack.push(o, true);
      const keys = ownKeys(o);
      for (let i = 0; i < keys.length; i++) {
        let d = getOwnPropertyDescriptor(o, keys[i]);
        if (!d) continue;
        if ("value" in d) { push(d.value); continue; }
        if (library && d.get && d.set && d.configurable) {
          tameLazy(o, keys[i], d);
          lazies.push(o, keys[i]);
          d = getOwnPropertyDescriptor(o, keys[i]);
        }
        push(d.get); push(d.set);
      }
      push(getPrototypeOf(o));
    }
  }

  // A library's classes keep working when their instances assign methods
  // that the (frozen) class prototype also has.
  function enableLibraryOverrides(o) {
    if (typeof o !== "function") return;
    const p = getOwnPropertyDescriptor(o, "prototype");
    if (p && "value" in p && isObject(p.value) && !done.has(p.value) && !intrinsicProtos.has(p.value)) {
      for (const k of ownKeys(p.value)) enableOverride(p.value, k, true);
      freezeOverridden();
    }
  }

  // Lazy members (configurable getter/setter pairs; mathjs has ~700) are
  // tamed wherever a library walk meets them, and all are built during
  // preload: mathjs hands members to each other directly, so one frozen
  // only when first read through its namespace could be reached, still
  // writable, through another member's results before that.
  const lazies = [];

  // Marked done only once frozen (deepFreeze is post-order): a time limit
  // can interrupt a lazy member's walk half-way during a guest call, and
  // the next read must then finish the job rather than skip it.
  function guardMember(v) {
    deepFreeze(v, true);
  }

  function guardLibrary(ns) {
    deepFreeze(ns, true);
    // Reading a member builds and guards it, which may reveal more lazy members.
    while (lazies.length) {
      const k = lazies.pop(), o = lazies.pop();
      try { o[k]; } catch (e) { /* a member that cannot be built stays unbuilt, and unreachable */ }
    }
  }

  return function harden(extraRoots, libraries, lazyHooks, mutable) {
    if (lazyHooks) hooks = lazyHooks;
    // Left unfrozen and never walked: the bootstrap restores them after each call.
    for (let i = 0; i < mutable.length; i++) done.add(mutable[i]);
    const hidden = hiddenIntrinsics();
    intrinsicProtos = new Set(prototypes(hidden));
    for (const p of intrinsicProtos) for (const k of OVERRIDABLE) enableOverride(p, k);
    // Every intrinsic first, plainly: the library walks below must find
    // them done, or they would take built-in accessors for lazy members.
    freezeOverridden();
    for (const h of hidden) deepFreeze(h);
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
    for (let i = 0; i < libraries.length; i++) guardLibrary(libraries[i]);
    // Last: these reach into the libraries.
    for (let i = 0; i < extraRoots.length; i++) deepFreeze(extraRoots[i]);
  };
})()`;
