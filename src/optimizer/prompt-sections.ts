// The budgeted sections of the optimizer prompt (buildOptimizerPrompt):
// each is rendered within a token allowance it is given, so their arithmetic
// is tested here directly rather than through a whole prompt.
import { renderTranscript } from "../evaluation/index.js";
import type { ExecutionRecord } from "../evaluation/types.js";
import { renderSignatures, type FunctionSpec, type ToolsetFile } from "../functions/index.js";
import { countTokens } from "./count-tokens.js";
import { formatScore, renderStatisticTable, summariseStatisticTable, type PreviousScores } from "./statistic-table.js";
import type { FailedUpdate } from "./types.js";

/** Transcripts shorter than this (characters) are not worth showing. */
export const MIN_TRANSCRIPT_CHARS = 300;

/** A toolset's functions as the prompt shows them. */
export function signatures(toolset: ToolsetFile): string {
  return renderSignatures(toolset.functions as readonly FunctionSpec[]);
}

/**
 * A token allowance that sections draw from.
 *
 * @example
 * const room = new Room(100);
 * room.take("some text"); // true: room.left is now 100 - (tokens of the text + 1)
 */
export class Room {
  constructor(public left: number) {}
  /** Takes `text` (plus one token for its separator) if it fits. */
  take(text: string): boolean {
    const cost = countTokens(text) + 1;
    if (cost > this.left) return false;
    this.left -= cost;
    return true;
  }
}

function countCalls(record: ExecutionRecord): string {
  const counts = new Map<string, number>();
  for (const call of record.functionCalls) counts.set(call.name, (counts.get(call.name) ?? 0) + 1);
  if (counts.size === 0) return "no function calls";
  return `called ${[...counts].map(([n, c]) => (c > 1 ? `${n}×${c}` : n)).join(", ")}`;
}

/**
 * One line standing for a solved task whose transcript is not shown.
 *
 * @example
 * successSummary(record); // '- t1: solved (score 1); called double×2, half; answer "42"'
 */
export function successSummary(record: ExecutionRecord): string {
  const answer = record.finalAnswer === null ? "(none)" : JSON.stringify(record.finalAnswer.slice(0, 60));
  return `- ${record.taskId}: solved (score ${formatScore(record.score)}); ${countCalls(record)}; answer ${answer}`;
}

/**
 * The statistic table within `maxTokens`: one row per task when it fits,
 * else the counts per outcome and the rows that fit (failed and changed
 * tasks first).
 *
 * @example
 * const { text, rows, summarised } = statisticSection(records, undefined, 2_000);
 */
export function statisticSection(records: readonly ExecutionRecord[], previous: PreviousScores | undefined, maxTokens: number) {
  const heading = "## Statistic";
  const legend = `The following table shows, for each of the ${records.length} tasks, whether it was solved: 1 = correct, 0 = wrong (values in between are partial scores).`;
  const fence = (body: string) => ["```", body, "```"].join("\n");
  const full = renderStatisticTable(records, previous);
  // A table far longer in characters than the allowance cannot fit; skip counting its tokens.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: only saves counting the tokens of a table that cannot fit
  if (full.length <= maxTokens * 8) {
    const text = [heading, legend, fence(full)].join("\n");
    if (countTokens(text) <= maxTokens) return { text, rows: records.length, summarised: false };
  }
  const intro = `${heading}\nThere are too many tasks (${records.length}) for one row each; here are the counts and the rows that fit (1 = correct, 0 = wrong, values in between are partial scores).`;
  const summary = summariseStatisticTable(records, { maxTokens: maxTokens - countTokens(intro) - 8, ...(previous ? { previous } : {}) });
  return { text: [intro, fence(summary.text)].join("\n"), rows: summary.rowsListed, summarised: true };
}

/**
 * The rolled-back sets within `maxTokens`, in ascending order of score; the
 * lowest-scoring ones are left out first.
 *
 * @example
 * const { text, shown, omitted } = failuresSection(failures, 1_500);
 */
export function failuresSection(failures: readonly FailedUpdate[], maxTokens: number) {
  if (failures.length === 0) return { text: "", shown: 0, omitted: 0 };
  const blocks = [...failures].sort((a, b) => a.score - b.score).map((f) => `### Success rate ${f.score.toFixed(3)}\n${signatures(f.toolset)}`);
  const room = new Room(maxTokens - 80); // heading and the omission note
  const kept: string[] = [];
  // Keep the best-scoring ones: walk from the top score down, then restore ascending order.
  for (let i = blocks.length - 1; i >= 0 && room.take(blocks[i]!); i--) kept.unshift(blocks[i]!);
  const omitted = blocks.length - kept.length;
  const text = [
    "## Rolled-back function sets",
    "These function sets were tried and rolled back because they did not improve the success rate. They are arranged in ascending order of success rate; higher means better.",
    ...(omitted > 0 ? [`(${omitted} lower-scoring set(s) omitted for length.)`] : []),
    ...kept,
  ].join("\n\n");
  return { text, shown: kept.length, omitted };
}

/**
 * Renders a transcript within what is left of `room` (taking it from the
 * room), shortening it up to twice if a rendering is too long; `null` when
 * no rendering of at least {@link MIN_TRANSCRIPT_CHARS} characters fits.
 *
 * @example
 * const text = fitTranscript(record, new Room(1_000), { maxChars: 8_000, maxToolOutputChars: 500 });
 */
export function fitTranscript(record: ExecutionRecord, room: Room, limits: { maxChars: number; maxToolOutputChars: number }): string | null {
  let maxChars = Math.min(limits.maxChars, room.left * 4);
  for (let attempt = 0; attempt < 3 && maxChars >= MIN_TRANSCRIPT_CHARS; attempt++) {
    const text = renderTranscript(record, { maxChars, maxToolOutputChars: limits.maxToolOutputChars });
    if (room.take(text)) return text;
    maxChars = Math.floor((maxChars * room.left) / (countTokens(text) + 1) * 0.9);
  }
  return null;
}
