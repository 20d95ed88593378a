import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/functions/canonical-json.js";

describe("canonicalJson (the one canonical JSON: toolset hashes, diffs, model-cache keys)", () => {
  it("renders equal values equally whatever their key order, at every depth", () => {
    const a = { b: 1, a: { d: [{ y: 2, x: 1 }], c: "s" } };
    const b = { a: { c: "s", d: [{ x: 1, y: 2 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":"s","d":[{"x":1,"y":2}]},"b":1}');
  });

  it("renders values as JSON.stringify does: undefined fields dropped, toJSON honoured, array order kept", () => {
    expect(canonicalJson({ z: undefined, a: [undefined, 2, 1] })).toBe('{"a":[null,2,1]}');
    expect(canonicalJson({ when: new Date(0), x: { toJSON: () => ({ q: 1, p: 2 }) } })).toBe('{"when":"1970-01-01T00:00:00.000Z","x":{"p":2,"q":1}}');
  });
});

describe("canonicalJson key order and plain values", () => {
  it("orders keys by UTF-16 code units at every depth, inside arrays too, and keeps null, strings and numbers", () => {
    expect(canonicalJson({ b: null, B: "x", a: [{ z: 1, _: 2 }, "s", 3, null], ab: true, "a-b": {} })).toBe(
      '{"B":"x","a":[{"_":2,"z":1},"s",3,null],"a-b":{},"ab":true,"b":null}',
    );
    expect(canonicalJson("s")).toBe('"s"');
    expect(canonicalJson(null)).toBe("null");
  });
});
