import { cleanLatex } from "./latex-clean.js";

// The shapes a MATH answer comes in besides a single expression: a
// multiple-choice letter, a word, an unordered list or set of solutions, an
// ordered tuple / interval / matrix, an equation, a number in a base.

const MAX_ANSWER_LENGTH = 500;
const TEXT_COMMANDS = /\\(?:text|textbf|textrm|textnormal|mathrm|mathbf|mbox)\s*\{([^{}]*)\}/g;

/** `\text{(E)}` → `(E)`: the text commands' content, without the command. */
function unwrapText(answer: string): string {
  return answer.replace(TEXT_COMMANDS, "$1").replace(/\$/g, "").trim();
}

/**
 * Presentation that never changes a MATH answer: a trailing period,
 * Unicode minus, braces around a one-group subscript (`4210_{7}` = `4210_7`)
 * and unit words written without `\text` after a number (`12 square units`).
 */
export function tidyMathAnswer(answer: string): string {
  // Long text is prose, not an answer; the unit pattern below is not meant for it.
  if (answer.length > MAX_ANSWER_LENGTH) return answer.trim();
  return answer
    .trim()
    .replace(/\u2212/g, "-")
    .replace(/_\{\s*([0-9a-zA-Z]+)\s*\}/g, "_$1")
    // The full stop first: `12 square units.` loses its unit words too.
    .replace(/\s*\.$/, "")
    .replace(/^(.*(?:\d|\}|\)|\\pi))\s+(?:[a-zA-Z]{2,}\s*){1,3}(?:\^\{?\d\}?)?$/, "$1");
}

/**
 * The option letter of a multiple-choice answer (`E`, `(E)`, `\text{(E)}`,
 * `\textbf{(E) }25`), or null. With `strict`, only a bare letter counts (for
 * gold answers).
 */
export function choiceLetter(answer: string, strict: boolean): string | null {
  const s = unwrapText(answer);
  const bare = /^\(?([A-E])\)?$/.exec(s)?.[1];
  if (bare || strict) return bare ?? null;
  // `(E)` alone is the bare form above; here it is followed by the option's value.
  return /^\(([A-E])\)\s/.exec(s)?.[1] ?? /^([A-E])[.)](?:\s|$)/.exec(s)?.[1] ?? null;
}

/**
 * A word answer (`\text{even}`, `Thursday`, `LQSX`) in lower case, or null.
 * Two bare letters (`xy`) are a product, not a word.
 */
export function wordAnswer(answer: string): string | null {
  const s = unwrapText(answer).replace(/\s+/g, " ");
  if (!/^[a-zA-Z][a-zA-Z ]*[a-zA-Z]$/.test(s)) return null;
  return s.length >= 3 || /\\(?:text|textbf|textrm|textnormal|mathrm|mbox)\b/.test(answer) ? s.toLowerCase() : null;
}

const NEGATION = /\b(?:not|no|neither|nor|never|cannot)\b|n't\b/i;

/**
 * "The function is even." states the word answer `even`: a sentence that
 * ends with the word and negates nothing. "…is not even" and "neither even
 * nor odd" do not.
 */
export function sentenceEndsWithWord(sentence: string, word: string): boolean {
  // The word alone is no sentence (wordAnswer reads it).
  const s = unwrapText(sentence).replace(/\s*[.!]$/, "").toLowerCase();
  return !NEGATION.test(s) && s.endsWith(` ${word}`);
}

/** Splits on commas that are not nested in brackets or braces. */
export function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (const [i, ch] of s.split("").entries()) {
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

/**
 * The items of an unordered answer — solutions listed with commas or "and"
 * (`1, 3`, `7, -2, \text{ and } -5`) or a set `\{1,3\}` — or null. A number
 * with thousands separators (`14,\!400`) is not a list.
 */
export function unorderedItems(answer: string): string[] | null {
  // Only a `\text{or}` separates solutions; a bare "or" may be prose.
  let s = unwrapText(answer.replace(/\\(?:left|right)/g, "").replace(/\\text\s*\{\s*(?:and|or)\s*\}/g, ","));
  const set = /^\\\{[\s\S]*\\\}$/.test(s);
  if (set) s = s.slice(2, -2);
  // A tuple `(1, 3)` stays one item; `(1, 2), (3, 4)` is a list of two.
  else if (!cleanLatex(s).includes(",") && !/\band\b/.test(s)) return null;
  s = s.replace(/\s(?:and|or)\s/g, ",");
  const items = splitTopLevel(s).filter((item) => item !== "");
  return items.length >= (set ? 1 : 2) ? items : null;
}

/** `(a, b)`, `[a, b)` → its brackets and items; `\begin{pmatrix}…\end{pmatrix}` → rows and entries. */
export function orderedItems(answer: string): { brackets: string; items: string[] } | null {
  const s = answer.replace(/\\(?:left|right)/g, "").trim();
  const matrix = /^\\begin\{([pbv]?matrix)\}([\s\S]*)\\end\{\1\}$/.exec(s);
  if (matrix) {
    const rows = matrix[2].split(/\\\\/).map((row) => row.split("&").map((e) => e.trim()));
    return { brackets: `matrix${rows.length}x${rows[0].length}`, items: rows.flat() };
  }
  // "" passes (every string includes "") but has no items below.
  const open = s.charAt(0);
  const close = s.charAt(s.length - 1);
  if (!"([".includes(open) || !")]".includes(close)) return null;
  const items = splitTopLevel(s.slice(1, -1));
  if (items.length < 2 || items.some((item) => item === "")) return null;
  return { brackets: open + close, items };
}

/** `a+b+c = 5` → ["a+b+c", "5"]; null unless there is exactly one `=`. */
export function equationSides(answer: string): [string, string] | null {
  const sides = answer.split("=");
  return sides.length === 2 ? [sides[0]!.trim(), sides[1]!.trim()] : null;
}

/** `4210_7` → { digits: "4210", base: "7" }, or null. */
export function baseNumber(answer: string): { digits: string; base: string } | null {
  const match = /^([0-9A-Za-z]+)_([0-9]+)$/.exec(answer);
  return match ? { digits: match[1]!, base: match[2]! } : null;
}
