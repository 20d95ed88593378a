import { expressionsEquivalent } from "./expression-equivalence.js";
import { parseLatexExpression } from "./latex-expression.js";
import { floatValueOf } from "./latex-value.js";
import { orderedItems } from "./math-answer-forms.js";
import { cleanLatex, matchingBrace } from "./latex-clean.js";

// Value equivalence for MATH answers, beyond the official string check:
// `0.25` vs `\frac{1}{4}`, `\sqrt{8}` vs `2\sqrt{2}`, `5.0` vs `5`. Values are
// compared exactly (see expression-equivalence.ts), so an approximation such
// as `3.14159` never equals `\pi`. No symbolic library is loaded: the host
// stays free of mathjs at import time.

const RELATIVE_TOLERANCE = 1e-6;

/** One LaTeX macro argument starting at `i`: a braced group or a single non-space character. */
function readArgument(s: string, i: number): { text: string; end: number } | null {
  while (s[i] === " ") i++;
  if (i >= s.length) return null;
  if (s[i] === "{") {
    const close = matchingBrace(s, i);
    return close < 0 ? null : { text: s.slice(i + 1, close), end: close + 1 };
  }
  return { text: s[i] ?? "", end: i + 1 };
}

const SIMPLE_MACROS: Record<string, string> = {
  "\\pi": " pi ",
  "\\cdot": " * ",
  "\\times": " * ",
  "\\div": " / ",
};

/**
 * Rewrites a LaTeX arithmetic expression into mathjs syntax, or returns
 * `null` when it contains a macro that has no numeric meaning here.
 *
 * @example
 * import { latexToMathjs } from "toolforge";
 * latexToMathjs("2\\sqrt{2}+\\frac{1}{2}"); // " 2 sqrt((2)) + ((1)/(2))" (spacing may vary)
 */
export function latexToMathjs(latex: string): string | null {
  const s = cleanLatex(latex);
  let out = "";
  let i = 0;
  while (i < s.length) {
    const ch = s[i] ?? "";
    if (ch === "\\") {
      const name = /^\\[a-zA-Z]+/.exec(s.slice(i))?.[0];
      if (!name) return null;
      i += name.length;
      if (name === "\\frac") {
        const num = readArgument(s, i);
        const den = num && readArgument(s, num.end);
        if (!num || !den) return null;
        const a = latexToMathjs(num.text);
        const b = latexToMathjs(den.text);
        if (a === null || b === null) return null;
        out += ` ((${a})/(${b})) `;
        i = den.end;
      } else if (name === "\\sqrt") {
        let index: string | null = null;
        if (s[i] === "[") {
          const close = s.indexOf("]", i);
          if (close < 0) return null;
          index = latexToMathjs(s.slice(i + 1, close));
          if (index === null) return null;
          i = close + 1;
        }
        const radicand = readArgument(s, i);
        const inner = radicand && latexToMathjs(radicand.text);
        if (!radicand || inner === null || inner === undefined) return null;
        out += index === null ? ` sqrt((${inner})) ` : ` nthRoot((${inner}),(${index})) `;
        i = radicand.end;
      } else if (name in SIMPLE_MACROS) {
        out += SIMPLE_MACROS[name];
      } else {
        return null;
      }
    } else if (ch === "{") {
      out += "(";
      i++;
    } else if (ch === "}") {
      out += ")";
      i++;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/**
 * The value of a purely numeric LaTeX answer (`\frac{1}{2}`, `2\sqrt{2}`,
 * `\sqrt[3]{8}`, `3\pi`, `1,000`, `45^\circ`), or `null` if it is symbolic,
 * unparseable or not a finite real number.
 *
 * @example
 * import { evaluateLatexNumber } from "toolforge";
 * evaluateLatexNumber("\\frac{1}{4}"); // 0.25
 * evaluateLatexNumber("x+1"); // null
 */
export function evaluateLatexNumber(latex: string): number | null {
  const tree = parseLatexExpression(cleanLatex(latex));
  return tree === null ? null : floatValueOf(tree);
}

/**
 * True when two numbers agree within a relative tolerance (default 1e-6).
 *
 * @example
 * import { numbersClose } from "toolforge";
 * numbersClose(Math.sqrt(8), 2 * Math.SQRT2); // true
 */
export function numbersClose(a: number, b: number, tolerance = RELATIVE_TOLERANCE): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Value equivalence of two MATH answers: both are the same value
 * (`expressionsEquivalent`: exact for rationals, radicals, `\pi`, `i` and
 * polynomials), or both are tuples/intervals/matrices with the same brackets
 * whose items are pairwise equal (by `itemEqual`, defaulting to this check).
 *
 * @example
 * import { numericallyEquivalent } from "toolforge";
 * numericallyEquivalent("\\sqrt{8}", "2\\sqrt{2}"); // true
 * numericallyEquivalent("(0.5, 2)", "\\left(\\frac{1}{2}, 2\\right)"); // true
 * numericallyEquivalent("3.14159", "\\pi"); // false
 */
export function numericallyEquivalent(
  a: string,
  b: string,
  itemEqual: (x: string, y: string) => boolean = (x, y) => numericallyEquivalent(x, y),
): boolean {
  if (expressionsEquivalent(a, b)) return true;
  const ta = orderedItems(a);
  const tb = orderedItems(b);
  if (!ta || !tb || ta.brackets !== tb.brackets || ta.items.length !== tb.items.length) return false;
  return ta.items.every((item, k) => itemEqual(item, tb.items[k] ?? ""));
}
