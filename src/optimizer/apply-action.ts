import type { ExecutionRecord } from "../evaluation/types.js";
import { FunctionSpecError, type FunctionSpec, type Toolset } from "../functions/index.js";
import { missingCapabilities, type CapabilityRuntime } from "../capabilities/index.js";
import type { Sandbox } from "../sandbox/types.js";
import { ACTION_NAMES } from "./action-tools.js";
import { normalizeRemoveArgs, normalizeSpecArgs } from "./normalize-action.js";
import { smokeRun } from "./smoke-run.js";
import { resolveActionRoles } from "./team-actions.js";
import type { AppliedAction, RejectionCode } from "./types.js";

/**
 * One tool call of the optimizer, as read from its `AIMessage`. `invalidJson`
 * is set (and `args` absent) when the provider could not parse the
 * arguments as JSON.
 *
 * @example
 * import type { ProposedCall } from "toolforge";
 * const call: ProposedCall = { id: "call_1", name: "remove_function", args: { name: "sq" } };
 */
export interface ProposedCall {
  id: string;
  name: string;
  args?: unknown;
  /** Parser error of arguments that were not valid JSON. */
  invalidJson?: string;
}

/**
 * Outcome of {@link applyAction}: the new toolset, or why nothing changed.
 *
 * @example
 * import type { ApplyOutcome } from "toolforge";
 * const size = (o: ApplyOutcome) => (o.ok ? o.toolset.size : undefined);
 */
export type ApplyOutcome =
  | { ok: true; toolset: Toolset; action: AppliedAction["action"]; name: string; spec?: FunctionSpec }
  | { ok: false; code: RejectionCode; reason: string; name?: string };

/**
 * What {@link applyAction} needs besides the call.
 *
 * @example
 * import { createSandbox, type ApplyContext } from "toolforge";
 * const context: ApplyContext = { sandbox: await createSandbox(), records: [], smokeTimeoutMs: 1_000 };
 */
export interface ApplyContext {
  sandbox: Sandbox;
  /** Execution records the smoke run takes sample arguments from. */
  records: readonly ExecutionRecord[];
  smokeTimeoutMs?: number;
  /** The run's capabilities: declared ones must be granted; smoke runs replay recorded responses only. */
  capabilities?: CapabilityRuntime;
  /** Role names of a multi-agent team; `roles` arguments are checked against them. */
  teamRoles?: readonly string[];
}

const errorCode = (error: FunctionSpecError): RejectionCode =>
  error.code === "E_FUNCTION_EXISTS" ? "exists" : error.code === "E_FUNCTION_MISSING" ? "missing" : "invalid_spec";

/**
 * Validates one `add_function` / `revise_function` / `remove_function` call
 * and applies it to an (immutable) toolset. Validation is the functions
 * module's (`Toolset.add` / `revise` / `remove`); added and revised
 * functions are then smoke-run in the sandbox. Never throws: every problem
 * becomes a rejection with a precise reason, and the input toolset is
 * never modified.
 *
 * @example
 * import { applyAction, createSandbox, Toolset } from "toolforge";
 * const sandbox = await createSandbox();
 * const out = await applyAction(Toolset.empty(), { id: "c1", name: "remove_function", args: { name: "x" } },
 *   { sandbox, records: [] });
 * if (!out.ok) console.log(out.code, out.reason); // missing …
 * await sandbox.close();
 */
export async function applyAction(toolset: Toolset, call: ProposedCall, context: ApplyContext): Promise<ApplyOutcome> {
  const action = call.name;
  const rejected = (code: RejectionCode, reason: string, name?: string): ApplyOutcome => ({
    ok: false,
    code,
    reason: `${action} rejected: ${reason}`,
    ...(name !== undefined ? { name } : {}),
  });
  if (!(ACTION_NAMES as readonly string[]).includes(action) || action === "terminate") {
    return rejected("unknown_action", `unknown action "${action}"; the available actions are ${ACTION_NAMES.join(", ")}`);
  }
  if (call.invalidJson !== undefined) {
    return rejected("invalid_json", `the arguments are not valid JSON (${call.invalidJson}); send one JSON object`);
  }
  try {
    if (action === "remove_function") {
      const name = normalizeRemoveArgs(call.args);
      if (!name.ok) return rejected(name.code, name.reason);
      const next = toolset.remove(name.value);
      return { ok: true, toolset: next, action, name: name.value };
    }
    const spec = normalizeSpecArgs(call.args);
    const shownName = typeof (call.args as { name?: unknown } | undefined)?.name === "string"
      ? (call.args as { name: string }).name
      : undefined;
    if (!spec.ok) return rejected(spec.code, spec.reason, shownName);
    const roles = resolveActionRoles(action as "add_function" | "revise_function", spec.value, toolset, context.teamRoles);
    if (!roles.ok) return rejected(roles.code, roles.reason, shownName);
    const { roles: _raw, ...rest } = spec.value as typeof spec.value & { roles?: unknown };
    spec.value = roles.value ? { ...rest, roles: roles.value } : rest;
    // The sandbox may preload fewer libraries than the global allow-list.
    const opts = { allowedPackages: context.sandbox.allowedPackages };
    const next = action === "add_function" ? toolset.add(spec.value, opts) : toolset.revise(spec.value, opts);
    const added = next.get(spec.value.name);
    if (added === undefined) return rejected("internal", `"${spec.value.name}" is missing after the update`, shownName);
    const [lacking] = missingCapabilities([added], context.capabilities?.policy);
    if (lacking) {
      const granted = [...(context.capabilities?.policy.granted ?? [])].join(", ") || "none";
      return rejected("invalid_spec", `function "${added.name}", field "capabilities": ${lacking.missing.join(", ")} ${lacking.missing.length === 1 ? "is" : "are"} not granted in this run (granted: ${granted})`, added.name);
    }
    const smoke = await smokeRun(context.sandbox, added, context.records, {
      timeoutMs: context.smokeTimeoutMs,
      ...(context.capabilities ? { capabilities: context.capabilities.replayOnly(), functions: next.functions } : {}),
    });
    if (!smoke.ok) return rejected("smoke_failed", smoke.reason, added.name);
    return { ok: true, toolset: next, action: action as AppliedAction["action"], name: added.name, spec: added };
  } catch (error) {
    if (error instanceof FunctionSpecError) return rejected(errorCode(error), error.message, error.function);
    return rejected("internal", `unexpected error while applying the action: ${(error as Error)?.message ?? String(error)}`);
  }
}
