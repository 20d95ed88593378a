/** Longest role name; LangGraph node names and OpenAI message names stay short. */
const MAX_ROLE_CHARS = 64;
// OpenAI's `name` field on messages allows exactly this alphabet, and LangGraph
// agents' names end up there.
const ROLE_PATTERN = /^[A-Za-z0-9_-]+$/;

/**
 * Why `name` cannot be a team role name, or undefined when it can: 1–64
 * characters of letters, digits, `_` and `-` (what a LangGraph agent name
 * may be when it travels as an OpenAI message `name`).
 *
 * @example
 * import { roleNameProblem } from "toolforge";
 * roleNameProblem("researcher"); // undefined
 * roleNameProblem("data analyst"); // "must use only letters, digits, _ and - …"
 */
export function roleNameProblem(name: unknown): string | undefined {
  if (typeof name !== "string" || name === "") return `must be a non-empty string, got ${JSON.stringify(name) ?? typeof name}`;
  if (name.length > MAX_ROLE_CHARS) return `"${name.slice(0, 20)}…" is ${name.length} characters long; at most ${MAX_ROLE_CHARS} are allowed`;
  if (!ROLE_PATTERN.test(name)) return `"${name}" must use only letters, digits, _ and - (it becomes a LangGraph agent and message name)`;
  return undefined;
}

/**
 * Reads the `roles` field of a function spec: absent (or `null`) means
 * every role; otherwise a non-empty array of distinct role names.
 * Returns the roles or a reason.
 */
export function readRoles(raw: unknown): { ok: true; roles: string[] | undefined } | { ok: false; reason: string } {
  if (raw === undefined || raw === null) return { ok: true, roles: undefined };
  if (!Array.isArray(raw)) return { ok: false, reason: `must be an array of role names (omit it for every role), got ${typeof raw}` };
  if (raw.length === 0) return { ok: false, reason: "is empty; omit it to give the function to every role" };
  for (const [i, role] of raw.entries()) {
    const problem = roleNameProblem(role);
    if (problem) return { ok: false, reason: `roles[${i}] ${problem}` };
  }
  if (new Set(raw).size !== raw.length) return { ok: false, reason: "lists a role twice" };
  return { ok: true, roles: [...(raw as string[])] };
}
