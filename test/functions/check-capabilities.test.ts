import { describe, expect, it } from "vitest";
import { capabilitiesProblem, capabilitiesUsed } from "../../src/functions/check-capabilities.js";

describe("capabilitiesProblem (the declared capabilities list)", () => {
  it("accepts the four plain capabilities and tools.<name> / functions.<name>, and an empty list", () => {
    expect(capabilitiesProblem([])).toBeUndefined();
    expect(capabilitiesProblem(["fetch", "parse", "readAttachment", "search"])).toBeUndefined();
    for (const name of ["tools.lookup", "functions.add", "tools.$x", "tools._a1", "tools.web-search", "tools.a", `functions.${"a".repeat(64)}`]) {
      expect(capabilitiesProblem([name])).toBeUndefined();
    }
  });

  it("wants an array of strings", () => {
    for (const value of ["fetch", undefined, null, { fetch: true }, ["fetch", 1]]) {
      expect(capabilitiesProblem(value)).toBe("must be an array of capability names");
    }
  });

  it("names an unknown capability and lists the known ones", () => {
    const known = "known: fetch, parse, readAttachment, search, tools.<name>, functions.<name>";
    for (const name of ["net", "Fetch", "tools", "tools.", "tool.x", "xtools.a", "tools.a!", "tools.1a", "tools.a.b", "tools.a b", "functions", `functions.${"a".repeat(65)}`]) {
      expect(capabilitiesProblem(["fetch", name])).toBe(`unknown capability ${JSON.stringify(name)}; ${known}`);
    }
  });

  it("refuses a capability listed twice", () => {
    expect(capabilitiesProblem(["fetch", "tools.a", "fetch"])).toBe("lists a capability twice");
    expect(capabilitiesProblem(["tools.a", "tools.a"])).toBe("lists a capability twice");
  });
});

describe("capabilitiesUsed (what a function's code reaches)", () => {
  it("finds free uses of each plain capability, sorted, each once", () => {
    expect(capabilitiesUsed("async function f() { await search('x'); return fetch('u'); }")).toEqual(["fetch", "search"]);
    expect(capabilitiesUsed("async function f() { return parse.pdf(await readAttachment('a.pdf')); }")).toEqual(["parse", "readAttachment"]);
    expect(capabilitiesUsed("function f() { fetch(1); fetch(2); const g = fetch; }")).toEqual(["fetch"]);
  });

  it("finds tools.<name> and functions.<name> calls", () => {
    expect(capabilitiesUsed("async function f() { return (await tools.lookup({})) + functions.add({ a: 1 }); }")).toEqual(["functions.add", "tools.lookup"]);
    expect(capabilitiesUsed("const f = () => tools?.web_search({})")).toEqual(["tools.web_search"]);
  });

  it("reports a computed tools[x] / functions[x] as tools[] / functions[], and what the brackets use", () => {
    expect(capabilitiesUsed("function f({ n }) { return tools[n]({}); }")).toEqual(["tools[]"]);
    expect(capabilitiesUsed('function f() { return functions["add"]({}); }')).toEqual(["functions[]"]);
    expect(capabilitiesUsed("function f() { return tools[fetch]; }")).toEqual(["fetch", "tools[]"]);
  });

  it("does not count property names and object keys, but counts computed ones and shorthand values", () => {
    expect(capabilitiesUsed("function f(o) { return o.fetch + o.search; }")).toEqual([]);
    expect(capabilitiesUsed("function f() { return { parse: 1, search: 2 }; }")).toEqual([]);
    expect(capabilitiesUsed("function f(o) { return o[fetch]; }")).toEqual(["fetch"]);
    expect(capabilitiesUsed("function f() { return { [search]: 1 }; }")).toEqual(["search"]);
    expect(capabilitiesUsed("function f() { return { fetch }; }")).toEqual(["fetch"]);
    expect(capabilitiesUsed("function f() { return fetch.name; }")).toEqual(["fetch"]);
    expect(capabilitiesUsed("function f(o) { return o.tools.x; }")).toEqual([]);
  });

  it("does not count names the code declares itself, in any binding form", () => {
    const declaring = [
      "const fetch = () => 1; function f() { return fetch(); }",
      "function fetch() {} function f() { return fetch(); }",
      "const g = function fetch() { return fetch; };",
      "function f(fetch) { return fetch(); }",
      "const f = (fetch) => fetch();",
      "function f({ fetch }) { return fetch(); }",
      "function f({ a: fetch }) { return fetch(); }",
      "function f({ ...fetch }) { return fetch; }",
      "function f([fetch]) { return fetch(); }",
      "function f([, fetch]) { return fetch(); }",
      "function f(fetch = 1) { return fetch; }",
      "function f(...fetch) { return fetch; }",
      "function f() { let [fetch] = [1]; return fetch; }",
      "function f() { try { g(); } catch (fetch) { return fetch; } }",
    ];
    for (const code of declaring) expect(capabilitiesUsed(code), code).toEqual([]);
  });

  it("does not count tools or functions the code declares itself", () => {
    expect(capabilitiesUsed("const tools = { a: () => 1 }; function f() { return tools.a() + tools[0]; }")).toEqual([]);
    expect(capabilitiesUsed("function f(functions) { return functions.add(); }")).toEqual([]);
  });

  it("finds nothing in code that does not parse (the syntax check reports it)", () => {
    expect(capabilitiesUsed("function f( { fetch(")).toEqual([]);
  });
});
