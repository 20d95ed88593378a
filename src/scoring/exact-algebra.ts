// Exact arithmetic for MATH answers: rational functions whose coefficients
// are Gaussian rationals (a + bi, a and b BigInt fractions) over monomials of
// variables, `\pi` (kept as a symbol) and square roots of squarefree
// integers. Exactness is the point: `0.3333333333333333` is not `\frac13`
// and `3.14159` is not `\pi`, while `6.2`, `\frac{31}{5}` and `6\frac15` are
// the same number, and `27i-11` is `-11+27i`.

/** A reduced fraction n/d with d > 0. */
interface Rational {
  n: bigint;
  d: bigint;
}

/** re + im·i */
interface Coefficient {
  re: Rational;
  im: Rational;
}

/** One term: coefficient · √rad · Π var^power (powers ≥ 1, rad squarefree ≥ 1). */
interface Term {
  coefficient: Coefficient;
  rad: bigint;
  vars: ReadonlyMap<string, number>;
}

/** A polynomial: terms keyed by their monomial, like terms already combined. */
type Polynomial = ReadonlyMap<string, Term>;

/**
 * An exact value: numerator / denominator, both polynomials (denominator not
 * zero). Never reduced; equality cross-multiplies.
 */
export interface ExactValue {
  num: Polynomial;
  den: Polynomial;
}

/** Largest radicand factored for square parts; beyond it `sqrt` gives up. */
const MAX_RADICAND = 10n ** 10n;
/** Largest numerator/denominator magnitude: untrusted answers like `((10^{64})^{64})^{64}` must stay cheap. */
const MAX_MAGNITUDE = 2n ** 4096n;
/** Largest exponent expanded by repeated multiplication. */
const MAX_POWER = 64;
/** Largest number of terms a polynomial may grow to before giving up. */
const MAX_TERMS = 500;

