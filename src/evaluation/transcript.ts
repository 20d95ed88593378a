import { contentText } from "../agents/message-text.js";
import { DEFAULTS } from "../defaults.js";
import type { StoredMessage } from "./records.js";
import type { ExecutionRecord, FunctionCallRecord } from "./types.js";

/**
 * Size limits of {@link renderTranscript}.
 *
 * @example
 * import { renderTranscript, type TranscriptOptions } from "toolforge";
 * const opts: TranscriptOptions = { maxChars: 2_000, maxToolOutputChars: 300 };
 * renderTranscript(record, opts);
 */
export interface TranscriptOptions {
  /** Whole transcript (default `DEFAULTS.transcript.maxChars`). */
  maxChars?: number;
  /** One tool output or one model text (default `DEFAULTS.transcript.maxToolOutputChars`). */
  maxToolOutputChars?: number;
}

/**
 * Cuts `text` to `max` characters, ending with `…[truncated N chars]`.
 *
 * @example
 * import { truncateText } from "toolforge";
 * truncateText("abcdefghij", 4); // "abcd…[truncated 6 chars]"
 */
export function truncateText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(0, max))}…[truncated ${text.length - Math.max(0, max)} chars]` : text;
}

/**
 * The compact text the optimizer reads for one task: question, the model's
 * text, every function call with its arguments and result or error (long
 * outputs truncated with a marker), final answer, gold, score and run error.
 * In a team, each AI text and call names the role that made it
 * (`Assistant (researcher): …`, `[call 2] (calculator) add(…)`).
 * Never longer than `maxChars`: when the run is too long its middle is
 * dropped (marked), keeping the question and the outcome.
 *
 * @example
 * import { renderTranscript } from "toolforge";
 * console.log(renderTranscript(record, { maxChars: 2000 }));
 * // ### Task gsm8k-test-0 (score 1)
 * // Question: Janet’s ducks lay 16 eggs per day...
 * // [call 1] egg_income({"eggs":16,...}) 3 ms
 * //   → 18
 * // Final answer: 18 | Gold: 18 | Score: 1
 */
export function renderTranscript(record: ExecutionRecord, opts: TranscriptOptions = {}): string {
  const maxChars = opts.maxChars ?? DEFAULTS.transcript.maxChars;
  const maxOut = opts.maxToolOutputChars ?? DEFAULTS.transcript.maxToolOutputChars;

  const head = [`### Task ${record.taskId} (score ${fmtScore(record.score)})`, `Question: ${truncateText(record.question, Math.floor(maxChars / 3))}`];
  const tail: string[] = [];
  if (record.error) tail.push(`Run error (${record.error.kind}): ${truncateText(record.error.message, maxOut)}`);
  tail.push(`Final answer: ${record.finalAnswer === null ? "(none)" : truncateText(record.finalAnswer, maxOut)} | Gold: ${truncateText(record.gold, maxOut)} | Score: ${fmtScore(record.score)}`);
  if (record.feedback) tail.push(`Feedback: ${truncateText(record.feedback, maxOut)}`);

  const body = bodyLines(record, maxOut);
  // + 1: the body's k lines bring k + 1 newlines, and fitBody counts k.
  const fixed = head.join("\n").length + tail.join("\n").length + 1;
  const text = [...head, ...fitBody(body, maxChars - fixed), ...tail].join("\n");
  // Only when even the question and the outcome do not fit.
  return text.length > maxChars ? truncateText(text, maxChars - 30) : text;
}

