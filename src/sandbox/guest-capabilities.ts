/**
 * Guest-side source evaluated once per runtime before hardening. It defines
 * the non-enumerable global `__toolforge`, whose `bind(names)` builds the
 * async capability objects (`fetch`, `parse.*`, `readAttachment`, `search`,
 * `tools.*`) a call's code gets, and `functions(map)` which wraps composed
 * functions. Every call crosses to the host, which checks it against the
 * call's own grant: reaching `__toolforge` directly grants nothing.
 *
 * The source evaluates to `(hostCapability) => undefined`.
 *
 * @example
 * import { GUEST_CAPABILITIES_SOURCE } from "./guest-capabilities.js";
 * console.log(GUEST_CAPABILITIES_SOURCE.includes("__toolforge")); // true
 */
export const GUEST_CAPABILITIES_SOURCE = String.raw`(function (hostCapability) {
  "use strict";
  const stringify = JSON.stringify, parse = JSON.parse, freeze = Object.freeze, P = Promise;
  const PARSERS = ["html", "markdown", "tables", "pdf", "csv", "xlsx"];
  function invoke(name, args) {
    const reply = parse(hostCapability(stringify({ name: name, args: args })));
    if (reply.ok) return reply.value;
    const e = new Error(reply.error.message);
    e.name = "CapabilityError";
    e.code = reply.error.code;
    throw e;
  }
  // Async to the guest; the host answers before the promise is returned, so calls run one at a time.
  function capability(name) {
    return function () {
      const args = Array.prototype.slice.call(arguments);
      return new P(function (resolve, reject) {
        try { resolve(invoke(name, args)); } catch (e) { reject(e); }
      });
    };
  }
  function bind(names) {
    const out = {};
    const tools = {};
    for (let i = 0; i < names.length; i++) {
      const n = String(names[i]);
      if (n === "fetch" || n === "readAttachment" || n === "search") out[n] = capability(n);
      else if (n === "parse") {
        const p = {};
        for (let j = 0; j < PARSERS.length; j++) p[PARSERS[j]] = capability("parse." + PARSERS[j]);
        out.parse = freeze(p);
      } else if (n.indexOf("tools.") === 0) tools[n.slice(6)] = capability(n);
    }
    out.tools = freeze(tools);
    return freeze(out);
  }
  // Composed functions are always awaited, so a sync callee reads like an async one.
  function functions(map) {
    const out = {};
    for (const k of Object.keys(map)) {
      const fn = map[k];
      out[k] = function (args) {
        return new P(function (resolve) { resolve(fn(args === undefined ? {} : args)); });
      };
    }
    return freeze(out);
  }
  Object.defineProperty(globalThis, "__toolforge", { value: freeze({ bind: freeze(bind), functions: freeze(functions) }), enumerable: false, writable: false, configurable: false });
})`;
