/** A box found in a text: its content and where the box command starts and ends. */
interface FoundBox {
  content: string;
  start: number;
  end: number;
}

/** The box whose command starts at `start`, or null when it is not a complete box. */
function readBox(text: string, start: number, command: string): FoundBox | null {
  let i = start + command.length;
  // `\boxedx` is another control word, not a box around `x`.
  if (/[a-zA-Z]/.test(text.charAt(i))) return null;
  // As in TeX, blanks (a line break too) may separate the command from its argument.
  while (/\s/.test(text.charAt(i))) i++;
  if (text[i] === "$") {
    // `\boxed $5$`: the argument is the inline math that follows.
    const close = text.indexOf("$", i + 1);
    // Stryker disable next-line EqualityOperator: indexOf from i + 1 is never 0
    if (close < 0) return null;
    const content = text.slice(i + 1, close).trim();
    // Stryker disable next-line ArithmeticOperator: `end` only decides against a marker starting at the closing `$` or the character before it, and no marker can
    return { content, start, end: close + 1 };
  }
  if (text[i] !== "{") {
    // `\boxed5`, `\boxed 5`: a single token, as models write it.
    const token = text.slice(i).split(/[\s$]/)[0];
    return token ? { content: token, start, end: i + token.length } : null;
  }
  let depth = 0;
  // Stryker disable next-line EqualityOperator: text[text.length] is undefined, which neither opens nor closes a group
  for (let j = i; j < text.length; j++) {
    const ch = text[j];
    if (ch === "\\") {
      j++; // an escaped brace `\{` does not open or close a group
      continue;
    }
    if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) {
      const content = text.slice(i + 1, j).trim();
      // Stryker disable next-line ArithmeticOperator: `end` only decides against a marker starting at the closing brace or the character before it, and no marker can
      return { content, start, end: j + 1 };
    }
  }
  return null;
}

/** The last complete box: commands are tried from the last one back. */
function findLastBox(text: string): FoundBox | null {
  for (const command of [...text.matchAll(/\\(?:boxed|fbox)/g)].reverse()) {
    const box = readBox(text, command.index, command[0]);
    if (box) return box;
  }
  return null;
}

/**
 * Content of the last `\boxed{...}` or `\fbox{...}` in `text`, with braces
 * matched as balanced pairs (so `\boxed{\frac{1}{2}}` yields `\frac{1}{2}`)
 * and escaped braces `\{` `\}` kept as content. Also accepts the brace-less
 * forms `\boxed5`, `\boxed 5` and `\boxed $5$`. Returns `null` when there is
 * no complete box.
 *
 * @example
 * import { extractBoxed } from "toolforge";
 * extractBoxed("so \\boxed{\\frac{1}{2}}."); // "\\frac{1}{2}"
 * extractBoxed("\\boxed{ 5 }"); // "5"
 */
export function extractBoxed(text: string): string | null {
  return findLastBox(text)?.content ?? null;
}

// Also tolerates `**Final Answer:**`, `final_answer:`, a full-width colon, a
// `### Final Answer` heading line, and GSM8K's `#### 18` — but not a markdown
// heading `#### Step 2`.
const FINAL_ANSWER =
  /(?:final[ \t_]*answer[ \t]*(?:\*\*|__)?[ \t]*[:\uFF1A]|^[ \t]*(?:#+[ \t]*)?(?:\*\*|__)?final[ \t_]*answer(?:\*\*|__)?[ \t]*$|^[ \t]*####(?=[ \t]*[-$\d.]))[ \t]*(?:\*\*|__)?/gim;
// "The answer is 45." / "Answer: 45" when a reply has no box and no FINAL ANSWER line.
const PROSE_ANSWER = /(?:\banswer\s+is\b(?:\s*:)?|^[ \t]*(?:\*\*|__)?answer(?:\*\*|__)?[ \t]*:(?:\*\*|__)?)[ \t]*/gim;

/** Strips math delimiters and markdown emphasis a model wraps around a bare answer. */
function stripWrappers(text: string): string {
  let s = text.trim();
  for (;;) {
    const before = s;
    // One math span only: `$1$, $3$` keeps its dollar signs paired.
    const math = /^\$+([^$]*)\$+$/.exec(s);
    if (math) s = math[1].trim();
    if (s.startsWith("\\(") && s.endsWith("\\)")) s = s.slice(2, -2).trim();
    if (s.startsWith("\\[") && s.endsWith("\\]")) s = s.slice(2, -2).trim();
    for (const mark of ["**", "__", "*"]) {
      if (s.length > 2 * mark.length && s.startsWith(mark) && s.endsWith(mark)) s = s.slice(mark.length, -mark.length).trim();
    }
    if (s === before) return s;
  }
}

/** The last match of `pattern` in `text`. */
function lastMatch(text: string, pattern: RegExp): RegExpExecArray | undefined {
  let last: RegExpExecArray | undefined;
  for (const match of text.matchAll(pattern)) last = match;
  return last;
}

/** The rest of the marker's line, or the next non-empty line. */
function lineAfter(text: string, marker: RegExpExecArray): string {
  return text.slice(marker.index + marker[0].length).split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
}

/** "45. Hope this helps." → "45": a prose answer ends at its sentence's full stop. */
function firstSentence(text: string): string {
  const stop = /\.(?:\s|$)/.exec(text);
  return stop ? text.slice(0, stop.index) : text;
}

/**
 * The final answer inside a model's reply: whichever comes last of the last
 * `\boxed{}`/`\fbox{}` (balanced braces) and the last `FINAL ANSWER:` (or
 * `####`) line — the reply's final statement wins; else a prose statement
 * ("The answer is 45.", "Answer: 45"); else the whole text. Surrounding
 * `$...$`, `\(...\)`, `\[...\]` and markdown `**` emphasis are removed; the
 * result is trimmed.
 *
 * @example
 * import { extractFinalAnswer } from "toolforge";
 * extractFinalAnswer("Work...\nFINAL ANSWER: $42$"); // "42"
 * extractFinalAnswer("\\boxed{7} and later \\boxed{8}"); // "8"
 * extractFinalAnswer("First \\boxed{7}.\nFINAL ANSWER: 9"); // "9"
 * extractFinalAnswer("The answer is 45."); // "45"
 */
export function extractFinalAnswer(text: string): string {
  const box = findLastBox(text);
  const marker = lastMatch(text, FINAL_ANSWER);
  // A marker written inside the box belongs to the box.
  if (marker && (!box || marker.index >= box.end)) {
    return stripWrappers(lineAfter(text, marker).replace(/^(?:\*\*|__)|(?:\*\*|__)$/g, ""));
  }
  if (box) return stripWrappers(box.content);
  const prose = lastMatch(text, PROSE_ANSWER);
  if (prose) {
    const answer = stripWrappers(firstSentence(lineAfter(text, prose)));
    if (answer !== "") return answer;
  }
  return stripWrappers(text);
}
