import { describe, expect, it } from "vitest";
import { deepFreeze } from "../../src/functions/deep-freeze.js";

describe("deepFreeze (what keeps function specs and toolset metadata immutable)", () => {
  it("freezes every object and array at every depth and returns the same value", () => {
    const value = { name: "add", n: 1, none: null, list: [{ a: { b: [1, "x"] } }, "s"], nested: { deeper: { ok: true } } };
    expect(deepFreeze(value)).toBe(value);
    for (const part of [value, value.list, value.list[0], (value.list[0] as { a: object }).a, value.nested, value.nested.deeper]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
    expect(() => {
      (value.nested.deeper as { ok: boolean }).ok = false;
    }).toThrow(TypeError);
  });

  it("passes primitives and null through unchanged", () => {
    for (const v of [null, undefined, 0, "text", true]) expect(deepFreeze(v)).toBe(v);
  });
});
