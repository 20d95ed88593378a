/**
 * Content of the last `\boxed{...}` or `\fbox{...}` in `text`, with braces
 * matched as balanced pairs (so `\boxed{\frac{1}{2}}` yields `\frac{1}{2}`).
 * Also accepts the brace-less form `\boxed 5`. Returns `null` when there is
 * no complete box.
 *
 * @example
 * import { extractBoxed } from "toolforge";
 * extractBoxed("so \\boxed{\\frac{1}{2}}."); // "\\frac{1}{2}"
 */
export function extractBoxed(text: string): string | null {
  const start = Math.max(text.lastIndexOf("\\boxed"), text.lastIndexOf("\\fbox"));
  if (start < 0) return null;
  const commandLength = text.startsWith("\\boxed", start) ? "\\boxed".length : "\\fbox".length;
  let i = start + commandLength;
  const afterCommand = i;
  while (text[i] === " ") i++;
  if (text[i] !== "{") {
    // `\boxed 5` (a space, then a single token) appears in some model outputs.
    if (i === afterCommand) return null;
    const token = /^[^\s$]+/.exec(text.slice(i));
    return token ? token[0] : null;
  }
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const ch = text[j];
    if (ch === "\\") {
      j++; // an escaped brace `\{` does not open or close a group
      continue;
    }
    if (ch === "{") depth++;
    else if (ch === "}") {
      depth--;
      if (depth === 0) return text.slice(i + 1, j).trim();
    }
  }
  return null;
}

// Also tolerates `**Final Answer:**`, `final_answer:` and a full-width colon.
const FINAL_ANSWER = /final[ \t_]*answer[ \t]*(?:\*\*|__)?[ \t]*[:\uFF1A][ \t]*(?:\*\*|__)?/gi;

/** Strips math delimiters a model wraps around a bare answer: `$x$`, `\(x\)`, `\[x\]`. */
function stripMathDelimiters(text: string): string {
  let s = text.trim();
  for (;;) {
    const before = s;
    if (s.length >= 2 && s.startsWith("$") && s.endsWith("$")) s = s.replace(/^\$+|\$+$/g, "").trim();
    if (s.startsWith("\\(") && s.endsWith("\\)")) s = s.slice(2, -2).trim();
    if (s.startsWith("\\[") && s.endsWith("\\]")) s = s.slice(2, -2).trim();
    if (s === before) return s;
  }
}

/**
 * The final answer inside a model's reply: the last `\boxed{}`/`\fbox{}`
 * (balanced braces), else the text after the last `FINAL ANSWER:` (to the end
 * of that line), else the whole text. Surrounding `$...$`, `\(...\)` and
 * `\[...\]` delimiters are removed; the result is trimmed.
 *
 * @example
 * import { extractFinalAnswer } from "toolforge";
 * extractFinalAnswer("Work...\nFINAL ANSWER: $42$"); // "42"
 * extractFinalAnswer("\\boxed{7} and later \\boxed{8}"); // "8"
 */
export function extractFinalAnswer(text: string): string {
  const boxed = extractBoxed(text);
  if (boxed !== null) return stripMathDelimiters(boxed);
  let end = -1;
  for (const match of text.matchAll(FINAL_ANSWER)) end = match.index + match[0].length;
  if (end >= 0) {
    // The answer is the rest of the marker's line, or the next non-empty line.
    const line = text.slice(end).split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
    return stripMathDelimiters(line.replace(/^(?:\*\*|__)|(?:\*\*|__)$/g, ""));
  }
  return stripMathDelimiters(text);
}
