import { DEFAULTS } from "../defaults.js";
import { renderTranscript } from "../evaluation/index.js";
import type { ExecutionRecord } from "../evaluation/types.js";
import { renderSignatures, type FunctionSpec, type ToolsetFile } from "../functions/index.js";
import { SANDBOX_GUEST_GUIDE } from "../sandbox/guest-guide.js";
import { formatScore, renderStatisticTable } from "./statistic-table.js";
import { renderTeamSection } from "./team-prompt.js";
import type { TeamRole } from "../teams/types.js";
import type { FailedUpdate } from "./types.js";

/**
 * Approximate token count of a text (characters / 4, rounded up) — the
 * estimate the prompt budget uses.
 *
 * @example
 * import { estimateTokens } from "toolforge";
 * console.log(estimateTokens("abcdefgh")); // 2
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * Everything {@link buildOptimizerPrompt} shows.
 *
 * @example
 * import { Toolset, type OptimizerPromptInput } from "toolforge";
 * const input: OptimizerPromptInput = { best: Toolset.empty().toJSON(), bestScore: 0, failures: [], records: [] };
 */
export interface OptimizerPromptInput {
  /** List A: the best toolset so far. */
  best: ToolsetFile;
  bestScore: number;
  /** List B: the incumbent toolset after `actionsUsed` actions (defaults to List A). */
  current?: ToolsetFile;
  actionsUsed?: number;
  /** Rolled-back toolsets with their scores (any order; shown ascending). */
  failures: readonly FailedUpdate[];
  records: readonly ExecutionRecord[];
}

/**
 * Budget and rendering options of {@link buildOptimizerPrompt}.
 *
 * @example
 * import type { OptimizerPromptOptions } from "toolforge";
 * const options: OptimizerPromptOptions = { tokenBudget: 8_000, maxToolOutputChars: 300 };
 */
export interface OptimizerPromptOptions {
  /** Approximate token budget of system + human message; default `DEFAULTS.training.promptTokenBudget`. */
  tokenBudget?: number;
  /** Characters of one tool output in a failed task's transcript; default `DEFAULTS.optimizer.maxToolOutputChars`. */
  maxToolOutputChars?: number;
  /** Characters of one task transcript; default `DEFAULTS.transcript.maxChars`. */
  maxTranscriptChars?: number;
  /** Successful tasks shown as full transcripts (the rest are one-line summaries); default `DEFAULTS.optimizer.maxSuccessTranscripts`. */
  maxSuccessTranscripts?: number;
  /** What guest code may use, shown to the optimizer; default `SANDBOX_GUEST_GUIDE`. */
  sandboxGuide?: string;
  /** The roles of a multi-agent team, shown with their descriptions and functions. */
  team?: readonly TeamRole[];
}

/**
 * The optimizer prompt and what the budget let in.
 *
 * @example
 * import { buildOptimizerPrompt, Toolset } from "toolforge";
 * const p = buildOptimizerPrompt({ best: Toolset.empty().toJSON(), bestScore: 0, failures: [], records: [] });
 * console.log(p.estimatedTokens, p.included.failedOmitted);
 */
export interface OptimizerPrompt {
  system: string;
  human: string;
  /** `estimateTokens(system + human)`. */
  estimatedTokens: number;
  /** Counts of what the histories section holds. */
  included: {
    failedTranscripts: number;
    failedOmitted: number;
    successTranscripts: number;
    successSummaries: number;
    successOmitted: number;
    failuresShown: number;
    failuresOmitted: number;
  };
  /** True when the parts that are never cut (lists, table) alone exceed the budget. */
  overBudget: boolean;
}

const SYSTEM_PROMPT = `You are a function optimizer. Your task is to maintain a list of functions for the assistant according to the existing function set and the conversation histories between the assistant and the user.

You can perform one of the following four actions to manipulate the function set, using the tools you have:
1. Revise one existing function (revise_function).
2. Remove one existing function (remove_function).
3. Add one new function (add_function).
4. Call terminate (or reply "TERMINATE") if no more actions are needed for the current function set.

Principles for these actions:
(1) Revise one existing function: pay most attention to the failed tasks and their error information, and fix the functions used in them. A failed function call can come from wrong input arguments or from a wrong implementation; focus on the implementation and make calls easy to get right. Do not revise a function that works well and plays a critical role in solving the problems. If a function is called with a name that does not exist, make the names consistent.
(2) Remove one existing function: only remove a function that is not needed anymore in future tasks.
(3) Add one new function: it must be general enough to be used in future tasks — solve a higher-level question that encompasses the original query, replace specific values with arguments, and make it widely applicable. All values used inside the function should be passed in as arguments.
(4) Terminate: only if the current list is optimal and more actions would harm performance in future tasks.

Each function has five elements: a name, a description, the JSON Schema of its single object argument, the packages it uses, and its JavaScript code.

How to write a function: a plain JavaScript script (no import/export) that defines a top-level function with exactly the function's name, taking ONE object argument that matches its JSON Schema, e.g. \`function area({ width, height }) { return width * height; }\`. Throw an Error with a clear message for bad input; the assistant sees the message.

Every action you send is validated before it is applied; a rejected action is answered with the reason, so you can correct it.`;

