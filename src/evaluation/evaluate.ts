import { setMaxListeners } from "node:events";
import { assertCapabilitiesGranted, CapabilityRuntime, createCapabilities, type CapabilityPolicy } from "../capabilities/index.js";
import { Runnable } from "@langchain/core/runnables";
import { asRunnable, resolveAgent } from "../agents/resolve-agent.js";
import type { AgentRunnable, AgentSpec, InvokableAgent } from "../agents/types.js";
import { DEFAULTS } from "../defaults.js";
import { runPulled } from "../limiter.js";
import { Toolset } from "../functions/toolset.js";
import type { ToolsetFile } from "../functions/toolset-file.js";
import { createSandbox } from "../sandbox/index.js";
import type { Sandbox } from "../sandbox/types.js";
import { EvaluationAbortedError, EvaluationConfigError } from "./errors.js";
import { infrastructureFailure, isInfrastructureFailure, runWithTaskRetries, type InfrastructureFailurePolicy } from "./infrastructure.js";
import { addUsage } from "./records.js";
import { runTask } from "./run-task.js";
import { checkUniqueTaskIds } from "./task-ids.js";
import type { EvaluationResult, ExecutionRecord, Scorer, Task } from "./types.js";
import { wilsonInterval } from "./wilson.js";

/**
 * Progress of an evaluation, reported after each finished task.
 *
 * @example
 * import type { EvaluationProgress } from "toolforge";
 * const log = ({ done, total }: EvaluationProgress) => console.log(`${done}/${total}`);
 */
export interface EvaluationProgress {
  done: number;
  total: number;
  record: ExecutionRecord;
}

/**
 * Options of {@link evaluate}.
 *
 * @example
 * import type { EvaluateOptions } from "toolforge";
 * const opts: EvaluateOptions = { agent: { kind: "react", model: "ollama:llama3.1" }, tasks, scorer, concurrency: 2 };
 */
export interface EvaluateOptions {
  /** Built-in agent spec, a factory `(tools) => Runnable`, or an already built agent runnable. */
  agent: AgentSpec | AgentRunnable | InvokableAgent;
  /** The functions under evaluation (a `Toolset` or its JSON form); default: empty. */
  // `unknown` on purpose: callers often hold parsed JSON; it is validated by `Toolset.fromJSON`.
  toolset?: Pick<Toolset, "toTools"> | ToolsetFile | unknown;
  tasks: readonly Task[];
  scorer: Scorer;
  /** Where learned functions run; created (and closed) per call when omitted. */
  sandbox?: Sandbox;
  /** What learned functions may do beyond computing (a policy, or a run's `createCapabilities(...)`); default nothing. */
  capabilities?: CapabilityPolicy | CapabilityRuntime;
  /** Tasks in flight at once (default `DEFAULTS.training.concurrency`). */
  concurrency?: number;
  /** Aborting rejects promptly with {@link EvaluationAbortedError}. */
  signal?: AbortSignal;
  onProgress?: (progress: EvaluationProgress) => void;
  /** Called with each finished record and its task index (completion order). */
  onRecord?: (record: ExecutionRecord, index: number) => void | Promise<void>;
  /**
   * A task whose run still fails for an infrastructure reason after
   * `taskRetries` re-runs: `"fail"` (default) stops the evaluation with an
   * `InfrastructureFailureError`; `"exclude"` leaves it out of the scores
   * (listed in `excluded`). It is never scored 0.
   */
  infrastructureFailures?: InfrastructureFailurePolicy;
  /** Re-runs of such a task (default `DEFAULTS.evaluation.taskRetries`). */
  taskRetries?: number;
}

