import { roleNameProblem } from "../functions/check-roles.js";
import { TeamError } from "./errors.js";
import type { TeamSpec } from "./types.js";

/**
 * Whether an agent spec is a team.
 *
 * @example
 * import { isTeamSpec } from "toolforge";
 * isTeamSpec({ kind: "tool-calling", model: "openai:gpt-4o" }); // false
 */
export function isTeamSpec(spec: unknown): spec is TeamSpec {
  return typeof spec === "object" && spec !== null && (spec as { kind?: unknown }).kind === "team";
}

/**
 * Checks a team (untrusted user input) and returns it with `kind: "team"`:
 * at least one role, every role a valid, unique name with a non-empty
 * description, and a `create` function. Throws a {@link TeamError} naming
 * the role and field.
 *
 * @example
 * import { defineTeam } from "toolforge";
 * const team = defineTeam({ roles: [{ name: "solver", description: "Solves the task." }], create: (tools) => makeAgent(tools.solver) });
 */
export function defineTeam(team: Omit<TeamSpec, "kind"> & { kind?: "team" }): TeamSpec {
  const raw = team as unknown as { roles?: unknown; create?: unknown } | null;
  if (typeof raw !== "object" || raw === null) throw new TeamError("E_TEAM_SPEC", `a team must be an object { roles, create }, got ${raw === null ? "null" : typeof raw}`, { field: "team" });
  if (!Array.isArray(raw.roles) || raw.roles.length === 0) {
    throw new TeamError("E_TEAM_SPEC", "team.roles: expected a non-empty array of { name, description }", { field: "roles" });
  }
  const seen = new Set<string>();
  raw.roles.forEach((role: unknown, i: number) => {
    const name = (role as { name?: unknown } | null)?.name;
    const problem = roleNameProblem(name);
    if (problem) throw new TeamError("E_TEAM_ROLE", `team.roles[${i}].name ${problem}`, { field: `roles[${i}].name` });
    const description = (role as { description?: unknown }).description;
    if (typeof description !== "string" || description.trim() === "") {
      throw new TeamError("E_TEAM_ROLE", `team.roles[${i}] ("${name}"): description must be a non-empty string`, { field: `roles[${i}].description`, role: name });
    }
    if (seen.has(name as string)) {
      throw new TeamError("E_TEAM_ROLE", `team.roles[${i}]: two roles are named "${name}"; role names must be unique`, { field: `roles[${i}].name`, role: name });
    }
    seen.add(name as string);
  });
  if (typeof raw.create !== "function") {
    throw new TeamError("E_TEAM_SPEC", `team.create: expected a function (tools) => Runnable, got ${typeof raw.create}`, { field: "create" });
  }
  return { kind: "team", roles: raw.roles.map((r: { name: string; description: string }) => ({ name: r.name, description: r.description })), create: raw.create as TeamSpec["create"] };
}
