import { DEFAULTS } from "../defaults.js";
import type { ExecutionRecord } from "../evaluation/types.js";
import type { ToolsetFile } from "../functions/index.js";
import { capabilityGuide } from "../capabilities/capability-guide.js";
import type { ResolvedCapabilityPolicy } from "../capabilities/capability-policy.js";
import { SANDBOX_GUEST_GUIDE } from "../sandbox/guest-guide.js";
import { ACTION_TOOLS, ONE_STEP_TOOLS, type ActionToolDefinition } from "./action-tools.js";
import { countTokens } from "./count-tokens.js";
import { renderListB } from "./list-b.js";
import { finalInstruction, systemPromptText, type PromptMode } from "./prompt-text.js";
import { failuresSection, fitTranscript, Room, signatures, statisticSection, successSummary } from "./prompt-sections.js";
import type { PreviousScores } from "./statistic-table.js";
import { renderTeamSection } from "./team-prompt.js";
import type { TeamRole } from "../teams/types.js";
import type { FailedUpdate } from "./types.js";

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
  /** Scores of the previous best set by task id: tasks whose score changed are marked and listed early. */
  previousScores?: PreviousScores;
  /** `"progressive"` (App. D.1, default) or `"one-step"` (the whole set in one reply, Table 3's baseline). */
  mode?: PromptMode;
}

/**
 * Budget and rendering options of {@link buildOptimizerPrompt}.
 *
 * @example
 * import type { OptimizerPromptOptions } from "toolforge";
 * const options: OptimizerPromptOptions = { tokenBudget: 8_000, maxToolOutputChars: 300 };
 */
export interface OptimizerPromptOptions {
  /** Token budget (`countTokens`) of the whole request: tool definitions, system and human message, `reservedTokens`; default `DEFAULTS.training.promptTokenBudget`. */
  tokenBudget?: number;
  /** Tokens of the request outside these parts (e.g. the optimizer's conversation so far in this step); default 0. */
  reservedTokens?: number;
  /** Tool definitions sent with the request (counted in the budget); default: the tools of `input.mode`. */
  tools?: readonly ActionToolDefinition[];
  /** Characters of one tool output in a failed task's transcript; default `DEFAULTS.optimizer.maxToolOutputChars`. */
  maxToolOutputChars?: number;
  /** Characters of one task transcript; default `DEFAULTS.transcript.maxChars`. */
  maxTranscriptChars?: number;
  /** Successful tasks shown as full transcripts (the rest are one-line summaries); default `DEFAULTS.optimizer.maxSuccessTranscripts`. */
  maxSuccessTranscripts?: number;
  /** What guest code may use, shown to the optimizer; default `SANDBOX_GUEST_GUIDE`. */
  sandboxGuide?: string;
  /** The run's capability policy: the prompt lists exactly what it grants (default: none). */
  capabilities?: ResolvedCapabilityPolicy;
  /** The roles of a multi-agent team, shown with their descriptions and functions. */
  team?: readonly TeamRole[];
}

/**
 * The optimizer prompt and what the budget let in.
 *
 * @example
 * import { buildOptimizerPrompt, Toolset } from "toolforge";
 * const p = buildOptimizerPrompt({ best: Toolset.empty().toJSON(), bestScore: 0, failures: [], records: [] });
 * console.log(p.tokens, p.included.failedOmitted);
 */
export interface OptimizerPrompt {
  system: string;
  human: string;
  /** Tokens of the request: tool definitions + system + human + per-message overhead + `reservedTokens`. */
  tokens: number;
  /** Counts of what the prompt holds. */
  included: {
    failedTranscripts: number;
    failedOmitted: number;
    successTranscripts: number;
    successSummaries: number;
    successOmitted: number;
    failuresShown: number;
    failuresOmitted: number;
    /** Rows of the statistic table shown (all records unless `tableSummarised`). */
    tableRows: number;
    /** True when the table did not fit and was replaced by counts plus the rows that fit. */
    tableSummarised: boolean;
  };
  /** True when the parts that are never cut (system, lists, instruction, tools) alone exceed the budget. */
  overBudget: boolean;
}

/** Chat formats add a few tokens per message (role, separators). */
const MESSAGE_OVERHEAD = 8;
/** The statistic table may take at most this share of the room left after the fixed parts. */
const TABLE_SHARE = 0.25;
/** Rolled-back sets may take at most this share of the room left after the table (all of it without records). */
const FAILURES_SHARE = 0.25;

const isFailed = (r: ExecutionRecord) => r.score < 1;

/**
 * Builds the AgentOptimizer prompt of App. D.1, adapted to JavaScript, so
 * that the whole request — tool definitions, system and human message and
 * `reservedTokens` — stays within `tokenBudget` real tokens
 * ({@link countTokens}) whatever the number of tasks. It holds List A with
 * its score, List B after k actions ({@link renderListB}), the rolled-back
 * sets in ascending order of score, the histories — failed tasks first (long
 * tool outputs truncated), then a few successful transcripts, then one-line
 * summaries of other successes — and the per-task statistic table.
 *
 * Priorities: the system message, the lists and the instruction are never
 * cut (`overBudget` is set when they alone exceed the budget). The table is
 * complete while it takes at most a quarter of the room left; beyond that
 * it is summarised (counts per outcome, failed and changed tasks listed
 * first). Rolled-back sets take at most a quarter of what remains (the
 * lowest-scoring dropped first); transcripts get the rest.
 *
 * @example
 * import { buildOptimizerPrompt, Toolset } from "toolforge";
 * const prompt = buildOptimizerPrompt({ best: Toolset.empty().toJSON(), bestScore: 0, failures: [], records: [] });
 * console.log(prompt.human.includes("List A")); // true
 */