const FINAL_INSTRUCTION = `According to the information above, take one action to manipulate List B using the tools you have. Instead of terminating directly or taking no action, try your best to optimize the function set; only terminate if you really think the current list is optimal, as more actions could harm performance in future tasks. Even adding a general function that replaces code the assistant repeatedly writes with the same functionality could help.`;

const isFailed = (r: ExecutionRecord) => r.score < 1;

function countCalls(record: ExecutionRecord): string {
  const counts = new Map<string, number>();
  for (const call of record.functionCalls) counts.set(call.name, (counts.get(call.name) ?? 0) + 1);
  if (counts.size === 0) return "no function calls";
  return `called ${[...counts].map(([n, c]) => (c > 1 ? `${n}×${c}` : n)).join(", ")}`;
}

function summariseSuccess(record: ExecutionRecord): string {
  const answer = record.finalAnswer === null ? "(none)" : JSON.stringify(record.finalAnswer.slice(0, 60));
  return `- ${record.taskId}: solved (score ${formatScore(record.score)}); ${countCalls(record)}; answer ${answer}`;
}

function signatures(toolset: ToolsetFile): string {
  return renderSignatures(toolset.functions as readonly FunctionSpec[]);
}

/**
 * Builds the AgentOptimizer prompt of App. D.1, adapted to JavaScript, within
 * a token budget (characters / 4) whatever the number of tasks:
 * List A with its score, List B after k actions, the rolled-back sets in
 * ascending order of score, the histories — failed tasks first (long tool
 * outputs truncated), then a few successful transcripts, then one-line
 * summaries of the other successes — and the per-task statistic table,
 * which is always complete. Lists and table are never cut; if they alone
 * exceed the budget, `overBudget` is set and no history is included.
 * Lowest-scoring rolled-back sets are dropped first when they would take
 * more than a quarter of the room left (all of it when there are no records).
 *
 * @example
 * import { buildOptimizerPrompt, Toolset } from "toolforge";
 * const prompt = buildOptimizerPrompt({ best: Toolset.empty().toJSON(), bestScore: 0, failures: [], records: [] });
 * console.log(prompt.human.includes("List A")); // true
 */
