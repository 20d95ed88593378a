import { DEFAULTS } from "../defaults.js";
import { InfrastructureFailureError } from "./errors.js";
import type { ExecutionRecord } from "./types.js";

/**
 * What to do with a task whose run still fails for an infrastructure reason
 * after its retries: `"fail"` (default) stops — `evaluate` throws an
 * {@link InfrastructureFailureError}, training stops resumably —; `"exclude"`
 * leaves the task out of the scores (training leaves it out of both sides of
 * the comparison).
 *
 * @example
 * const policy: import("toolforge").InfrastructureFailurePolicy = "exclude";
 */
export type InfrastructureFailurePolicy = "fail" | "exclude";

/**
 * True when a record's run failed because of the model provider (unreachable,
 * rate-limited, broken replies: error kind `model_error`), not because of the
 * agent or the toolset. Such a run says nothing about the toolset and must
 * never be scored.
 *
 * @example
 * import { isInfrastructureFailure } from "toolforge";
 * isInfrastructureFailure({ ...record, error: { kind: "model_error", message: "…" } }); // true
 */
export function isInfrastructureFailure(record: Pick<ExecutionRecord, "error">): boolean {
  return record.error?.kind === "model_error";
}

/**
 * Runs one task, re-running it up to `taskRetries` times (default
 * `DEFAULTS.evaluation.taskRetries`) while its run fails for an
 * infrastructure reason. The model's own request retries come first; this
 * covers failures that outlast them (a provider restarting). Returns the
 * last record, which may still be an infrastructure failure.
 *
 * @example
 * import { runTask, runWithTaskRetries } from "toolforge";
 * const record = await runWithTaskRetries(() => runTask({ agent, task, scorer }));
 */
export async function runWithTaskRetries(
  run: () => Promise<ExecutionRecord>,
  taskRetries: number = DEFAULTS.evaluation.taskRetries,
): Promise<ExecutionRecord> {
  let record = await run();
  for (let n = 0; n < taskRetries && isInfrastructureFailure(record); n++) record = await run();
  return record;
}

/**
 * The error for a task that stayed an infrastructure failure.
 *
 * @example
 * import { infrastructureFailure } from "toolforge";
 * throw infrastructureFailure(record, 2, "evaluation of the step-3 candidate");
 */
export function infrastructureFailure(record: ExecutionRecord, attempts: number, during: string): InfrastructureFailureError {
  const cause = (record.error?.message ?? "unknown model error").replace(/\.\s*$/, "");
  return new InfrastructureFailureError(
    "E_INFRASTRUCTURE",
    `${during} is incomplete: task ${record.taskId} could not be run (${attempts} attempt(s)): ${cause}. ` +
      `It was not scored; nothing was counted as a failure of the task.`,
    { taskId: record.taskId, attempts, cause },
  );
}
