// A small parser for the arithmetic LaTeX that MATH answers are written in:
// numbers, single-letter variables, `i`, `\pi`, + − · × ÷ /, implicit
// products, `^`, `\frac`, `\sqrt[n]{}` and brackets. Anything else (functions,
// `\infty`, `!`, relations, lists) makes it give up, so callers fall back to
// string comparison instead of guessing.

/**
 * A parsed arithmetic expression, as `parseLatexExpression` returns it.
 *
 * @example
 * import { parseLatexExpression, type LatexNode } from "toolforge";
 * const tree: LatexNode | null = parseLatexExpression("2x+1");
 * tree?.kind; // "sum"
 */
export type LatexNode =
  | { kind: "number"; literal: string }
  | { kind: "symbol"; name: string }
  | { kind: "sum"; terms: { negative: boolean; node: LatexNode }[] }
  | { kind: "product"; factors: { divide: boolean; node: LatexNode }[] }
  | { kind: "power"; base: LatexNode; exponent: LatexNode }
  | { kind: "root"; radicand: LatexNode; index: LatexNode | null }
  | { kind: "group"; inner: LatexNode };

class ParseFailure extends Error {}

const SYMBOL_COMMANDS = new Set(["\\pi"]);
const TIMES_COMMANDS = new Set(["\\cdot", "\\times", "\\ast"]);
const FRAC_COMMANDS = new Set(["\\frac", "\\dfrac", "\\tfrac", "\\cfrac"]);
const IGNORED_COMMANDS = new Set(["\\left", "\\right", "\\displaystyle", "\\big", "\\Big"]);
const OPENERS: Record<string, string> = { "(": ")", "{": "}", "[": "]" };

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parseAll(): LatexNode {
    const node = this.sum();
    this.skipSpace();
    // Stryker disable next-line StringLiteral: a ParseFailure message never leaves parseLatexExpression
    if (this.i < this.s.length) throw new ParseFailure(`unexpected "${this.s[this.i]}"`);
    return node;
  }

  private skipSpace(): void {
    for (;;) {
      while (this.s[this.i] === " ") this.i++;
      const command = this.peekCommand();
      if (command && IGNORED_COMMANDS.has(command)) this.i += command.length;
      else return;
    }
  }

  private peekCommand(): string | null {
    return /^\\[a-zA-Z]+/.exec(this.s.slice(this.i))?.[0] ?? null;
  }

  private peek(): string {
    this.skipSpace();
    return this.s[this.i] ?? "";
  }

  private sum(): LatexNode {
    const terms: { negative: boolean; node: LatexNode }[] = [];
    let negative = false;
    // A leading "+" is left to signed(), which drops it.
    if (this.peek() === "-") {
      this.i++;
      negative = true;
    }
    terms.push({ negative, node: this.product() });
    while (this.peek() === "+" || this.peek() === "-") {
      negative = this.s[this.i++] === "-";
      terms.push({ negative, node: this.product() });
    }
    return terms.length === 1 && !terms[0]!.negative ? terms[0]!.node : { kind: "sum", terms };
  }

  private startsFactor(): boolean {
    const ch = this.peek();
    if (/[0-9.a-zA-Z]/.test(ch) || ch in OPENERS) return true;
    const command = this.peekCommand();
    return command !== null && (SYMBOL_COMMANDS.has(command) || FRAC_COMMANDS.has(command) || command === "\\sqrt");
  }

  private product(): LatexNode {
    const factors: { divide: boolean; node: LatexNode }[] = [{ divide: false, node: this.signed() }];
    for (;;) {
      const ch = this.peek();
      const command = this.peekCommand();
      if (ch === "*" || ch === "/") {
        this.i++;
        factors.push({ divide: ch === "/", node: this.signed() });
      } else if (command && (TIMES_COMMANDS.has(command) || command === "\\div")) {
        this.i += command.length;
        factors.push({ divide: command === "\\div", node: this.signed() });
      } else if (this.startsFactor()) {
        const previous = factors[factors.length - 1]!.node;
        // "2 3" or "2 .5" is never a product a person writes.
        // Stryker disable next-line StringLiteral: a ParseFailure message never leaves parseLatexExpression
        if (previous.kind === "number" && /[0-9.]/.test(this.peek())) throw new ParseFailure("adjacent numbers");
        factors.push({ divide: false, node: this.power() });
      } else {
        break;
      }
    }
    return factors.length === 1 ? factors[0]!.node : { kind: "product", factors };
  }

  private signed(): LatexNode {
    const ch = this.peek();
    if (ch === "-" || ch === "+") {
      this.i++;
      const node = this.signed();
      return ch === "-" ? { kind: "sum", terms: [{ negative: true, node }] } : node;
    }
    return this.power();
  }

  private power(): LatexNode {
    const base = this.atom();
    if (this.peek() !== "^") return base;
    this.i++;
    const exponent = this.argument();
    return { kind: "power", base, exponent };
  }

  /** A macro argument or exponent: a braced group, or one character / command. */
  private argument(): LatexNode {
    const ch = this.peek();
    if (ch === "-") {
      this.i++;
      return { kind: "sum", terms: [{ negative: true, node: this.argument() }] };
    }
    if (/[0-9]/.test(ch)) {
      this.i++;
      return { kind: "number", literal: ch };
    }
    return this.atom();
  }

  private atom(): LatexNode {
    const ch = this.peek();
    if (ch in OPENERS) {
      this.i++;
      const inner = this.sum();
      // Stryker disable next-line StringLiteral: a ParseFailure message never leaves parseLatexExpression
      if (this.peek() !== OPENERS[ch]) throw new ParseFailure(`unclosed "${ch}"`);
      this.i++;
      // A braced group is LaTeX grouping; brackets are written parentheses.
      return ch === "{" ? inner : { kind: "group", inner };
    }
    const number = /^(?:\d+(?:\.\d+)?|\.\d+)/.exec(this.s.slice(this.i))?.[0];
    if (number) {
      this.i += number.length;
      return this.mixedNumber(number) ?? { kind: "number", literal: number.startsWith(".") ? `0${number}` : number };
    }
    if (/[a-zA-Z]/.test(ch)) {
      this.i++;
      return { kind: "symbol", name: ch };
    }
    const command = this.peekCommand();
    // Stryker disable next-line StringLiteral: a ParseFailure message never leaves parseLatexExpression
    if (command === null) throw new ParseFailure(`unexpected "${ch}"`);
    this.i += command.length;
    if (SYMBOL_COMMANDS.has(command)) return { kind: "symbol", name: command };
    if (FRAC_COMMANDS.has(command)) {
      const numerator = this.argument();
      const denominator = this.argument();
      return { kind: "product", factors: [{ divide: false, node: numerator }, { divide: true, node: denominator }] };
    }
    if (command === "\\sqrt") {
      let index: LatexNode | null = null;
      if (this.peek() === "[") {
        this.i++;
        index = this.sum();
        // Stryker disable next-line StringLiteral: a ParseFailure message never leaves parseLatexExpression
        if (this.peek() !== "]") throw new ParseFailure("unclosed root index");
        this.i++;
      }
      return { kind: "root", radicand: this.argument(), index };
    }
    // Stryker disable next-line StringLiteral: a ParseFailure message never leaves parseLatexExpression
    throw new ParseFailure(`unsupported ${command}`);
  }

  /** `6\frac15` is the mixed number 6 + 1/5, not a product. */
  private mixedNumber(whole: string): LatexNode | null {
    if (!/^\d+$/.test(whole)) return null;
    const save = this.i;
    const command = this.peekCommand();
    if (command === null || !FRAC_COMMANDS.has(command)) return null;
    this.i += command.length;
    const numerator = this.argument();
    const denominator = this.argument();
    if (
      numerator.kind === "number" &&
      denominator.kind === "number" &&
      /^\d+$/.test(numerator.literal + denominator.literal) &&
      BigInt(numerator.literal) < BigInt(denominator.literal) &&
      !this.startsFactor()
    ) {
      const fraction: LatexNode = {
        kind: "product",
        factors: [
          { divide: false, node: numerator },
          { divide: true, node: denominator },
        ],
      };
      return { kind: "group", inner: { kind: "sum", terms: [{ negative: false, node: { kind: "number", literal: whole } }, { negative: false, node: fraction }] } };
    }
    this.i = save;
    return null;
  }
}

