import { HumanMessage, isBaseMessage, type BaseMessage } from "@langchain/core/messages";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import type { AgentRunnable } from "../agents/types.js";
import { finalAnswerFromMessages } from "../agents/final-answer.js";
import { ToolforgeError } from "../errors.js";
import { EvaluationAbortedError } from "./errors.js";
import { extractFunctionCalls, messagesToDict, sumUsage } from "./records.js";
import type { ExecutionRecord, Scorer, Task } from "./types.js";

/**
 * Options of {@link runTask}.
 *
 * @example
 * import type { RunTaskOptions } from "toolforge";
 * const opts: RunTaskOptions = { agent, task: { id: "t", question: "1+1?", answer: "2" }, scorer: (p, t) => Number(p === t.answer) };
 */
export interface RunTaskOptions {
  agent: AgentRunnable;
  task: Task;
  scorer: Scorer;
  signal?: AbortSignal;
}

const MAX_ERROR_MESSAGE = 1_000;

/**
 * Runs one task and returns its execution record. Never throws for agent
 * failures: an unreachable model becomes `error.kind = "model_error"`, a step
 * limit `step_limit`, anything else the agent throws `agent_error`, a scorer
 * that throws `scorer_error`; the score is then 0. Only an abort of `signal`
 * rejects (with {@link EvaluationAbortedError}).
 *
 * @example
 * import { runTask, scoreGSM8K } from "toolforge";
 * const record = await runTask({ agent, task: { id: "t1", question: "2+2?", answer: "4" }, scorer: (p, t) => scoreGSM8K(p, t.answer) });
 * console.log(record.finalAnswer, record.score, record.error?.kind);
 */
export async function runTask({ agent, task, scorer, signal }: RunTaskOptions): Promise<ExecutionRecord> {
  throwIfAborted(signal, task);
  const question = new HumanMessage(task.question);
  const started = performance.now();
  let messages: BaseMessage[] = [question];
  let error: ExecutionRecord["error"];
  const scoped = scopedSignal(signal);
  try {
    // A root run, even when runTask is called from inside a LangGraph node:
    // otherwise the agent graph would inherit the caller's checkpointer and
    // namespace and write every agent step into the caller's checkpoints.
    // Tools read the task's files (readAttachment) from the configurable.
    const configurable = task.attachments ? { configurable: { toolforge_attachments: task.attachments } } : {};
    const run = () => agent.invoke({ messages: [question] }, { signal: scoped.signal, ...configurable });
    const output = (await AsyncLocalStorageProviderSingleton.getInstance().run(undefined, run)) as {
      messages?: unknown;
      error?: unknown;
    };
    if (Array.isArray(output?.messages) && output.messages.every(isBaseMessage)) {
      messages = output.messages;
    } else {
      error = { kind: "agent_error", message: "the agent's output has no `messages` array of LangChain messages" };
    }
    const reported = output?.error as { kind?: unknown; message?: unknown } | null | undefined;
    if (reported && typeof reported.kind === "string") {
      error = { kind: reported.kind, message: String(reported.message ?? reported.kind) };
    }
  } catch (e) {
    throwIfAborted(signal, task, e);
    error = classifyRunError(e);
  } finally {
    scoped.release();
  }
  const latencyMs = performance.now() - started;

  const stored = messagesToDict(messages);
  const finalAnswer = error ? null : finalAnswerFromMessages(messages);
  const record: ExecutionRecord = {
    taskId: task.id,
    question: task.question,
    gold: task.answer,
    messages: stored,
    functionCalls: extractFunctionCalls(stored),
    finalAnswer,
    score: 0,
    usage: sumUsage(stored),
    latencyMs,
  };
  if (error) record.error = error;
  if (finalAnswer !== null) await scoreInto(record, scorer, finalAnswer, task);
  return record;
}

async function scoreInto(record: ExecutionRecord, scorer: Scorer, answer: string, task: Task): Promise<void> {
  try {
    const raw = await scorer(answer, task, record);
    const result = typeof raw === "number" ? { score: raw } : raw;
    // Number.isFinite is false for anything not a number.
    if (!result || !Number.isFinite(result.score)) {
      throw new TypeError(`scorer returned ${JSON.stringify(raw)}; expected a number in [0, 1] or { score, feedback? }`);
    }
    record.score = Math.min(1, Math.max(0, result.score));
    if (result.feedback !== undefined) record.feedback = result.feedback;
  } catch (e) {
    // The score is still the 0 it started with: it is set only once valid.
    record.error = { kind: "scorer_error", message: shortMessage(e) };
  }
}

/**
 * A per-task child of `parent`. The agent and its model clients hang their
 * abort listeners on the child, which is dropped with the task; the shared
 * parent (one per evaluation or training run) gets a single listener per
 * in-flight task, removed when the task ends — so long runs neither leak
 * listeners nor trip Node's MaxListenersExceededWarning.
 */
function scopedSignal(parent: AbortSignal | undefined): { signal: AbortSignal | undefined; release(): void } {
  if (!parent) return { signal: undefined, release: () => {} };
  const child = new AbortController();
  const forward = () => child.abort(parent.reason);
  // Stryker disable next-line ConditionalExpression: runTask has just checked that the parent is not aborted; this only guards other callers.
  if (parent.aborted) forward();
  else {
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: release() removes the listener whether or not it fired.
    parent.addEventListener("abort", forward, { once: true });
  }
  return { signal: child.signal, release: () => parent.removeEventListener("abort", forward) };
}

function throwIfAborted(signal: AbortSignal | undefined, task: Task, cause?: unknown): void {
  if (signal?.aborted) {
    throw new EvaluationAbortedError(`evaluation aborted while running task ${task.id}`, { taskId: task.id }, { cause: cause ?? signal.reason });
  }
}

/**
 * Maps an error thrown by an agent run to a record error kind:
 * `model_error` (model/HTTP failures), `step_limit` (LangGraph recursion
 * limit) or `agent_error`.
 *
 * @example
 * import { classifyRunError } from "toolforge";
 * classifyRunError(Object.assign(new Error("Connection error."), { name: "APIConnectionError" })).kind; // "model_error"
 */
export function classifyRunError(e: unknown): { kind: string; message: string } {
  const message = shortMessage(e);
  if (e instanceof ToolforgeError && e.code.startsWith("E_MODEL")) return { kind: "model_error", message };
  // Stryker disable next-line StringLiteral: any name that matches none of the patterns below gives the same kind.
  const name = e instanceof Error ? e.name : "";
  if (name === "GraphRecursionError") return { kind: "step_limit", message };
  const status = (e as { status?: unknown } | null)?.status;
  if (typeof status === "number" || /API|Connection|RateLimit|Timeout|ModelRequest/i.test(name)) return { kind: "model_error", message };
  return { kind: "agent_error", message };
}

function shortMessage(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.length > MAX_ERROR_MESSAGE ? `${text.slice(0, MAX_ERROR_MESSAGE)}…[truncated ${text.length - MAX_ERROR_MESSAGE} chars]` : text;
}
