/**
 * Guest-side script (run with `sandbox.runScript`, packages ["mathjs"]) that
 * describes every *shared* object of the guest realm: everything reachable
 * from the global object, from mathjs (its namespace, and the prototypes of
 * its types' instances), from the `require` shim, and from the prototypes
 * of values only syntax produces (iterators, generators, async functions,
 * iterator helpers, arguments objects…). Objects are numbered in walk
 * order and listed with their prototype, extensibility, frozenness and
 * every own property (getters are called too: mathjs members are lazy
 * getters); functions with their source text, so a replaced built-in shows.
 * Equal texts mean equal graphs.
 *
 * Evaluates to `{ text, unfrozen }`: `unfrozen` lists the path of each
 * object that is not frozen (the first path the walk found).
 */
export const REALM_FINGERPRINT = String.raw`
(() => {
  const proto = Object.getPrototypeOf;
  const made = [
    [][Symbol.iterator](), [].entries(), new Map()[Symbol.iterator](), new Map().keys(), new Set()[Symbol.iterator](),
    ""[Symbol.iterator](), "aa".matchAll(/a/g),
    function* () {}, async function () {}, async () => {}, async function* () {},
    [1].values().map((x) => x), [1].values().filter(Boolean).take(1), Iterator.from({ next() { return { done: true }; } }),
    (function () { return arguments; })(), function () {}.bind(null), class {}, Promise.resolve(), new Error("e"),
    new AggregateError([]), new Uint8Array(1), new DataView(new ArrayBuffer(1)), /a/g, new Date(0), new WeakMap(),
    new WeakSet(), Object(Symbol("s")), Object(1n),
    math.unit("1 cm"), math.matrix([1, 2]), math.sparse([[1]]), math.fraction(1, 3), math.bignumber(1), math.complex(1, 1),
    math.parse("f(x) = x + 1"), math.parse("a.b[1]"), math.compile("2 + 3"), math.parser(), math.chain(1), math.range(0, 2),
    math.index(0), math.bignumber(1).constructor, math.unit("1 cm").units[0].unit, math.unit("1 cm").units[0].prefix,
  ];
  const strictArgs = (function () { "use strict"; return arguments; })();
  const seeds = [globalThis, math, require, Object.getOwnPropertyDescriptor(strictArgs, "callee").get, ...made.map(proto)];
  // Unit definitions and prefixes are shared even though they come out of a fresh unit.
  seeds.push(made[made.length - 2], made[made.length - 1], made[made.length - 3]);
  const ids = new Map();
  const queue = [], parents = [];
  const idOf = (v, parent, key) => {
    if (!ids.has(v)) { ids.set(v, ids.size); queue.push(v); parents.push([parent, key]); }
    return "#" + ids.get(v);
  };
  const show = (v, parent, key) => {
    if (v === null) return "null";
    const t = typeof v;
    if (t === "object" || t === "function") return idOf(v, parent, key);
    if (t === "symbol") return "sym(" + String(v.description) + ")";
    if (t === "number" && Object.is(v, -0)) return "-0";
    return t + ":" + String(v);
  };
  const fnSource = Function.prototype.toString;
  const read = (o, get, i, key) => {
    if (!get) return "-";
    try { return show(get.call(o), i, key); } catch (e) { return "throws"; }
  };
  const path = (i) => {
    const parts = [];
    for (let j = i; j >= 0 && parents[j][0] !== -1; j = parents[j][0]) parts.unshift(parents[j][1]);
    let root = i;
    while (parents[root][0] !== -1) root = parents[root][0];
    return "seed" + parents[root][1] + parts.map((p) => "." + p).join("");
  };
  seeds.forEach((s, i) => show(s, -1, i));
  const lines = [], unfrozen = [];
  for (let i = 0; i < queue.length; i++) {
    const o = queue[i];
    const frozen = Object.isFrozen(o);
    if (!frozen) unfrozen.push(path(i));
    let line = "#" + i + " " + typeof o + (frozen ? " frozen" : "") + (Object.isExtensible(o) ? " extensible" : "") +
      " proto=" + show(proto(o), i, "[[Prototype]]");
    if (typeof o === "function") { try { line += " src=" + fnSource.call(o).slice(0, 200); } catch (e) { line += " src=?"; } }
    for (const k of Reflect.ownKeys(o)) {
      const d = Object.getOwnPropertyDescriptor(o, k);
      const name = typeof k === "symbol" ? "[" + String(k.description) + "]" : k;
      line += "\n  " + name + ": " +
        ("value" in d ? show(d.value, i, name) + (d.writable ? " w" : "") :
          "get=" + show(d.get, i, name + "(get)") + " set=" + show(d.set, i, name + "(set)") + " got=" + read(o, d.get, i, name)) +
        (d.enumerable ? " e" : "") + (d.configurable ? " c" : "");
    }
    lines.push(line);
  }
  return { text: lines.join("\n"), unfrozen: unfrozen };
})()`;
