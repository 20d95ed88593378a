import type { TokenUsage } from "../evaluation/types.js";
import type { ExecutionRecord } from "../evaluation/types.js";
import type { FunctionSpec, ToolsetFile } from "../functions/index.js";

/**
 * Names of the optimizer's actions (App. D.3 of arXiv 2402.11359, adapted to JavaScript).
 *
 * @example
 * import type { ActionName } from "toolforge";
 * const a: ActionName = "revise_function";
 */
export type ActionName = "add_function" | "revise_function" | "remove_function" | "terminate";

/**
 * Why one optimize step ended:
 * - `terminate`: the optimizer called `terminate` alone, or replied "TERMINATE";
 * - `text`: it replied with other text and no tool call;
 * - `max_actions`: `maxActions` actions were applied;
 * - `no_call`: it replied with nothing at all, or the turn guard (`maxTurns`) was exhausted
 *   without any of the above (in one-step mode: its one reply held no valid function);
 * - `one_step`: one-step generation (`mode: "one-step"`) applied its one reply's functions as the new set.
 *
 * @example
 * import type { StopReason } from "toolforge";
 * const done = (r: StopReason) => r === "terminate" || r === "max_actions";
 */
export type StopReason = "terminate" | "text" | "max_actions" | "no_call" | "one_step";

/**
 * What the optimizer sees of one earlier rejected update (Algorithm 2, line 11):
 * a toolset that was tried and rolled back, with its score.
 *
 * @example
 * import { Toolset, type FailedUpdate } from "toolforge";
 * const failed: FailedUpdate = { toolset: Toolset.empty().toJSON(), score: 0.25 };
 */
export interface FailedUpdate {
  toolset: ToolsetFile;
  /** Mean training score of that toolset, in [0, 1]. */
  score: number;
}

/**
 * Input of one optimize step (Algorithm 1): the best toolset so far (List A)
 * with its score, the execution records of the last evaluation, and the
 * failed updates since the last improvement.
 *
 * @example
 * import { Toolset, type OptimizeStepInput } from "toolforge";
 * const input: OptimizeStepInput = { step: 1, best: Toolset.empty().toJSON(), bestScore: 0.4, records: [], failures: [] };
 */
export interface OptimizeStepInput {
  step: number;
  /** List A: the best toolset so far; the step starts from it. */
  best: ToolsetFile;
  /** Mean score of `best` on the training tasks, in [0, 1]. */
  bestScore: number;
  /** Execution records of `best` on the training tasks (histories + statistic table). */
  records: ExecutionRecord[];
  /** Rolled-back toolsets with their scores, in any order (the prompt sorts them ascending). */
  failures: FailedUpdate[];
  /** Scores of the previous best set by task id, so the statistic table can mark and list changed tasks first. */
  previousScores?: Record<string, number>;
}

/**
 * One optimizer action that changed the candidate toolset.
 *
 * @example
 * import type { AppliedAction } from "toolforge";
 * const a: AppliedAction = { action: "remove_function", name: "old", toolCallId: "call_1", turn: 1, hashAfter: "…" };
 */
export interface AppliedAction {
  action: Exclude<ActionName, "terminate">;
  name: string;
  toolCallId: string;
  /** 1-based model turn that proposed it. */
  turn: number;
  /** The function as added or revised (absent for removals). */
  spec?: FunctionSpec;
  /** `Toolset.hash` of the candidate after this action. */
  hashAfter: string;
}

/**
 * Machine-readable reason of a rejected tool call.
 * `invalid_json`: arguments were not JSON; `invalid_arguments`: wrong shape or types;
 * `unknown_action`; `invalid_spec`: the function spec failed validation (code, schema,
 * packages, name); `unknown_role`: `roles` names a role the team does not have; `exists`: add of an existing name; `missing`: revise/remove of an
 * unknown name; `smoke_failed`: the sandbox smoke run failed; `limit_reached`: `maxActions`
 * already applied; `terminate_mixed`: `terminate` sent together with other calls;
 * `internal`: an unexpected error (the call is refused, never half-applied).
 *
 * @example
 * import type { RejectionCode } from "toolforge";
 * const retryable = (c: RejectionCode) => c !== "limit_reached";
 */
export type RejectionCode =
  | "invalid_json"
  | "invalid_arguments"
  | "unknown_action"
  | "invalid_spec"
  | "unknown_role"
  | "exists"
  | "missing"
  | "smoke_failed"
  | "limit_reached"
  | "terminate_mixed"
  | "internal";

/**
 * One optimizer tool call that was not applied, with the reason sent back to
 * the optimizer as a `ToolMessage`.
 *
 * @example
 * import type { RejectedAction } from "toolforge";
 * const r: RejectedAction = { action: "remove_function", name: "nope", toolCallId: "call_2", turn: 1,
 *   code: "missing", reason: 'remove_function rejected: no function named "nope"' };
 */
export interface RejectedAction {
  /** The tool name the optimizer called (may be unknown). */
  action: string;
  name?: string;
  toolCallId: string;
  turn: number;
  code: RejectionCode;
  /** The exact text sent back to the optimizer. */
  reason: string;
}

/**
 * Output of one optimize step: the candidate toolset (List B at the end) and
 * what happened to every call.
 *
 * @example
 * import { Toolset, type OptimizeStepOutput } from "toolforge";
 * function summary(out: OptimizeStepOutput) {
 *   return `${out.actions.length} applied, ${out.rejected.length} rejected, ${out.stopReason}`;
 * }
 */
export interface OptimizeStepOutput {
  candidate: ToolsetFile;
  actions: AppliedAction[];
  rejected: RejectedAction[];
  stopReason: StopReason;
  /**
   * Tokens of the step's optimizer calls, kept in the step's own (checkpointed)
   * state so a step resumed after a crash still counts the calls made before it.
   */
  usage?: TokenUsage;
}
