import { exactEqual, exactHasVariables, exactIsRational } from "./exact-algebra.js";
import { cleanLatex } from "./latex-clean.js";
import { hasDecimalLiteral, isFactoredForm, parseLatexExpression, type LatexNode } from "./latex-expression.js";
import { exactValueOf, floatValueOf } from "./latex-value.js";

// When two single MATH answers (not lists) are the same value.
//
// MATH answers are exact, so values are compared exactly: a decimal only
// equals a number it is exactly (`6.2` = `6\frac15`, `0.5` = `\frac12`), never
// an approximation (`3.14159` ≠ `\pi`, `0.3333333333333333` ≠ `\frac13`).
// Expressions with variables or `i` are equal when they are the same
// polynomial / rational function (`27i-11` = `-11+27i`, `2x+3` = `3+2x`), but
// a factored form never equals an expanded one: "factor" and "expand"
// questions ask for one of them. Only what exact arithmetic cannot express
// (cube roots, nested radicals) is compared in floating point, and then a
// decimal literal is not accepted for it.

const FLOAT_TOLERANCE = 1e-9;
/** Longer "answers" are prose, not expressions; parsing them is wasted work. */
const MAX_EXPRESSION_LENGTH = 500;

function parse(answer: string): LatexNode | null {
  return answer.length > MAX_EXPRESSION_LENGTH ? null : parseLatexExpression(cleanLatex(answer));
}

/**
 * True when two answers are the same value: exactly for rationals, radicals,
 * `\pi`, `i` and polynomials; in floating point (relative 1e-9) only where
 * exact arithmetic cannot go, and never for a decimal approximation.
 *
 * @example
 * import { expressionsEquivalent } from "toolforge";
 * expressionsEquivalent("6\\frac15", "6.2"); // true
 * expressionsEquivalent("3.14159", "\\pi"); // false
 * expressionsEquivalent("27i-11", "-11+27i"); // true
 * expressionsEquivalent("(x+1)^2", "x^2+2x+1"); // false (factored vs expanded)
 */
export function expressionsEquivalent(a: string, b: string): boolean {
  const ta = parse(a);
  const tb = parse(b);
  if (ta === null || tb === null) return false;
  const ea = exactValueOf(ta);
  const eb = exactValueOf(tb);
  if (ea !== null && eb !== null) {
    if (!exactEqual(ea, eb)) return false;
    return !exactHasVariables(ea) || isFactoredForm(ta) === isFactoredForm(tb);
  }
  // One side needs floating point: a rational written with decimals is an
  // approximation of it, not an exact answer.
  if ((ea !== null && exactIsRational(ea) && hasDecimalLiteral(ta)) || (eb !== null && exactIsRational(eb) && hasDecimalLiteral(tb))) {
    return false;
  }
  const fa = floatValueOf(ta);
  const fb = floatValueOf(tb);
  if (fa === null || fb === null) return false;
  // Stryker disable next-line EqualityOperator: a difference of exactly the tolerance is not a case; equal values pass either way.
  return Math.abs(fa - fb) <= FLOAT_TOLERANCE * Math.max(1, Math.abs(fa), Math.abs(fb));
}
