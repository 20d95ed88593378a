import { Runnable } from "@langchain/core/runnables";
import type { CapabilityRuntime } from "../capabilities/index.js";
import { asRunnable } from "../agents/resolve-agent.js";
import type { AgentRunnable } from "../agents/types.js";
import type { FunctionSpec } from "../functions/function-spec.js";
import type { Toolset } from "../functions/toolset.js";
import type { Sandbox } from "../sandbox/types.js";
import { defineTeam } from "./define-team.js";
import { TeamError } from "./errors.js";
import type { TeamSpec, TeamTools } from "./types.js";

/**
 * Throws `E_TEAM_UNKNOWN_ROLE` when a function names a role the team does
 * not have (a typo would otherwise silently hide the function from everyone).
 *
 * @example
 * import { checkToolsetRoles } from "toolforge";
 * checkToolsetRoles(toolset.functions, team.roles.map((r) => r.name));
 */
export function checkToolsetRoles(functions: readonly FunctionSpec[], roles: readonly string[], source = "toolset"): void {
  for (const f of functions) {
    const unknown = (f.roles ?? []).filter((r) => !roles.includes(r));
    if (unknown.length > 0) {
      throw new TeamError(
        "E_TEAM_UNKNOWN_ROLE",
        `${source}: function "${f.name}" names ${unknown.map((r) => `"${r}"`).join(", ")}, not a role of the team (roles: ${roles.join(", ")})`,
        { function: f.name, role: unknown[0], roles: [...roles] },
      );
    }
  }
}

/**
 * Turns a team into a builder of its runnable for a given toolset: checks
 * the team and the toolset's roles, gives each role its tools
 * (`toolset.toTools({ sandbox, role })`) and calls `team.create`. A factory
 * that throws or returns something without `invoke` gives `E_TEAM_FACTORY`.
 *
 * @example
 * import { resolveTeam, Toolset } from "toolforge";
 * const build = resolveTeam(team, { sandbox });
 * const runnable = await build(Toolset.empty());
 */
export function resolveTeam(spec: TeamSpec, opts: { sandbox: Sandbox; capabilities?: CapabilityRuntime }) {
  const team = defineTeam(spec);
  const roles = team.roles.map((r) => r.name);
  // `functions` is optional so any `{ toTools }` works, as with other agent specs.
  return async (toolset: Pick<Toolset, "toTools"> & Partial<Pick<Toolset, "functions">>): Promise<AgentRunnable> => {
    if (toolset.functions) checkToolsetRoles(toolset.functions, roles);
    const tools: TeamTools = Object.fromEntries(roles.map((role) => [role, toolset.toTools({ sandbox: opts.sandbox, role, ...(opts.capabilities ? { capabilities: opts.capabilities } : {}) })]));
    let built: unknown;
    try {
      built = await team.create(tools);
    } catch (error) {
      throw new TeamError("E_TEAM_FACTORY", `team.create threw: ${(error as Error)?.message ?? String(error)}`, { field: "create" }, { cause: error });
    }
    if (!Runnable.isRunnable(built) && typeof (built as { invoke?: unknown } | null)?.invoke !== "function") {
      throw new TeamError(
        "E_TEAM_FACTORY",
        `team.create must return a Runnable (e.g. createSupervisor(...).compile()) or an object with invoke({ messages }); got ${built === null ? "null" : typeof built}`,
        { field: "create" },
      );
    }
    return asRunnable(built as AgentRunnable);
  };
}

// Builds the team once with tools that would refuse to run, so a broken
// factory or role fails before a directory is written or a model is paid.
const refusingSandbox = new Proxy({} as Sandbox, {
  get: (_t, key) => (key === "allowedPackages" ? [] : () => Promise.reject(new Error("the team probe never runs tools"))),
});

/**
 * Checks a team against a toolset without running anything: the team's
 * roles, the toolset's roles, and that the factory returns a runnable.
 *
 * @example
 * import { probeTeam, Toolset } from "toolforge";
 * await probeTeam(team, Toolset.empty()); // throws TeamError when something is wrong
 */
export async function probeTeam(spec: TeamSpec, toolset: Pick<Toolset, "toTools" | "functions">): Promise<void> {
  await resolveTeam(spec, { sandbox: refusingSandbox })(toolset);
}
