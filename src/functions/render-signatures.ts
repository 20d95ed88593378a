import type { FunctionSpec } from "./function-spec.js";

/**
 * The five elements of each function (name, description, JSON schema of
 * arguments, packages, code) as compact text — the "List A" / "List B"
 * signatures of App. D.1 that the AgentOptimizer prompt shows.
 *
 * @example
 * import { Toolset, renderSignatures } from "toolforge";
 * console.log(renderSignatures(Toolset.empty())); // "(no functions)"
 */
export function renderSignatures(toolset: { readonly functions: readonly FunctionSpec[] } | readonly FunctionSpec[]): string {
  const functions: readonly FunctionSpec[] = "functions" in toolset ? toolset.functions : toolset;
  if (functions.length === 0) return "(no functions)";
  return functions
    .map((f, i) =>
      [
        `[${i + 1}] name: ${f.name}`,
        `description: ${f.description}`,
        `arguments (JSON schema): ${JSON.stringify(f.parameters)}`,
        `packages: ${f.packages.length > 0 ? f.packages.join(", ") : "(none)"}`,
        ...(f.roles ? [`roles: ${f.roles.join(", ")}`] : []),
        "code:",
        "```js",
        f.code.trimEnd(),
        "```",
      ].join("\n"),
    )
    .join("\n\n");
}
