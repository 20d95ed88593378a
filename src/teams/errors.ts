import { ToolforgeError } from "../errors.js";

/**
 * A team that cannot be trained or run: bad or duplicate role names, a
 * missing description, a factory that throws or returns something that is
 * not a runnable, a function naming a role the team does not have. Thrown
 * before any model is called. Codes: `E_TEAM_SPEC`, `E_TEAM_ROLE`,
 * `E_TEAM_FACTORY`, `E_TEAM_UNKNOWN_ROLE`; `context` names the role,
 * field or function.
 *
 * @example
 * import { TeamError, defineTeam } from "toolforge";
 * try { defineTeam({ roles: [{ name: "a", description: "x" }, { name: "a", description: "y" }], create: () => agent }); }
 * catch (e) { if (e instanceof TeamError) console.log(e.code, e.context.role); } // E_TEAM_ROLE a
 */
export class TeamError extends ToolforgeError {}
