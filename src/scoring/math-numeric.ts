import { createRequire } from "node:module";
import type { MathNode } from "mathjs";

// mathjs as ESM is ~1,000 modules (0.5 s+ at import time, for every user of
// the library); only this scorer needs it on the host, for parsing. Its
// single-file bundle loads on first use instead, in about 0.1 s.
const requireBundle = createRequire(import.meta.url);
let mathjsParse: typeof import("mathjs").parse | undefined;
function parse(expression: string): MathNode {
  mathjsParse ??= (requireBundle("mathjs/lib/browser/math.js") as typeof import("mathjs")).parse;
  return mathjsParse(expression);
}

// Numeric equivalence for MATH answers, beyond the official string check:
// `0.25` vs `\frac{1}{4}`, `\sqrt{8}` vs `2\sqrt{2}`, `5.0` vs `5`. Only
// expressions made of numbers, + - * / ^, sqrt/nthRoot and pi are evaluated,
// so symbolic answers (`x+1`, intervals with `\infty`) never compare equal by
// accident.

const RELATIVE_TOLERANCE = 1e-6;

/** Removes a `\command{...}` group (balanced braces) wherever it occurs. */
function removeCommandGroups(input: string, commands: readonly string[]): string {
  let s = input;
  for (const command of commands) {
    for (let at = s.indexOf(command); at >= 0; at = s.indexOf(command, at)) {
      let i = at + command.length;
      while (s[i] === " ") i++;
      if (s[i] !== "{") {
        at += command.length;
        continue;
      }
      let end = matchingBrace(s, i);
      if (end < 0) return s;
      // A unit's exponent (`\mbox{ m}^3`) belongs to the unit, not the number.
      if (s[end + 1] === "^") end = s[end + 2] === "{" ? matchingBrace(s, end + 2) : end + 2;
      if (end < 0) return s;
      s = s.slice(0, at) + s.slice(end + 1);
    }
  }
  return s;
}

/** Index of the `}` closing the `{` at `open`, or -1. */
function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === "{") depth++;
    else if (s[i] === "}" && --depth === 0) return i;
  }
  return -1;
}

/** Presentation-only LaTeX that never changes a value. */
function cleanLatex(input: string): string {
  let s = input.trim();
  s = removeCommandGroups(s, ["\\text", "\\mbox", "\\textbf", "\\textrm", "\\mathrm"]);
  s = s
    .replace(/\\(?:left|right|displaystyle)/g, "")
    .replace(/\\!/g, "")
    .replace(/\{,\}/g, ",")
    .replace(/\\[,;: ]/g, " ")
    .replace(/\\[dt]frac/g, "\\frac")
    .replace(/\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|\\circ|°/g, "")
    .replace(/\\?%/g, "")
    .replace(/\\?\$/g, "")
    .trim();
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replaceAll(",", "");
  return s.replace(/\.$/, "").trim();
}

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

const ALLOWED_OPERATORS = new Set(["add", "subtract", "multiply", "divide", "pow", "unaryMinus", "unaryPlus"]);
const ALLOWED_FUNCTIONS = new Set(["sqrt", "nthRoot"]);

/** True when the parsed tree is plain arithmetic on numbers and pi. */
function isArithmetic(node: MathNode): boolean {
  const n = node as MathNode & {
    fn?: { name?: string } | string;
    name?: string;
    args?: MathNode[];
    content?: MathNode;
    value?: unknown;
  };
  switch (n.type) {
    case "ConstantNode":
      return typeof n.value === "number";
    case "SymbolNode":
      return n.name === "pi";
    case "ParenthesisNode":
      return n.content !== undefined && isArithmetic(n.content);
    case "OperatorNode":
      return typeof n.fn === "string" && ALLOWED_OPERATORS.has(n.fn) && (n.args ?? []).every(isArithmetic);
    case "FunctionNode":
      return (
        typeof n.fn === "object" &&
        ALLOWED_FUNCTIONS.has(n.fn.name ?? "") &&
        (n.args ?? []).every(isArithmetic)
      );
    default:
      return false;
  }
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
  const expression = latexToMathjs(latex);
  if (expression === null || expression.trim() === "") return null;
  try {
    const tree = parse(expression);
    if (!isArithmetic(tree)) return null;
    const value: unknown = tree.evaluate();
    return typeof value === "number" && Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
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

/** Splits on commas that are not nested in brackets or braces. */
function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") depth--;
    else if (ch === "," && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts.map((p) => p.trim());
}

/** `(a, b)` → brackets "()" and items; `a, b` → brackets "" and items. */
function asTuple(latex: string): { brackets: string; items: string[] } | null {
  const s = latex.replace(/\\(?:left|right)/g, "").trim();
  const open = s[0] ?? "";
  const close = s[s.length - 1] ?? "";
  const bracketed = "([".includes(open) && ")]".includes(close) && s.length >= 2;
  const body = bracketed ? s.slice(1, -1) : s;
  const items = splitTopLevel(body);
  if (items.length < 2 || items.some((item) => item === "")) return null;
  return { brackets: bracketed ? open + close : "", items };
}

/**
 * Numeric equivalence of two MATH answers: both evaluate to the same number
 * (relative tolerance 1e-6), or both are tuples/lists with the same brackets
 * whose items are pairwise equal (by `itemEqual`, defaulting to numeric).
 *
 * @example
 * import { numericallyEquivalent } from "toolforge";
 * numericallyEquivalent("\\sqrt{8}", "2\\sqrt{2}"); // true
 * numericallyEquivalent("(0.5, 2)", "\\left(\\frac{1}{2}, 2\\right)"); // true
 */
export function numericallyEquivalent(
  a: string,
  b: string,
  itemEqual: (x: string, y: string) => boolean = (x, y) => numericallyEquivalent(x, y),
): boolean {
  const x = evaluateLatexNumber(a);
  const y = evaluateLatexNumber(b);
  if (x !== null && y !== null) return numbersClose(x, y);
  const ta = asTuple(a);
  const tb = asTuple(b);
  if (!ta || !tb || ta.brackets !== tb.brackets || ta.items.length !== tb.items.length) return false;
  return ta.items.every((item, k) => itemEqual(item, tb.items[k] ?? ""));
}