/**
 * Runs the agent on every task with bounded concurrency and scores it.
 * Records come back in task order whatever the completion order; a task the
 * agent fails (step limit, agent error) is a record with `error` and score 0.
 * A task whose *model* fails (unreachable, rate-limited after every retry)
 * is re-run, and if it still fails the evaluation stops with an
 * `InfrastructureFailureError` naming the task, model, URL and cause — or,
 * with `infrastructureFailures: "exclude"`, the task is left out of the
 * scores. `loss` is 1 − mean score, `interval` the Wilson 95 % interval of
 * the mean, both over the scored tasks.
 *
 * @example
 * import { evaluate, loadDataset, Toolset } from "toolforge";
 * const data = await loadDataset("gsm8k:test", { limit: 20 });
 * const result = await evaluate({
 *   agent: { kind: "tool-calling", model: "openai:gpt-4o" },
 *   toolset: Toolset.empty(), tasks: data.tasks, scorer: data.scorer, concurrency: 8,
 *   onProgress: ({ done, total }) => console.log(`${done}/${total}`),
 * });
 * console.log(result.loss, result.interval);
 */
export async function evaluate(options: EvaluateOptions): Promise<EvaluationResult> {
  const { tasks, scorer, signal } = options;
  const concurrency = options.concurrency ?? DEFAULTS.training.concurrency;
  if (!Array.isArray(tasks) || tasks.length === 0) {
    throw new EvaluationConfigError("E_EVAL_CONFIG", "evaluate: tasks must be a non-empty array of tasks", { option: "tasks" });
  }
  if (typeof scorer !== "function") {
    throw new EvaluationConfigError("E_EVAL_CONFIG", `evaluate: scorer must be a function (prediction, task) => score, got ${typeof scorer}`, { option: "scorer" });
  }
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new EvaluationConfigError("E_EVAL_CONFIG", `evaluate: concurrency must be a positive integer, got ${concurrency}`, {
      option: "concurrency",
    });
  }
  checkUniqueTaskIds(tasks);
  if (signal?.aborted) throw aborted(0, tasks.length, signal);

  const capabilities = options.capabilities === undefined || options.capabilities instanceof CapabilityRuntime ? options.capabilities : createCapabilities(options.capabilities);
  const ownSandbox = !options.sandbox && !isBuiltAgent(options.agent);
  const sandbox = options.sandbox ?? (ownSandbox ? await createSandbox() : undefined);
  try {
    const agent = await buildAgent(options.agent, options.toolset, sandbox, capabilities);
    const records = await runPool(agent, tasks, scorer, concurrency, options);
    const result = summarise(records);
    // Nothing scored is not an accuracy of 0: the evaluation did not happen.
    if (result.excluded.length === records.length) throw infrastructureFailure(records[0]!, (options.taskRetries ?? DEFAULTS.evaluation.taskRetries) + 1, "The evaluation (no task could be run)");
    return result;
  } finally {
    if (ownSandbox) await sandbox!.close();
  }
}

async function buildAgent(spec: EvaluateOptions["agent"], toolset: unknown, sandbox: Sandbox | undefined, capabilities: CapabilityRuntime | undefined): Promise<AgentRunnable> {
  if (isBuiltAgent(spec)) return asRunnable(spec);
  const tools = asToolset(toolset);
  if ("functions" in tools) assertCapabilitiesGranted((tools as Toolset).functions, capabilities?.policy, "evaluate: toolset");
  return resolveAgent(spec as AgentSpec, { sandbox: sandbox!, ...(capabilities ? { capabilities } : {}) })(tools);
}

// A built agent: a Runnable, or any object with `invoke` that is not a spec
// (LangChain's `createAgent` returns such an object).
function isBuiltAgent(agent: EvaluateOptions["agent"]): agent is AgentRunnable | InvokableAgent {
  if (Runnable.isRunnable(agent)) return true;
  return typeof agent === "object" && agent !== null && !("kind" in agent) && typeof (agent as { invoke?: unknown }).invoke === "function";
}

function asToolset(value: unknown): Pick<Toolset, "toTools"> {
  if (value === undefined) return Toolset.empty();
  if (value && typeof (value as Toolset).toTools === "function") return value as Toolset;
  return Toolset.fromJSON(value);
}

