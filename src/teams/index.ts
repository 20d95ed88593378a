export { TeamError } from "./errors.js";
export type { TeamRole, TeamTools, TeamFactory, TeamSpec } from "./types.js";
export { defineTeam, isTeamSpec } from "./define-team.js";
export { resolveTeam, probeTeam, checkToolsetRoles } from "./resolve-team.js";
export { groupByRole, hasRoles, type RoleGroup } from "./group-by-role.js";
