import type { FunctionSpec } from "../functions/function-spec.js";

/**
 * One group of {@link groupByRole}: a role (or `null` for the functions
 * every role gets) and its functions.
 *
 * @example
 * const g: import("toolforge").RoleGroup = { role: "calculator", functions: [] };
 */
export interface RoleGroup {
  role: string | null;
  functions: FunctionSpec[];
}

/**
 * Groups functions by the role that gets them, for reports and `inspect`:
 * first those for every role (`role: null`), then each named role in order
 * of first appearance. A function naming several roles is listed under
 * each. Returns one `null` group when no function has roles.
 *
 * @example
 * import { groupByRole } from "toolforge";
 * for (const g of groupByRole(toolset.functions)) console.log(g.role ?? "every role", g.functions.map((f) => f.name));
 */
export function groupByRole(functions: readonly FunctionSpec[]): RoleGroup[] {
  const shared: FunctionSpec[] = [];
  const byRole = new Map<string, FunctionSpec[]>();
  for (const f of functions) {
    if (f.roles === undefined) shared.push(f);
    else for (const role of f.roles) byRole.set(role, [...(byRole.get(role) ?? []), f]);
  }
  const groups: RoleGroup[] = shared.length > 0 || byRole.size === 0 ? [{ role: null, functions: shared }] : [];
  for (const [role, fns] of byRole) groups.push({ role, functions: fns });
  return groups;
}

/**
 * Whether any function is limited to some roles (so output should be grouped).
 *
 * @example
 * import { hasRoles } from "toolforge";
 * if (hasRoles(toolset.functions)) console.log("a team toolset");
 */
export function hasRoles(functions: readonly FunctionSpec[]): boolean {
  return functions.some((f) => f.roles !== undefined);
}
