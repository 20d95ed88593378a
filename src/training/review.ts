import { ToolforgeError } from "../errors.js";
import { Toolset } from "../functions/toolset.js";
import type { ToolsetFile } from "../functions/toolset-file.js";
import type { StepAction, StepRejection } from "./types.js";

/**
 * What a training run with `review: true` shows when it pauses (the
 * `interrupt()` value, in `state.tasks[].interrupts` and the `updates`
 * stream's `__interrupt__`).
 *
 * @example
 * const request = (await graph.getState(config)).tasks[0]?.interrupts[0]?.value as ReviewRequest;
 * console.log(request.step, request.diff);
 */
export interface ReviewRequest {
  type: "review_step";
  step: number;
  /** Actions the optimizer applied in this step. */
  actions: StepAction[];
  /** Calls it made that were refused, with the reason. */
  rejected: StepRejection[];
  /** `formatToolsetDiff` of the best set → the candidate. */
  diff: string;
  /** The candidate toolset, in file form (edit it and send it back with `action: "edit"`). */
  candidate: ToolsetFile;
}

/**
 * The human's answer to a {@link ReviewRequest}, passed as
 * `new Command({ resume: decision })`: approve the candidate (it is then
 * evaluated as usual), evaluate an edited toolset instead, or reject it (a
 * roll-back without evaluation). `"approve"` / `"reject"` strings work too.
 *
 * @example
 * await graph.invoke(new Command({ resume: { action: "edit", toolset: fixed.toJSON() } }), config);
 */
export type ReviewDecision = { action: "approve" } | { action: "reject"; reason?: string } | { action: "edit"; toolset: ToolsetFile };

/**
 * A resume value that is not a {@link ReviewDecision}, or an edited toolset
 * that is not valid (`cause` holds the toolset error, naming function and field).
 *
 * @example
 * try { parseReviewDecision({ action: "maybe" }, 2); } catch (e) { if (e instanceof ReviewDecisionError) console.log(e.message); }
 */
export class ReviewDecisionError extends ToolforgeError {}

/**
 * Checks a resume value and returns the decision; an edited toolset is
 * validated like a toolset file.
 *
 * @example
 * parseReviewDecision("approve", 1); // { action: "approve" }
 */
export function parseReviewDecision(value: unknown, step: number): ReviewDecision {
  const raw = typeof value === "string" ? { action: value } : value;
  const action = (raw as { action?: unknown } | null | undefined)?.action;
  if (action === "approve") return { action };
  if (action === "reject") {
    const reason = (raw as { reason?: unknown }).reason;
    return typeof reason === "string" ? { action, reason } : { action };
  }
  if (action === "edit") {
    try {
      return { action, toolset: Toolset.fromJSON((raw as { toolset?: unknown }).toolset, { source: `review of step ${step}` }).toJSON() };
    } catch (error) {
      throw new ReviewDecisionError("E_REVIEW_DECISION", `review of step ${step}: the edited toolset is invalid: ${(error as Error).message}`, { step, field: "toolset" }, { cause: error });
    }
  }
  throw new ReviewDecisionError(
    "E_REVIEW_DECISION",
    `review of step ${step}: resume with "approve", "reject", { action: "reject", reason } or { action: "edit", toolset }, got ${JSON.stringify(value)}`,
    { step, field: "action" },
  );
}
