import type { BaseMessage } from "@langchain/core/messages";

/** One task of a dataset: a prompt for the agent and the gold answer. */
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
}

/** A score in [0, 1] and optional feedback text for the optimizer. */
export interface ScoreResult {
  score: number;
  feedback?: string;
}

/** Scores a final answer against a task. Plain functions; may be async. */
export type Scorer = (prediction: string, task: Task) => ScoreResult | number | Promise<ScoreResult | number>;

/** One function (tool) call made while solving a task. */
export interface FunctionCallRecord {
  id: string;
  name: string;
  args: unknown;
  /** Tool output as the model saw it. */
  result?: string;
  /** Set when the call failed: the sandbox error kind (or "tool_error") and its message. */
  error?: { kind: string; message: string };
  durationMs?: number;
}

/** Token usage of a task or a role. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

/** Everything that happened while the agent solved one task. */
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

/** Result of evaluating one toolset on a list of tasks. */
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
}