function gcd(a: bigint, b: bigint): bigint {
  // Stryker disable next-line EqualityOperator: -0n is 0n
  let x = a < 0n ? -a : a;
  // Stryker disable next-line EqualityOperator: -0n is 0n
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function rational(n: bigint, d = 1n): Rational {
  // Stryker disable next-line ConditionalExpression,StringLiteral: unreachable from the exported functions (exactDivide refuses a zero divisor, so no denominator is zero); kept so a future caller's bug fails loudly
  if (d === 0n) throw new RangeError("division by zero");
  if (n > MAX_MAGNITUDE || -n > MAX_MAGNITUDE || d > MAX_MAGNITUDE || -d > MAX_MAGNITUDE) {
    throw new RangeError("number too large");
  }
  const g = gcd(n, d) || 1n;
  // Stryker disable next-line EqualityOperator: d is not 0 here (checked above)
  const sign = d < 0n ? -1n : 1n;
  return { n: (sign * n) / g, d: (sign * d) / g };
}

const R0 = rational(0n);
const rAdd = (a: Rational, b: Rational): Rational => rational(a.n * b.d + b.n * a.d, a.d * b.d);
const rSub = (a: Rational, b: Rational): Rational => rational(a.n * b.d - b.n * a.d, a.d * b.d);
const rMul = (a: Rational, b: Rational): Rational => rational(a.n * b.n, a.d * b.d);

const cAdd = (a: Coefficient, b: Coefficient): Coefficient => ({ re: rAdd(a.re, b.re), im: rAdd(a.im, b.im) });
const cMul = (a: Coefficient, b: Coefficient): Coefficient => ({
  re: rSub(rMul(a.re, b.re), rMul(a.im, b.im)),
  im: rAdd(rMul(a.re, b.im), rMul(a.im, b.re)),
});
const cIsZero = (c: Coefficient): boolean => c.re.n === 0n && c.im.n === 0n;

function monomialKey(rad: bigint, vars: ReadonlyMap<string, number>): string {
  const names = [...vars.keys()].sort();
  return `${rad}|${names.map((v) => `${v}^${vars.get(v)}`).join("*")}`;
}

function polynomial(terms: Iterable<Term>): Polynomial {
  const out = new Map<string, Term>();
  for (const term of terms) {
    const key = monomialKey(term.rad, term.vars);
    const existing = out.get(key);
    const coefficient = existing ? cAdd(existing.coefficient, term.coefficient) : term.coefficient;
    if (cIsZero(coefficient)) out.delete(key);
    else out.set(key, { ...term, coefficient });
  }
  if (out.size > MAX_TERMS) throw new RangeError("expression too large");
  return out;
}

/** Square part of n (n > 0): n = outside² · inside with inside squarefree. */
function splitSquare(n: bigint): { outside: bigint; inside: bigint } {
  if (n > MAX_RADICAND) throw new RangeError("radicand too large");
  let outside = 1n;
  let inside = n;
  for (let p = 2n; p * p <= inside; p++) {
    while (inside % (p * p) === 0n) {
      inside /= p * p;
      outside *= p;
    }
  }
  return { outside, inside };
}

function termProduct(a: Term, b: Term): Term {
  const vars = new Map(a.vars);
  for (const [v, p] of b.vars) vars.set(v, (vars.get(v) ?? 0) + p);
  // √a·√b = √(ab) with the square part of ab moved into the coefficient.
  const g = gcd(a.rad, b.rad);
  const rad = (a.rad / g) * (b.rad / g);
  const coefficient = cMul(cMul(a.coefficient, b.coefficient), { re: rational(g), im: R0 });
  return { coefficient, rad, vars };
}

const ONE_TERM: Term = { coefficient: { re: rational(1n), im: R0 }, rad: 1n, vars: new Map() };
const ONE: Polynomial = polynomial([ONE_TERM]);

function pAdd(a: Polynomial, b: Polynomial): Polynomial {
  return polynomial([...a.values(), ...b.values()]);
}

function pMul(a: Polynomial, b: Polynomial): Polynomial {
  if (a.size * b.size > 10 * MAX_TERMS) throw new RangeError("expression too large");
  const terms: Term[] = [];
  for (const x of a.values()) for (const y of b.values()) terms.push(termProduct(x, y));
  return polynomial(terms);
}

function pScale(a: Polynomial, c: Coefficient): Polynomial {
  return polynomial([...a.values()].map((t) => ({ ...t, coefficient: cMul(t.coefficient, c) })));
}

function pIsZero(a: Polynomial): boolean {
  return a.size === 0;
}

/** The single constant, radical-free term of `p`, or null. */
function constantOf(p: Polynomial): Coefficient | null {
  if (p.size === 0) return { re: R0, im: R0 };
  if (p.size !== 1) return null;
  const [term] = p.values();
  return term && term.rad === 1n && term.vars.size === 0 ? term.coefficient : null;
}

const fromPolynomial = (num: Polynomial): ExactValue => ({ num, den: ONE });

/**
 * An exact number from a decimal literal (`"6.2"` → 31/5).
 *
 * @example
 * import { exactNumber, exactEqual, exactDivide } from "./exact-algebra.js";
 * exactEqual(exactNumber("0.5"), exactDivide(exactNumber("1"), exactNumber("2"))); // true
 */
export function exactNumber(literal: string): ExactValue {
  const [whole, fraction = ""] = literal.split(".") as [string, string?];
  // BigInt("") is 0n, so ".5" and "." need no special case.
  const n = BigInt(whole + fraction);
  const d = 10n ** BigInt(fraction.length);
  return fromPolynomial(polynomial([{ ...ONE_TERM, coefficient: { re: rational(n, d), im: R0 } }]));
}

/**
 * The imaginary unit, exactly.
 *
 * @example
 * import { exactImaginaryUnit, exactMultiply, exactEqual, exactNumber, exactNegate } from "./exact-algebra.js";
 * const i = exactImaginaryUnit();
 * exactEqual(exactMultiply(i, i), exactNegate(exactNumber("1"))); // true
 */
export function exactImaginaryUnit(): ExactValue {
  return fromPolynomial(polynomial([{ ...ONE_TERM, coefficient: { re: R0, im: rational(1n) } }]));
}

/**
 * A symbol (a variable, or `\pi` kept symbolic so no decimal ever equals it).
 *
 * @example
 * import { exactSymbol, exactAdd, exactEqual } from "./exact-algebra.js";
 * exactEqual(exactAdd(exactSymbol("x"), exactSymbol("y")), exactAdd(exactSymbol("y"), exactSymbol("x"))); // true
 */
export function exactSymbol(name: string): ExactValue {
  return fromPolynomial(polynomial([{ ...ONE_TERM, vars: new Map([[name, 1]]) }]));
}

/**
 * a + b, exactly.
 *
 * @example
 * import { exactAdd, exactNumber, exactEqual } from "./exact-algebra.js";
 * exactEqual(exactAdd(exactNumber("0.1"), exactNumber("0.2")), exactNumber("0.3")); // true
 */
export function exactAdd(a: ExactValue, b: ExactValue): ExactValue {
  return { num: pAdd(pMul(a.num, b.den), pMul(b.num, a.den)), den: pMul(a.den, b.den) };
}

/**
 * −a, exactly.
 *
 * @example
 * import { exactNegate, exactNumber, exactEqual } from "./exact-algebra.js";
 * exactEqual(exactNegate(exactNumber("2")), exactNumber("-2")); // true
 */
export function exactNegate(a: ExactValue): ExactValue {
  return { num: pScale(a.num, { re: rational(-1n), im: R0 }), den: a.den };
}

/**
 * a · b, exactly.
 *
 * @example
 * import { exactMultiply, exactNumber, exactEqual } from "./exact-algebra.js";
 * exactEqual(exactMultiply(exactNumber("1.5"), exactNumber("4")), exactNumber("6")); // true
 */
export function exactMultiply(a: ExactValue, b: ExactValue): ExactValue {
  return { num: pMul(a.num, b.num), den: pMul(a.den, b.den) };
}

/**
 * a / b, exactly; throws a RangeError when b is zero.
 *
 * @example
 * import { exactDivide, exactNumber, exactEqual } from "./exact-algebra.js";
 * exactEqual(exactDivide(exactNumber("1"), exactNumber("8")), exactNumber("0.125")); // true
 */
export function exactDivide(a: ExactValue, b: ExactValue): ExactValue {
  if (pIsZero(b.num)) throw new RangeError("division by zero");
  return { num: pMul(a.num, b.den), den: pMul(a.den, b.num) };
}

/**
 * a^k for an integer k (|k| ≤ 64), exactly.
 *
 * @example
 * import { exactPower, exactNumber, exactEqual } from "./exact-algebra.js";
 * exactEqual(exactPower(exactNumber("2"), -2), exactNumber("0.25")); // true
 */
export function exactPower(a: ExactValue, k: number): ExactValue {
  if (!Number.isInteger(k) || Math.abs(k) > MAX_POWER) throw new RangeError("unsupported exponent");
  let result: ExactValue = fromPolynomial(ONE);
  for (let j = 0; j < Math.abs(k); j++) result = exactMultiply(result, a);
  // Stryker disable next-line EqualityOperator: for k = 0 both branches give 1
  return k < 0 ? exactDivide(fromPolynomial(ONE), result) : result;
}

/** The integer value of `v` when it is a constant integer, else null. */
export function exactInteger(v: ExactValue): bigint | null {
  const num = constantOf(v.num);
  const den = constantOf(v.den);
  if (!num || !den || num.im.n !== 0n || den.im.n !== 0n) return null;
  const value = rational(num.re.n * den.re.d, num.re.d * den.re.n);
  return value.d === 1n ? value.n : null;
}

/**
 * √a for a constant rational a (√8 → 2√2, √−4 → 2i); throws a RangeError for
 * anything else (variables, π, nested radicals), so callers fall back.
 *
 * @example
 * import { exactSqrt, exactNumber, exactMultiply, exactEqual } from "./exact-algebra.js";
 * exactEqual(exactSqrt(exactNumber("8")), exactMultiply(exactNumber("2"), exactSqrt(exactNumber("2")))); // true
 */
export function exactSqrt(a: ExactValue): ExactValue {
  const num = constantOf(a.num);
  const den = constantOf(a.den);
  if (!num || !den || num.im.n !== 0n || den.im.n !== 0n) throw new RangeError("unsupported radicand");
  const value = rational(num.re.n * den.re.d, num.re.d * den.re.n);
  // Stryker disable next-line EqualityOperator: a zero radicand gives 0 on either branch
  const negative = value.n < 0n;
  const magnitude = negative ? -value.n : value.n;
  if (magnitude === 0n) return fromPolynomial(polynomial([]));
  // √(n/d) = √(n·d) / d
  const { outside, inside } = splitSquare(magnitude * value.d);
  const scale = rational(outside, value.d);
  const coefficient: Coefficient = negative ? { re: R0, im: scale } : { re: scale, im: R0 };
  return fromPolynomial(polynomial([{ coefficient, rad: inside, vars: new Map() }]));
}

/**
 * True when a and b are the same exact value.
 *
 * @example
 * import { exactEqual, exactNumber, exactSymbol } from "./exact-algebra.js";
 * exactEqual(exactNumber("3.14159"), exactSymbol("\\pi")); // false
 */
export function exactEqual(a: ExactValue, b: ExactValue): boolean {
  return pIsZero(pAdd(pMul(a.num, b.den), pScale(pMul(b.num, a.den), { re: rational(-1n), im: R0 })));
}

/**
 * True when the value is a plain rational number: no variable, π, radical or i.
 *
 * @example
 * import { exactIsRational, exactNumber, exactSymbol } from "./exact-algebra.js";
 * exactIsRational(exactNumber("0.25")); // true
 * exactIsRational(exactSymbol("\\pi")); // false
 */
export function exactIsRational(v: ExactValue): boolean {
  const num = constantOf(v.num);
  const den = constantOf(v.den);
  return num !== null && den !== null && num.im.n === 0n && den.im.n === 0n;
}

/**
 * True when the value mentions a variable other than `\pi`.
 *
 * @example
 * import { exactHasVariables, exactSymbol } from "./exact-algebra.js";
 * exactHasVariables(exactSymbol("x")); // true
 */
export function exactHasVariables(v: ExactValue): boolean {
  for (const p of [v.num, v.den]) {
    for (const term of p.values()) for (const name of term.vars.keys()) if (name !== "\\pi") return true;
  }
  return false;
}
