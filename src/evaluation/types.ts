import type { BaseMessage } from "@langchain/core/messages";

/**
 * One task of a dataset: a prompt for the agent and the gold answer.
 *
 * @example
 * import type { Task } from "toolforge";
 * const task: Task = { id: "q1", question: "What is 6 * 7?", answer: "42" };
 */
export interface Task {
  /** Stable id, traced back to the source dataset. */
  id: string;
  /** The full prompt given to the agent (tables, choices already rendered). */
  question: string;
  /** Gold answer, as a string. */
  answer: string;
  /** Multiple-choice options, when the task has them. */
  choices?: string[];
  /** Anything else from the source row (type, level, unit...). */
  meta?: Record<string, unknown>;
  /** Files of this task that learned functions may read with `readAttachment` (GAIA). */
  attachments?: { dir: string; names: string[] };
}

/**
 * A score in [0, 1] and optional feedback text for the optimizer.
 *
 * @example
 * import { scoreGSM8K } from "toolforge";
 * const { score, feedback } = scoreGSM8K("The answer is 41.", "42"); // 0, "expected 42, got 41"
 */
export interface ScoreResult {
  score: number;
  feedback?: string;
}

/**
 * Scores a final answer against a task. Plain functions; may be async. The
 * third argument is the task's execution record so far (messages, function
 * calls, usage — the trajectory), for scorers that grade how the answer was
 * reached, not only the final text.
 *
 * @example
 * import type { Scorer } from "toolforge";
 * const exact: Scorer = (prediction, task) => ({ score: prediction.trim() === task.answer ? 1 : 0 });
 * const usedATool: Scorer = (prediction, task, record) =>
 *   ({ score: prediction.trim() === task.answer && (record?.functionCalls.length ?? 0) > 0 ? 1 : 0 });
 */
export type Scorer = (prediction: string, task: Task, record?: Readonly<ExecutionRecord>) => ScoreResult | number | Promise<ScoreResult | number>;

/**
 * One function (tool) call made while solving a task.
 *
 * @example
 * const failed = record.functionCalls.filter((c) => c.error);
 * for (const c of failed) console.log(c.name, c.error!.kind, c.error!.message);
 */
export interface FunctionCallRecord {
  id: string;
  name: string;
  args: unknown;
  /** The team role (LangGraph agent `name` of the AI message) that made the call, when the message is named. */
  role?: string;
  /** Tool output as the model saw it. */
  result?: string;
  /** Set when the call failed: the sandbox error kind (or "tool_error") and its message. */
  error?: { kind: string; message: string };
  durationMs?: number;
  /** Capability use of a learned function (calls, refusals, bytes, host time, calls per capability). */
  capabilities?: { calls: number; refused: number; bytes: number; durationMs: number; byName: Record<string, number> };
}

/**
 * Token usage of a task or a role.
 *
 * @example
 * const { usage } = await evaluate({ agent, toolset, tasks, scorer });
 * console.log(usage.inputTokens, usage.outputTokens);
 */
export interface TokenUsage {
  /** Tokens billed by the provider (replies reused from the response cache are not). */
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** Tokens of replies reused from the response cache: not billed, counted apart. */
  cachedTokens?: number;
}

/**
 * Everything that happened while the agent solved one task.
 *
 * @example
 * import { runTask, renderTranscript } from "toolforge";
 * const record = await runTask({ agent, task, scorer });
 * console.log(record.finalAnswer, record.score, renderTranscript(record));
 */
export interface ExecutionRecord {
  taskId: string;
  question: string;
  gold: string;
  /** Serialised messages (LangChain `toDict()` form, see `messagesToDict`). */
  messages: ReturnType<BaseMessage["toDict"]>[];
  functionCalls: FunctionCallRecord[];
  finalAnswer: string | null;
  score: number;
  feedback?: string;
  usage: TokenUsage;
  latencyMs: number;
  /** Set when the run itself failed (model unreachable, step limit...). */
  error?: { kind: string; message: string };
}

/**
 * Result of evaluating one toolset on a list of tasks.
 *
 * @example
 * import { evaluate } from "toolforge";
 * const { loss, accuracy, interval } = await evaluate({ agent, toolset, tasks, scorer });
 * console.log(`${(accuracy * 100).toFixed(1)} % [${interval.low.toFixed(2)}, ${interval.high.toFixed(2)}]`);
 */
export interface EvaluationResult {
  /** In task order, whatever the completion order. */
  records: ExecutionRecord[];
  /** 1 − mean score. */
  loss: number;
  /** Mean score. */
  accuracy: number;
  /** Wilson 95 % interval of the accuracy. */
  interval: { low: number; high: number };
  usage: TokenUsage;
  /**
   * Ids of tasks left out of the scores because their runs failed for an
   * infrastructure reason (only with `infrastructureFailures: "exclude"`).
   */
  excluded: string[];
}
