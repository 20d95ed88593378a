import type { FunctionSpec, ToolsetFile } from "../functions/index.js";
import type { TeamRole } from "../teams/types.js";

/**
 * The "team" section of the optimizer prompt: each role with its
 * description and the functions it gets from `toolset` (List B), and how
 * `roles` works. Empty for a single agent or a one-role team.
 *
 * @example
 * import { renderTeamSection, Toolset } from "toolforge";
 * console.log(renderTeamSection([{ name: "researcher", description: "Finds facts." }, { name: "calculator", description: "Computes." }], Toolset.empty().toJSON()));
 */
export function renderTeamSection(team: readonly TeamRole[] | undefined, toolset: ToolsetFile): string {
  if (!team || team.length < 2) return "";
  const functions = toolset.functions as readonly FunctionSpec[];
  const lines = team.map((role) => {
    const own = functions.filter((f) => f.roles === undefined || f.roles.includes(role.name)).map((f) => f.name);
    return `- ${role.name}: ${role.description.trim()} Functions: ${own.length > 0 ? own.join(", ") : "(none)"}.`;
  });
  return [
    "## The team",
    `The assistant is a team of ${team.length} agents (roles). Each role can call only the functions it gets: those without "roles" go to every role, the others only to the roles they name. In the histories, each message and call is labelled with the role that made it.`,
    ...lines,
    `add_function and revise_function take an optional "roles" argument (role names from: ${team.map((r) => r.name).join(", ")}); give a function to the role that needs it.`,
  ].join("\n");
}