export function buildOptimizerPrompt(input: OptimizerPromptInput, options: OptimizerPromptOptions = {}): OptimizerPrompt {
  const budgetChars = (options.tokenBudget ?? DEFAULTS.training.promptTokenBudget) * 4;
  const maxToolOutputChars = options.maxToolOutputChars ?? DEFAULTS.optimizer.maxToolOutputChars;
  const maxTranscriptChars = options.maxTranscriptChars ?? DEFAULTS.transcript.maxChars;
  const maxSuccessTranscripts = options.maxSuccessTranscripts ?? DEFAULTS.optimizer.maxSuccessTranscripts;
  const system = `${SYSTEM_PROMPT}\n\nThe sandbox the functions run in:\n${(options.sandboxGuide ?? SANDBOX_GUEST_GUIDE).trim()}`;

  const records = input.records;
  const current = input.current ?? input.best;
  const actionsUsed = input.actionsUsed ?? 0;
  const solved = records.filter((r) => !isFailed(r)).length;

  const listA = [
    "## List A — the best function set so far",
    signatures(input.best),
    `The success rate (performance) with this function set is ${input.bestScore.toFixed(3)}` +
      (records.length > 0 ? ` (${solved} of ${records.length} tasks solved).` : "."),
  ].join("\n");
  const listB =
    actionsUsed === 0 && current === input.best
      ? `## List B — the function set after 0 actions\nList B is the same as List A: you start from List A.`
      : [`## List B — the function set after ${actionsUsed} action(s)`, signatures(current)].join("\n");
  const table = [
    "## Statistic",
    `The following table shows, for each of the ${records.length} tasks, whether it was solved: 1 = correct, 0 = wrong (values in between are partial scores).`,
    "```",
    renderStatisticTable(records),
    "```",
  ].join("\n");
  const teamSection = renderTeamSection(options.team, current);
  const fixed = [system, listA, listB, teamSection, table, FINAL_INSTRUCTION].join("\n\n");
  let remaining = budgetChars - fixed.length - 200; // section headings and separators
  const overBudget = remaining < 0;

  // Rolled-back sets: ascending by score, at most a quarter of the room left when there are histories to show.
  const sortedFailures = [...input.failures].sort((a, b) => a.score - b.score);
  const failureBlocks = sortedFailures.map(
    (f) => `### Success rate ${f.score.toFixed(3)}\n${signatures(f.toolset)}`,
  );
  let failureRoom = Math.max(0, records.length > 0 ? Math.floor(remaining / 4) : remaining);
  const keptFailures: string[] = [];
  // Keep the best-scoring ones: walk from the top score down, then restore ascending order.
  for (let i = failureBlocks.length - 1; i >= 0; i--) {
    const block = failureBlocks[i]!;
    if (block.length + 2 > failureRoom) break;
    failureRoom -= block.length + 2;
    keptFailures.unshift(block);
  }
  const failuresOmitted = failureBlocks.length - keptFailures.length;
  const failuresSection =
    failureBlocks.length === 0
      ? ""
      : [
          "## Rolled-back function sets",
          "These function sets were tried and rolled back because they did not improve the success rate. They are arranged in ascending order of success rate; higher means better.",
          ...(failuresOmitted > 0 ? [`(${failuresOmitted} lower-scoring set(s) omitted for length.)`] : []),
          ...keptFailures,
        ].join("\n\n");
  remaining -= failuresSection.length;

  // Histories: failed tasks first, then a few successful transcripts, then one-line summaries.
  const failed = records.filter(isFailed);
  const succeeded = records.filter((r) => !isFailed(r));
  const history: string[] = [];
  const take = (text: string): boolean => {
    if (text.length + 2 > remaining) return false;
    remaining -= text.length + 2;
    history.push(text);
    return true;
  };
  let failedTranscripts = 0;
  for (const record of failed) {
    const room = Math.min(maxTranscriptChars, remaining - 2);
    if (room < 300) break; // too little left for a useful transcript
    if (!take(renderTranscript(record, { maxChars: room, maxToolOutputChars }))) break;
    failedTranscripts++;
  }
  let successTranscripts = 0;
  if (failedTranscripts === failed.length) {
    for (const record of succeeded.slice(0, maxSuccessTranscripts)) {
      const room = Math.min(maxTranscriptChars, remaining - 2);
      if (room < 300) break;
      if (!take(renderTranscript(record, { maxChars: room, maxToolOutputChars }))) break;
      successTranscripts++;
    }
  }
  let successSummaries = 0;
  const summarised = succeeded.slice(successTranscripts);
  const summaryLines = ["### Other solved tasks (summarised)"];
  let summaryRoom = remaining - summaryLines[0]!.length - 2;
  for (const record of summarised) {
    const line = summariseSuccess(record);
    if (line.length + 1 > summaryRoom) break;
    summaryRoom -= line.length + 1;
    summaryLines.push(line);
    successSummaries++;
  }
  if (successSummaries > 0) take(summaryLines.join("\n"));
  const failedOmitted = failed.length - failedTranscripts;
  const successOmitted = succeeded.length - successTranscripts - successSummaries;
  const shown = failedTranscripts + successTranscripts + successSummaries;
  const omittedNote =
    failedOmitted + successOmitted > 0
      ? ` ${failedOmitted} failed and ${successOmitted} solved task(s) are not shown for length; the statistic table lists all tasks.`
      : "";
  const historySection = [
    `## Histories\nHere are ${shown} of the ${records.length} conversation histories of solving tasks, failed tasks first.${omittedNote}`,
    ...history,
  ].join("\n\n");

  const human = [listA, listB, teamSection, failuresSection, historySection, table, FINAL_INSTRUCTION].filter((s) => s !== "").join("\n\n");
  return {
    system,
    human,
    estimatedTokens: estimateTokens(system) + estimateTokens(human),
    included: {
      failedTranscripts,
      failedOmitted,
      successTranscripts,
      successSummaries,
      successOmitted,
      failuresShown: keptFailures.length,
      failuresOmitted,
    },
    overBudget,
  };
}
