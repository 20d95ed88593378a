import { describe, expect, it } from "vitest";
import {
  exactAdd,
  exactDivide,
  exactEqual,
  exactHasVariables,
  exactImaginaryUnit,
  exactInteger,
  exactIsRational,
  exactMultiply,
  exactNegate,
  exactNumber,
  exactPower,
  exactSqrt,
  exactSymbol,
} from "../../src/scoring/exact-algebra.js";

const n = exactNumber;

describe("exact arithmetic", () => {
  it("keeps decimals exact", () => {
    expect(exactEqual(exactAdd(n("0.1"), n("0.2")), n("0.3"))).toBe(true);
    expect(exactEqual(exactDivide(n("1"), n("3")), n("0.3333333333333333"))).toBe(false);
    expect(exactEqual(exactDivide(n("31"), n("5")), n("6.2"))).toBe(true);
  });
  it("simplifies square roots of integers and fractions", () => {
    expect(exactEqual(exactSqrt(n("8")), exactMultiply(n("2"), exactSqrt(n("2"))))).toBe(true);
    expect(exactEqual(exactSqrt(n("0.25")), n("0.5"))).toBe(true);
    expect(exactEqual(exactMultiply(exactSqrt(n("2")), exactSqrt(n("3"))), exactSqrt(n("6")))).toBe(true);
    expect(exactEqual(exactMultiply(exactSqrt(n("6")), exactSqrt(n("6"))), n("6"))).toBe(true);
    expect(exactEqual(exactSqrt(n("0")), n("0"))).toBe(true);
  });
  it("handles i and negative radicands", () => {
    const i = exactImaginaryUnit();
    expect(exactEqual(exactMultiply(i, i), n("-1"))).toBe(true);
    expect(exactEqual(exactSqrt(n("-4")), exactMultiply(n("2"), i))).toBe(true);
    expect(exactIsRational(i)).toBe(false);
  });
  it("treats symbols as indeterminates", () => {
    const x = exactSymbol("x");
    const pi = exactSymbol("\\pi");
    expect(exactEqual(exactPower(exactAdd(x, n("1")), 2), exactAdd(exactAdd(exactMultiply(x, x), exactMultiply(n("2"), x)), n("1")))).toBe(true);
    expect(exactEqual(pi, n("3.14159"))).toBe(false);
    expect(exactHasVariables(x)).toBe(true);
    expect(exactHasVariables(pi)).toBe(false);
    expect(exactEqual(exactDivide(x, x), n("1"))).toBe(true);
  });
  it("powers, negation and integers", () => {
    expect(exactEqual(exactPower(n("2"), -2), n("0.25"))).toBe(true);
    expect(exactEqual(exactNegate(n("2")), n("-2"))).toBe(true);
    expect(exactInteger(exactDivide(n("6"), n("3")))).toBe(2n);
    expect(exactInteger(n("2.5"))).toBeNull();
  });
  it("refuses what it cannot do exactly", () => {
    expect(() => exactDivide(n("1"), n("0"))).toThrow(RangeError);
    expect(() => exactSqrt(exactSymbol("x"))).toThrow(RangeError);
    expect(() => exactPower(n("2"), 0.5)).toThrow(RangeError);
    expect(() => exactPower(n("2"), 1000)).toThrow(RangeError);
    expect(() => exactSqrt(n("1000000000000000000000"))).toThrow(RangeError);
  });
});
