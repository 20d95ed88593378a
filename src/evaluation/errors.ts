import { ToolforgeError } from "../errors.js";

/**
 * An evaluation stopped by its `AbortSignal`. Code `E_ABORTED`, `name`
 * "AbortError"; `context` has `done` and `total` task counts.
 *
 * @example
 * import { evaluate, EvaluationAbortedError } from "toolforge";
 * const ac = new AbortController();
 * setTimeout(() => ac.abort(), 100);
 * try { await evaluate({ agent, toolset, tasks, scorer, signal: ac.signal }); }
 * catch (e) { if (e instanceof EvaluationAbortedError) console.log(e.context.done, "tasks finished"); }
 */
export class EvaluationAbortedError extends ToolforgeError {
  constructor(message: string, context: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super("E_ABORTED", message, context, options);
    // Matches the DOM convention so generic abort checks recognise it.
    this.name = "AbortError";
  }
}

/**
 * Invalid `evaluate` options (empty concurrency, tasks not an array...).
 *
 * @example
 * import { EvaluationConfigError } from "toolforge";
 * const e = new EvaluationConfigError("E_EVAL_CONFIG", "concurrency must be >= 1", { option: "concurrency" });
 */
export class EvaluationConfigError extends ToolforgeError {}

/**
 * An evaluation that could not be completed because a task's run failed for
 * an infrastructure reason (its model unreachable, rate-limited or answering
 * garbage after every retry) — so the task was not scored rather than scored
 * 0. Code `E_INFRASTRUCTURE`; `context` has `taskId`, `attempts` and `cause`
 * (the model error's message, which names the model, the URL and the cause).
 *
 * @example
 * import { evaluate, InfrastructureFailureError } from "toolforge";
 * try { await evaluate({ agent, tasks, scorer }); }
 * catch (e) { if (e instanceof InfrastructureFailureError) console.log(e.context.taskId, e.context.cause); }
 */
export class InfrastructureFailureError extends ToolforgeError {}