async function runPool(
  agent: AgentRunnable,
  tasks: readonly Task[],
  scorer: Scorer,
  concurrency: number,
  options: EvaluateOptions,
): Promise<ExecutionRecord[]> {
  const { signal } = options;
  const taskRetries = options.taskRetries ?? DEFAULTS.evaluation.taskRetries;
  // Stryker disable next-line ArrayDeclaration: every index is assigned before the records are returned; the length only pre-sizes the array.
  const records = new Array<ExecutionRecord>(tasks.length);
  let done = 0;
  let stopped = false;
  // Stops in-flight tasks when the caller aborts or the evaluation cannot be completed.
  const inner = new AbortController();
  // One listener per task in flight (run-task's scoped signal), removed when it ends.
  setMaxListeners(concurrency + 10, inner.signal);
  let fail: (error: Error) => void = () => {};
  const failure = new Promise<never>((_resolve, reject) => (fail = reject));

  const runOne = async (index: number) => {
    // Stryker disable next-line ConditionalExpression: once stopped, the inner signal is aborted and runTask rejects before invoking the agent anyway.
    if (stopped) return;
    const record = await runWithTaskRetries(() => runTask({ agent, task: tasks[index]!, scorer, signal: inner.signal }), taskRetries);
    // An agent that ignores its signal can finish after the evaluation ended: not reported.
    if (stopped) return;
    if (isInfrastructureFailure(record) && options.infrastructureFailures !== "exclude") {
      throw infrastructureFailure(record, taskRetries + 1, `The evaluation (${done} of ${tasks.length} tasks done)`);
    }
    records[index] = record;
    done++;
    await options.onRecord?.(record, index);
    options.onProgress?.({ done, total: tasks.length, record });
  };

  // Rejects as soon as the signal fires, so the caller does not wait for
  // in-flight model calls; their later settling is ignored (`stopped`).
  let onAbort: (() => void) | undefined;
  const abortion = new Promise<never>((_resolve, reject) => {
    if (!signal) return;
    onAbort = () => {
      inner.abort(signal.reason);
      reject(aborted(done, tasks.length, signal));
    };
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: the finally block removes the listener whether or not it fired.
    signal.addEventListener("abort", onAbort, { once: true });
  });
  // At most `concurrency` task frames exist at once, whatever the number of tasks.
  // A failing task (a model that stays down, a throwing `onRecord`) fails the
  // evaluation at once, stops the tasks in flight and starts no further task.
  const runOrFail = (index: number) =>
    runOne(index).catch((error: unknown) => {
      // Stryker disable next-line BooleanLiteral: the aborted inner signal already keeps further tasks from invoking the agent, and the finally block sets it before anything in flight can finish.
      stopped = true;
      inner.abort();
      fail(error as Error);
    });
  const workers = runPulled(tasks.length, concurrency, runOrFail, () => stopped);
  try {
    await Promise.race([workers, abortion, failure]);
    return records;
  } finally {
    stopped = true;
    if (onAbort) signal!.removeEventListener("abort", onAbort);
    // Late rejections of abandoned workers are expected after an abort.
    workers.catch(() => {});
    failure.catch(() => {});
    abortion.catch(() => {});
  }
}

function aborted(done: number, total: number, signal: AbortSignal): EvaluationAbortedError {
  return new EvaluationAbortedError(`evaluation aborted after ${done} of ${total} tasks`, { done, total }, { cause: signal.reason });
}

/**
 * Loss, accuracy, Wilson interval and total usage of a list of records.
 * Infrastructure failures (`isInfrastructureFailure`) are not scored: they
 * are left out of loss, accuracy and interval and listed in `excluded`.
 *
 * @example
 * import { summarise } from "toolforge";
 * const { loss, accuracy, interval, excluded } = summarise(records);
 */
export function summarise(records: ExecutionRecord[]): EvaluationResult {
  const scored = records.filter((r) => !isInfrastructureFailure(r));
  const total = scored.reduce((s, r) => s + r.score, 0);
  const accuracy = scored.length ? total / scored.length : 0;
  return {
    records,
    loss: 1 - accuracy,
    accuracy,
    interval: wilsonInterval(total, scored.length),
    usage: records.reduce((u, r) => addUsage(u, r.usage), { inputTokens: 0, outputTokens: 0, totalTokens: 0 }),
    excluded: records.filter(isInfrastructureFailure).map((r) => r.taskId),
  };
}
