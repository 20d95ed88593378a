/** A box found in a text: its content and where the box command starts and ends. */
interface FoundBox {
  content: string;
  start: number;
  end: number;
}

const BOX_COMMANDS = ["\\boxed", "\\fbox"] as const;

/** The box whose command starts at `start`, or null when it is not a complete box. */
function readBox(text: string, start: number, command: string): FoundBox | null {
  let i = start + command.length;
  // `\boxedx` is another control word, not a box around `x`.
  if (/[a-zA-Z]/.test(text[i] ?? "")) return null;
  while (text[i] === " ") i++;
  if (text[i] === "$") {
    // `\boxed $5$`: the argument is the inline math that follows.
    const close = text.indexOf("$", i + 1);
    return close < 0 ? null : { content: text.slice(i + 1, close).trim(), start, end: close + 1 };
  }
  if (text[i] !== "{") {
    // `\boxed5`, `\boxed 5`: a single token, as models write it.
    const token = /^[^\s$]+/.exec(text.slice(i))?.[0];
    return token ? { content: token, start, end: i + token.length } : null;
  }
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const ch = text[j];
    if (ch === "\\") {
      j++; // an escaped brace `\{` does not open or close a group
      continue;
    }
    if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) return { content: text.slice(i + 1, j).trim(), start, end: j + 1 };
  }
  return null;
}

function findLastBox(text: string): FoundBox | null {
  let best: FoundBox | null = null;
  for (const command of BOX_COMMANDS) {
    for (let at = text.lastIndexOf(command); at >= 0; at = at === 0 ? -1 : text.lastIndexOf(command, at - 1)) {
      const box = readBox(text, at, command);
      if (box) {
        if (!best || box.start > best.start) best = box;
        break;
      }
    }
  }
  return best;
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
    if (s.length >= 2 && s.startsWith("$") && s.endsWith("$")) s = s.replace(/^\$+|\$+$/g, "").trim();
    if (s.startsWith("\\(") && s.endsWith("\\)")) s = s.slice(2, -2).trim();
    if (s.startsWith("\\[") && s.endsWith("\\]")) s = s.slice(2, -2).trim();
    for (const mark of ["**", "__", "*"]) {
      if (s.length > 2 * mark.length && s.startsWith(mark) && s.endsWith(mark)) s = s.slice(mark.length, -mark.length).trim();
    }
    if (s === before) return s;
  }
}

/** End of the last match of `pattern` in `text`, or -1. */
function lastMarkerEnd(text: string, pattern: RegExp): number {
  let end = -1;
  for (const match of text.matchAll(pattern)) end = match.index + match[0].length;
  return end;
}

/** The rest of the marker's line, or the next non-empty line. */
function lineAfter(text: string, end: number): string {
  return text.slice(end).split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
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
  const markerEnd = lastMarkerEnd(text, FINAL_ANSWER);
  if (markerEnd >= 0 && (!box || markerEnd >= box.end)) {
    return stripWrappers(lineAfter(text, markerEnd).replace(/^(?:\*\*|__)|(?:\*\*|__)$/g, ""));
  }
  if (box) return stripWrappers(box.content);
  const proseEnd = lastMarkerEnd(text, PROSE_ANSWER);
  if (proseEnd >= 0) {
    const answer = stripWrappers(firstSentence(lineAfter(text, proseEnd)));
    if (answer !== "") return answer;
  }
  return stripWrappers(text);
}