export function buildOptimizerPrompt(input: OptimizerPromptInput, options: OptimizerPromptOptions = {}): OptimizerPrompt {
  const mode = input.mode ?? "progressive";
  const budget = options.tokenBudget ?? DEFAULTS.training.promptTokenBudget;
  const tools = options.tools ?? (mode === "progressive" ? ACTION_TOOLS : ONE_STEP_TOOLS);
  const maxToolOutputChars = options.maxToolOutputChars ?? DEFAULTS.optimizer.maxToolOutputChars;
  const maxTranscriptChars = options.maxTranscriptChars ?? DEFAULTS.transcript.maxChars;
  const maxSuccessTranscripts = options.maxSuccessTranscripts ?? DEFAULTS.optimizer.maxSuccessTranscripts;
  const system = `${systemPromptText(mode)}

The sandbox the functions run in:
${(options.sandboxGuide ?? SANDBOX_GUEST_GUIDE).trim()}

${capabilityGuide(options.capabilities)}`;
  const records = input.records;
  const solved = records.filter((r) => !isFailed(r)).length;

  const listA = [
    "## List A — the best function set so far",
    signatures(input.best),
    `The success rate (performance) with this function set is ${input.bestScore.toFixed(3)}` +
      (records.length > 0 ? ` (${solved} of ${records.length} tasks solved).` : "."),
  ].join("\n");
  const listB = mode === "progressive" ? renderListB(input.best, input.current ?? input.best, input.actionsUsed ?? 0) : "";
  const instruction = finalInstruction(mode);
  const teamSection = renderTeamSection(options.team, input.current ?? input.best);
  const outside = countTokens(JSON.stringify(tools)) + (options.reservedTokens ?? 0) + 2 * MESSAGE_OVERHEAD;
  // The system message is counted once: the assembled request is re-measured below, possibly several times.
  const systemTokens = countTokens(system);
  const fixedTokens = outside + systemTokens + countTokens([listA, listB, teamSection, instruction].join("\n\n"));
  const room = new Room(budget - fixedTokens - 64); // headings and separators of the sections below
  const overBudget = room.left < 0;

  const table = statisticSection(records, input.previousScores, Math.floor(Math.max(0, room.left) * TABLE_SHARE));
  room.left -= countTokens(table.text);

  const failures = failuresSection(input.failures, Math.floor(Math.max(0, room.left) * (records.length > 0 ? FAILURES_SHARE : 1)));
  room.left -= countTokens(failures.text);

  const failed = records.filter(isFailed);
  const succeeded = records.filter((r) => !isFailed(r));
  const transcript = (record: ExecutionRecord) => fitTranscript(record, room, { maxChars: maxTranscriptChars, maxToolOutputChars });
  const history: HistoryBlock[] = [];
  const count = (blocks: readonly HistoryBlock[], kind: HistoryBlock["kind"]) => blocks.filter((b) => b.kind === kind).reduce((n, b) => n + b.tasks, 0);
  for (const record of failed) {
    const text = transcript(record);
    if (text === null) break;
    history.push({ text, kind: "failedTranscripts", tasks: 1 });
  }
  if (history.length === failed.length) {
    for (const record of succeeded.slice(0, maxSuccessTranscripts)) {
      const text = transcript(record);
      if (text === null) break;
      history.push({ text, kind: "successTranscripts", tasks: 1 });
    }
  }
  const summaryLines = ["### Other solved tasks (summarised)"];
  room.left -= countTokens(summaryLines[0]!) + 2;
  for (const record of succeeded.slice(count(history, "successTranscripts"))) {
    const line = successSummary(record);
    if (!room.take(line)) break;
    summaryLines.push(line);
  }
  if (summaryLines.length > 1) history.push({ text: summaryLines.join("\n"), kind: "successSummaries", tasks: summaryLines.length - 1 });

  const assemble = (blocks: readonly HistoryBlock[]) => {
    const shownTasks = blocks.reduce((n, b) => n + b.tasks, 0);
    const failedOmitted = failed.length - count(blocks, "failedTranscripts");
    const successOmitted = records.length - shownTasks - failedOmitted;
    const omittedNote =
      failedOmitted + successOmitted > 0
        ? ` ${failedOmitted} failed and ${successOmitted} solved task(s) are not shown for length; the statistic table ${table.summarised ? "counts" : "lists"} all tasks.`
        : "";
    const historySection = [
      `## Histories\nHere are ${shownTasks} of the ${records.length} conversation histories of solving tasks, failed tasks first.${omittedNote}`,
      ...blocks.map((b) => b.text),
    ].join("\n\n");
    return [listA, listB, teamSection, failures.text, historySection, table.text, instruction].filter((s) => s !== "").join("\n\n");
  };
  // Sections were measured one by one; tokens can merge across their joints, so
  // the assembled request is measured once more and trimmed from the end if needed.
  let human = assemble(history);
  let tokens = outside + systemTokens + countTokens(human);
  while (tokens > budget && history.length > 0) {
    history.pop();
    human = assemble(history);
    tokens = outside + systemTokens + countTokens(human);
  }
  const failedTranscripts = count(history, "failedTranscripts");
  const successTranscripts = count(history, "successTranscripts");
  const successSummaries = count(history, "successSummaries");
  return {
    system,
    human,
    tokens,
    included: {
      failedTranscripts,
      failedOmitted: failed.length - failedTranscripts,
      successTranscripts,
      successSummaries,
      successOmitted: succeeded.length - successTranscripts - successSummaries,
      failuresShown: failures.shown,
      failuresOmitted: failures.omitted,
      tableRows: table.rows,
      tableSummarised: table.summarised,
    },
    overBudget,
  };
}

interface HistoryBlock {
  text: string;
  kind: "failedTranscripts" | "successTranscripts" | "successSummaries";
  tasks: number;
}
