import {
  exactAdd,
  exactDivide,
  exactImaginaryUnit,
  exactInteger,
  exactMultiply,
  exactNegate,
  exactNumber,
  exactPower,
  exactSqrt,
  exactSymbol,
  type ExactValue,
} from "./exact-algebra.js";
import type { LatexNode } from "./latex-expression.js";

// Two evaluations of a parsed answer: exact (BigInt rationals, `i`, √ of
// integers, `\pi` and variables as symbols) and, for what exact arithmetic
// cannot express (cube roots, nested radicals), a real floating value.

/** The exact value of the tree, or null when it needs more than exact arithmetic. */
export function exactValueOf(node: LatexNode): ExactValue | null {
  try {
    return exact(node);
  } catch (error) {
    // Stryker disable next-line ConditionalExpression: exact arithmetic throws only RangeErrors; the check keeps real bugs loud.
    if (error instanceof RangeError) return null;
    throw error;
  }
}

function exact(node: LatexNode): ExactValue {
  switch (node.kind) {
    case "number":
      return exactNumber(node.literal);
    case "symbol":
      return node.name === "i" ? exactImaginaryUnit() : exactSymbol(node.name);
    case "group":
      return exact(node.inner);
    case "sum":
      return node.terms
        .map((t) => (t.negative ? exactNegate(exact(t.node)) : exact(t.node)))
        .reduce((a, b) => exactAdd(a, b));
    case "product":
      return node.factors.reduce<ExactValue>(
        (acc, f) => (f.divide ? exactDivide(acc, exact(f.node)) : exactMultiply(acc, exact(f.node))),
        exactNumber("1"),
      );
    case "power": {
      const k = exactInteger(exact(node.exponent));
      // Stryker disable next-line StringLiteral: exactValueOf catches it; the message is never shown.
      if (k === null) throw new RangeError("non-integer exponent");
      return exactPower(exact(node.base), Number(k));
    }
    case "root": {
      // Stryker disable next-line StringLiteral: exactValueOf catches it; the message is never shown.
      if (node.index !== null && exactInteger(exact(node.index)) !== 2n) throw new RangeError("higher root");
      return exactSqrt(exact(node.radicand));
    }
  }
}

/** The real value of a variable-free tree (`\pi` allowed), or null. */
export function floatValueOf(node: LatexNode): number | null {
  const value = float(node);
  return Number.isFinite(value) ? value : null;
}

function float(node: LatexNode): number {
  switch (node.kind) {
    case "number":
      return Number(node.literal);
    case "symbol":
      return node.name === "\\pi" ? Math.PI : Number.NaN;
    case "group":
      return float(node.inner);
    case "sum":
      return node.terms.reduce((acc, t) => acc + (t.negative ? -float(t.node) : float(t.node)), 0);
    case "product":
      return node.factors.reduce((acc, f) => (f.divide ? acc / float(f.node) : acc * float(f.node)), 1);
    case "power":
      return float(node.base) ** float(node.exponent);
    case "root": {
      const x = float(node.radicand);
      const n = node.index === null ? 2 : float(node.index);
      // An odd root of a negative number is real: ∛−8 = −2 (n % 2 === 1 only for odd integers).
      // Stryker disable next-line EqualityOperator: at x = 0 both branches give ±0, equal in every comparison.
      return x < 0 && n % 2 === 1 ? -((-x) ** (1 / n)) : x ** (1 / n);
    }
  }
}
