import { createRequire } from "node:module";
import { canonicalJson } from "./canonical-json.js";
import type { FunctionSpec } from "./function-spec.js";

// `diff` is loaded on the first code diff, not with `import("toolforge")`:
// the root import stays within its start-up budget (bench/startup.mjs).
const requireLazily = createRequire(import.meta.url);
let createTwoFilesPatch: typeof import("diff").createTwoFilesPatch | undefined;

/**
 * Which elements of a function a revision changed.
 * @example
 * const codeChanged = Toolset.diff(a, b).revised.some((r) => r.changed.includes("code"));
 */
export type RevisedField = "description" | "parameters" | "code" | "packages" | "roles";

/**
 * One function present in both toolsets with different content.
 * @example
 * for (const r of Toolset.diff(a, b).revised) console.log(r.name, r.changed, r.codeDiff);
 */
export interface FunctionRevision {
  name: string;
  before: FunctionSpec;
  after: FunctionSpec;
  changed: RevisedField[];
  /** Unified diff of `before.code` → `after.code` ("" when the code is unchanged). */
  codeDiff: string;
}

/**
 * What changed from toolset `a` to toolset `b`.
 * @example
 * const { added, removed, revised, unchanged } = Toolset.diff(a, b);
 */
export interface ToolsetDiff {
  added: FunctionSpec[];
  removed: FunctionSpec[];
  revised: FunctionRevision[];
  /** Names present and identical in both. */
  unchanged: string[];
}

/**
 * Compares two toolsets (anything with `functions`) by function name.
 *
 * @example
 * import { Toolset, diffToolsets } from "toolforge";
 * const d = diffToolsets(before, after);
 * console.log(d.added.map((f) => f.name), d.revised.map((r) => r.changed));
 */
export function diffToolsets(a: { readonly functions: readonly FunctionSpec[] }, b: { readonly functions: readonly FunctionSpec[] }): ToolsetDiff {
  const before = new Map(a.functions.map((f) => [f.name, f]));
  const after = new Map(b.functions.map((f) => [f.name, f]));
  const diff: ToolsetDiff = { added: [], removed: [], revised: [], unchanged: [] };
  for (const f of a.functions) if (!after.has(f.name)) diff.removed.push(f);
  for (const f of b.functions) {
    const old = before.get(f.name);
    if (!old) {
      diff.added.push(f);
      continue;
    }
    const changed = (["description", "parameters", "code", "packages", "roles"] as const).filter(
      // Absent roles mean every role; `null` makes that comparable.
      (field) => canonicalJson(old[field] ?? null) !== canonicalJson(f[field] ?? null),
    );
    if (changed.length === 0) diff.unchanged.push(f.name);
    else diff.revised.push({ name: f.name, before: old, after: f, changed, codeDiff: codeDiff(f.name, old.code, f.code) });
  }
  return diff;
}

/**
 * Human-readable text of a {@link ToolsetDiff}: `+` added, `-` removed,
 * `~` revised (with changed fields, role changes and a unified code diff).
 *
 * @example
 * import { Toolset, formatToolsetDiff } from "toolforge";
 * console.log(formatToolsetDiff(Toolset.diff(before, after)));
 * // ~ revised add (code)
 * //   --- a/add.js
 * //   +++ b/add.js
 * //   @@ -1 +1 @@ ...
 */
export function formatToolsetDiff(diff: ToolsetDiff): string {
  const lines: string[] = [];
  for (const f of diff.added) lines.push(`+ added ${f.name}${f.roles ? ` for ${rolesText(f.roles)}` : ""}: ${oneLine(f.description)}`);
  for (const f of diff.removed) lines.push(`- removed ${f.name}`);
  for (const r of diff.revised) {
    lines.push(`~ revised ${r.name} (${r.changed.join(", ")})`);
    if (r.changed.includes("description")) lines.push(`  description: ${JSON.stringify(r.before.description)} -> ${JSON.stringify(r.after.description)}`);
    if (r.changed.includes("parameters")) lines.push(`  parameters: ${canonicalJson(r.before.parameters)} -> ${canonicalJson(r.after.parameters)}`);
    if (r.changed.includes("packages")) lines.push(`  packages: [${r.before.packages.join(", ")}] -> [${r.after.packages.join(", ")}]`);
    if (r.changed.includes("roles")) lines.push(`  roles: ${rolesText(r.before.roles)} -> ${rolesText(r.after.roles)}`);
    if (r.codeDiff) lines.push(...r.codeDiff.trimEnd().split("\n").map((l) => `  ${l}`));
  }
  return lines.length > 0 ? lines.join("\n") : "(no changes)";
}

function codeDiff(name: string, before: string, after: string): string {
  if (before === after) return "";
  createTwoFilesPatch ??= (requireLazily("diff") as typeof import("diff")).createTwoFilesPatch;
  const patch = createTwoFilesPatch(`a/${name}.js`, `b/${name}.js`, ensureNewline(before), ensureNewline(after), undefined, undefined, { context: 3 });
  // Drop the "=====" banner and the empty header tabs: they are noise in prompts and logs.
  return patch
    .split("\n")
    .filter((l) => !/^=+$/.test(l))
    .map((l) => (l.startsWith("--- ") || l.startsWith("+++ ") ? l.trimEnd() : l))
    .join("\n");
}

const rolesText = (roles: readonly string[] | undefined) => (roles ? `[${roles.join(", ")}]` : "every role");
const ensureNewline = (s: string) => (s.endsWith("\n") ? s : `${s}\n`);
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