// From an "Action" line to the end of the text. Not \b after "action": "_"
// is a word character, and "__Action__" must match.
const REACT_ACTION = /^[ \t]*(?:[-*>#]+[ \t]*)?(?:\*\*|__)?[ \t]*action(?![a-z0-9])[\s\S]*/im;

function bodyLines(record: ExecutionRecord, maxOut: number): string[] {
  const calls = new Map(record.functionCalls.map((c) => [c.id, c]));
  const shown = new Set<string>();
  const lines: string[] = [];
  let n = 0;
  let humans = 0;
  for (const m of record.messages as StoredMessage[]) {
    if (m.type === "human") {
      // The first human turn is the question, already in the header.
      if (humans++ > 0) lines.push(`User: ${truncateText(contentText(m.data.content).trim(), maxOut)}`);
    } else if (m.type === "ai") {
      const toolCalls = (m.data as { tool_calls?: { id?: string }[] }).tool_calls ?? [];
      let text = contentText(m.data.content).trim();
      // A ReAct turn spells its call out as text; the [call] line below says it once.
      if (toolCalls.length) text = text.replace(REACT_ACTION, "").trim();
      const name = (m.data as { name?: unknown }).name;
      const who = typeof name === "string" && name !== "" ? `Assistant (${name})` : "Assistant";
      if (text) lines.push(`${who}: ${truncateText(text, maxOut)}`);
      for (const tc of toolCalls) {
        // Stryker disable next-line ConditionalExpression: no function call record has an undefined id.
        const call = tc.id ? calls.get(tc.id) : undefined;
        if (call) {
          lines.push(...callLines(++n, call, maxOut));
          shown.add(call.id);
        }
      }
    }
  }
  // Calls not tied to a message (e.g. invalid tool calls) still matter.
  for (const call of record.functionCalls) if (!shown.has(call.id)) lines.push(...callLines(++n, call, maxOut));
  return lines;
}

function callLines(n: number, call: FunctionCallRecord, maxOut: number): string[] {
  const args = typeof call.args === "string" ? call.args : JSON.stringify(call.args) ?? "";
  const ms = call.durationMs === undefined ? "" : ` ${Math.round(call.durationMs)} ms`;
  const by = call.role === undefined ? "" : ` (${call.role})`;
  const lines = [`[call ${n}]${by} ${call.name}(${truncateText(args, maxOut)})${ms}`];
  if (call.capabilities) lines.push(`  uses ${capabilityLine(call.capabilities)}`);
  if (call.error) lines.push(`  ✗ ${call.error.kind}: ${truncateText(call.error.message, maxOut)}`);
  else if (call.result !== undefined) lines.push(`  → ${truncateText(call.result, maxOut)}`);
  else lines.push("  (not executed)");
  return lines;
}

// Keeps the start and the end of the run; the middle goes first.
function fitBody(lines: string[], budget: number): string[] {
  const size = (ls: string[]) => ls.reduce((s, l) => s + l.length + 1, 0);
  if (size(lines) <= budget) return lines;
  const marker = (k: number) => `…[${k} lines omitted]…`;
  const headPart: string[] = [];
  const tailPart: string[] = [];
  let used = marker(lines.length).length + 1;
  let i = 0;
  let j = lines.length - 1;
  // Stryker disable next-line EqualityOperator: the lines do not all fit, so the loop breaks before the last one (i === j) could be taken.
  while (i <= j) {
    const takeHead = headPart.length <= tailPart.length;
    const line = takeHead ? lines[i]! : lines[j]!;
    if (used + line.length + 1 > budget) break;
    used += line.length + 1;
    if (takeHead) headPart.push(lines[i++]!);
    else tailPart.unshift(lines[j--]!);
  }
  return [...headPart, marker(j - i + 1), ...tailPart];
}

function fmtScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(2);
}

/** `fetch×2, parse.tables×1 (18.2 kB, 41 ms, 1 refused)`: what a learned function did on the host. */
function capabilityLine(u: NonNullable<FunctionCallRecord["capabilities"]>): string {
  const names = Object.entries(u.byName).map(([k, v]) => `${k}×${v}`).join(", ");
  const refused = u.refused > 0 ? `, ${u.refused} refused` : "";
  return `${names} (${(u.bytes / 1000).toFixed(1)} kB, ${Math.round(u.durationMs)} ms${refused})`;
}
