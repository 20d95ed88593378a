import type { Toolset } from "../functions/toolset.js";
import type { TeamRole } from "../teams/types.js";
import { ACTION_TOOLS, type ActionToolDefinition } from "./action-tools.js";
import type { NormalizedAction } from "./normalize-action.js";

/**
 * The optimizer's action tools for a team: `add_function` and
 * `revise_function` get an optional `roles` argument listing the team's
 * role names. Without a team (or with one role) the plain
 * {@link ACTION_TOOLS}.
 *
 * @example
 * import { teamActionTools } from "toolforge";
 * const tools = teamActionTools([{ name: "researcher", description: "Finds facts." }, { name: "calculator", description: "Computes." }]);
 */
export function teamActionTools(team: readonly TeamRole[] | undefined): readonly ActionToolDefinition[] {
  if (!team || team.length < 2) return ACTION_TOOLS;
  const names = team.map((r) => r.name);
  const roles = {
    type: "array",
    items: { type: "string", enum: names },
    description:
      `The team roles that get this function (${names.join(", ")}). Omit it in add_function to give the function to every role; ` +
      "in revise_function, omit it to keep the function's roles, or send [] to give it to every role.",
  };
  return ACTION_TOOLS.map((tool) =>
    tool.function.name === "add_function" || tool.function.name === "revise_function"
      ? { ...tool, function: { ...tool.function, parameters: { ...tool.function.parameters, properties: { ...(tool.function.parameters.properties as object), roles } } } }
      : tool,
  );
}

/**
 * The roles an add / revise action gives its function, checked against the
 * team: omitted → every role for an add, unchanged for a revise; `[]` →
 * every role; a role the team does not have, or any `roles` for an agent
 * that is not a team, is refused with the team's role names.
 *
 * @example
 * import { resolveActionRoles, Toolset } from "toolforge";
 * const r = resolveActionRoles("add_function", { name: "f", roles: ["calculator"] }, Toolset.empty(), ["researcher", "calculator"]);
 * // { ok: true, value: ["calculator"] }
 */
export function resolveActionRoles(
  action: "add_function" | "revise_function",
  spec: { readonly name: string; readonly roles?: unknown },
  toolset: Toolset,
  teamRoles: readonly string[] | undefined,
): NormalizedAction<readonly string[] | undefined> {
  const raw: unknown = spec.roles;
  if (raw === undefined || raw === null) {
    return { ok: true, value: action === "revise_function" ? toolset.get(spec.name)?.roles : undefined };
  }
  if (!teamRoles || teamRoles.length < 2) {
    return { ok: false, code: "invalid_arguments", reason: `field "roles": this agent is not a multi-agent team, so functions have no roles; omit "roles"` };
  }
  const list = typeof raw === "string" ? raw.split(/[\s,]/).filter((r) => r !== "") : raw;
  if (!Array.isArray(list)) return { ok: false, code: "invalid_arguments", reason: `field "roles" must be an array of role names (${teamRoles.join(", ")})` };
  if (list.length === 0) return { ok: true, value: undefined };
  const unknown = list.filter((r) => !teamRoles.includes(r));
  if (unknown.length > 0) {
    return {
      ok: false,
      code: "unknown_role",
      reason: `field "roles": ${unknown.map((r) => JSON.stringify(r)).join(", ")} ${unknown.length === 1 ? "is not a role" : "are not roles"} of the team; the roles are ${teamRoles.join(", ")}`,
    };
  }
  return { ok: true, value: [...new Set(list as string[])] };
}