/** Unicode operators and spacing macros that models use in place of ASCII. */
function prepare(latex: string): string {
  return latex
    .replace(/\u2212/g, "-")
    .replace(/[\u00d7\u22c5\u00b7]/g, "*")
    .replace(/\u03c0/g, "\\pi ")
    .replace(/\\[,;:! ]|\\quad|~/g, " ")
    .trim();
}

/**
 * Parses arithmetic LaTeX into a tree, or returns `null` for anything outside
 * the supported subset (functions, `\infty`, relations, lists, `!`, nesting
 * too deep for the call stack).
 *
 * @example
 * import { parseLatexExpression } from "toolforge";
 * parseLatexExpression("6\\frac15")?.kind; // "group" (a mixed number)
 * parseLatexExpression("\\sin x"); // null
 */
export function parseLatexExpression(latex: string): LatexNode | null {
  try {
    // An empty source fails in atom() like any other missing operand.
    return new Parser(prepare(latex)).parseAll();
  } catch (error) {
    // A RangeError is the call stack running out: an answer nested thousands
    // deep is outside the supported subset too, not a crash of the scorer.
    if (error instanceof ParseFailure || error instanceof RangeError) return null;
    throw error;
  }
}

/** Does the tree contain a bracketed sum that is multiplied or raised to a power (a factored form)? */
export function isFactoredForm(node: LatexNode): boolean {
  const sumInside = (n: LatexNode): boolean => n.kind === "group" && n.inner.kind === "sum";
  switch (node.kind) {
    case "sum":
      return node.terms.some((t) => isFactoredForm(t.node));
    case "product":
      return node.factors.some((f) => (!f.divide && sumInside(f.node)) || isFactoredForm(f.node));
    case "power":
      return sumInside(node.base) || isFactoredForm(node.base);
    case "group":
      return isFactoredForm(node.inner);
    default:
      return false;
  }
}

/** Does the tree contain a decimal literal (`0.5`, `3.14`)? */
export function hasDecimalLiteral(node: LatexNode): boolean {
  switch (node.kind) {
    case "number":
      return node.literal.includes(".");
    case "sum":
      return node.terms.some((t) => hasDecimalLiteral(t.node));
    case "product":
      return node.factors.some((f) => hasDecimalLiteral(f.node));
    case "power":
      return hasDecimalLiteral(node.base) || hasDecimalLiteral(node.exponent);
    case "root":
      return hasDecimalLiteral(node.radicand) || (node.index !== null && hasDecimalLiteral(node.index));
    case "group":
      return hasDecimalLiteral(node.inner);
    default:
      return false;
  }
}
