import { describe, expect, it } from "vitest";
import {
  exactAdd,
  exactDivide,
  exactEqual,
  exactImaginaryUnit,
  exactInteger,
  exactIsRational,
  exactMultiply,
  exactNegate,
  exactNumber,
  exactPower,
  exactSqrt,
  exactSymbol,
  type ExactValue,
} from "../../src/scoring/exact-algebra.js";

const n = exactNumber;
const i = exactImaginaryUnit();
/** The sum, added as a balanced tree so 500 terms stay quick. */
const sum = (values: ExactValue[]): ExactValue => {
  if (values.length === 1) return values[0] as ExactValue;
  const half = Math.floor(values.length / 2);
  return exactAdd(sum(values.slice(0, half)), sum(values.slice(half)));
};
const symbols = (count: number, prefix: string): ExactValue[] =>
  Array.from({ length: count }, (_, k) => exactSymbol(`${prefix}${k}`));
/** 1 + x + x² + … + x^(count−1) */
const powers = (x: ExactValue, count: number): ExactValue[] => {
  const out = [n("1")];
  while (out.length < count) out.push(exactMultiply(out[out.length - 1] as ExactValue, x));
  return out;
};

describe("exact arithmetic on signs, fractions and complex numbers", () => {
  it("divides by negative numbers", () => {
    expect(exactInteger(exactDivide(n("3"), n("-1")))).toBe(-3n);
    expect(exactInteger(exactDivide(n("6"), n("-3")))).toBe(-2n);
    expect(exactInteger(exactDivide(n("3"), n("1.5")))).toBe(2n);
    expect(exactEqual(exactDivide(n("-3"), n("2")), n("-1.5"))).toBe(true);
  });
  it("takes square roots of negative fractions and of quotients", () => {
    const root = exactSqrt(exactDivide(n("-3"), n("2")));
    expect(exactEqual(root, exactMultiply(exactDivide(i, n("2")), exactSqrt(n("6"))))).toBe(true);
    expect(exactEqual(exactSqrt(exactDivide(n("8"), n("0.5"))), n("4"))).toBe(true);
    expect(exactEqual(exactSqrt(exactDivide(n("0.5"), n("8"))), n("0.25"))).toBe(true);
  });
  it("multiplies complex numbers with fractional parts", () => {
    const a = exactAdd(n("0.5"), exactDivide(i, n("3")));
    const b = exactAdd(n("0.2"), exactDivide(i, n("7")));
    const expected = exactDivide(exactAdd(n("11"), exactMultiply(n("29"), i)), n("210"));
    expect(exactEqual(exactMultiply(a, b), expected)).toBe(true);
  });
  it("reads decimals without a whole part", () => {
    expect(exactEqual(n(".5"), n("0.5"))).toBe(true);
    expect(exactEqual(n("-.5"), n("-0.5"))).toBe(true);
  });
  it("keeps symbols with unusual names apart from products", () => {
    expect(exactEqual(exactSymbol("a^1b"), exactMultiply(exactSymbol("a"), exactSymbol("b")))).toBe(false);
  });
});

describe("exactInteger, exactIsRational and exactSqrt refuse non-real and irrational values", () => {
  const onePlusI = exactAdd(n("1"), i);
  it("exactInteger", () => {
    expect(exactInteger(exactMultiply(n("2"), i))).toBeNull();
    expect(exactInteger(exactDivide(n("2"), onePlusI))).toBeNull();
    expect(exactInteger(exactAdd(n("1"), exactSymbol("x")))).toBeNull();
    expect(exactInteger(exactSqrt(n("2")))).toBeNull();
    expect(exactInteger(exactDivide(n("2"), i))).toBeNull();
  });
  it("exactIsRational", () => {
    expect(exactIsRational(exactAdd(n("1"), exactSqrt(n("2"))))).toBe(false);
    expect(exactIsRational(exactSqrt(n("2")))).toBe(false);
    expect(exactIsRational(exactDivide(n("2"), onePlusI))).toBe(false);
    expect(exactIsRational(exactDivide(n("2"), n("3")))).toBe(true);
  });
  it("exactSqrt", () => {
    expect(() => exactSqrt(i)).toThrow(/unsupported radicand/);
    expect(() => exactSqrt(exactDivide(n("1"), onePlusI))).toThrow(/unsupported radicand/);
  });
});

describe("limits that keep hostile answers cheap", () => {
  const max = 2n ** 4096n;
  it("accepts numbers up to 2^4096 in magnitude and refuses larger ones", () => {
    expect(exactInteger(n(String(max)))).toBe(max);
    expect(exactInteger(n(String(-max)))).toBe(-max);
    expect(() => n(String(max + 1n))).toThrow(/number too large/);
    expect(() => n(String(-max - 1n))).toThrow(/number too large/);
    expect(() => n(`0.${"0".repeat(1300)}1`)).toThrow(/number too large/);
  });
  it("accepts a denominator of 2^4096 and refuses a larger one", () => {
    expect(exactInteger(exactDivide(n("1"), n(String(max))))).toBeNull();
    expect(exactInteger(exactDivide(n("1"), n(String(-max))))).toBeNull();
    const big = n(`1${"0".repeat(1200)}`);
    expect(() => exactInteger(exactDivide(exactDivide(n("1"), big), exactNegate(big)))).toThrow(/number too large/);
  });
  it("refuses division by zero with a message", () => {
    expect(() => exactDivide(n("1"), n("0"))).toThrow(/division by zero/);
  });
  it("allows exponents up to 64", () => {
    expect(exactInteger(exactPower(n("2"), 64))).toBe(2n ** 64n);
    expect(exactEqual(exactPower(n("2"), -64), exactDivide(n("1"), n(String(2n ** 64n))))).toBe(true);
    expect(exactInteger(exactPower(n("7"), 0))).toBe(1n);
    expect(() => exactPower(n("2"), 65)).toThrow(/unsupported exponent/);
    expect(() => exactPower(n("2"), -65)).toThrow(/unsupported exponent/);
  });
  it("factors radicands up to 10^10", () => {
    expect(exactInteger(exactSqrt(n("10000000000")))).toBe(100000n);
    expect(() => exactSqrt(n("10000000001"))).toThrow(/radicand too large/);
  });
  it("allows 500 terms and refuses 501", () => {
    expect(exactIsRational(sum(symbols(500, "v")))).toBe(false);
    expect(() => sum(symbols(501, "v"))).toThrow(/expression too large/);
  });
  it("refuses a product of more than 5000 term pairs even when it would cancel", () => {
    const x = exactSymbol("x");
    const y = exactSymbol("y");
    const geometric = sum(powers(x, 100)); // (1 − x^100) / (1 − x), 100 terms
    const oneMinusX = exactAdd(n("1"), exactNegate(x));
    const fifty = exactMultiply(oneMinusX, sum(powers(y, 25))); // 50 terms
    const product = exactMultiply(geometric, fifty); // 5000 pairs, 50 terms after cancelling
    expect(exactEqual(product, exactMultiply(exactAdd(n("1"), exactNegate(exactMultiply(exactPower(x, 50), exactPower(x, 50)))), sum(powers(y, 25))))).toBe(true);
    const fiftyOne = exactMultiply(oneMinusX, sum(powers(y, 26))); // 52 terms
    expect(() => exactMultiply(geometric, fiftyOne)).toThrow(/expression too large/);
  });
});
