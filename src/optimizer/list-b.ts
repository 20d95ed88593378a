import { canonicalJson } from "../functions/canonical-json.js";
import { renderSignatures, type FunctionSpec, type ToolsetFile } from "../functions/index.js";

/**
 * List B of the App. D.1 prompt: "the function set after {actions_num}
 * actions". Every function is listed with its name, description and
 * arguments; the code is shown for functions added or revised in this step
 * (an unchanged function's code is in List A, and repeating it would only
 * spend prompt tokens), and removed functions are named.
 *
 * @example
 * import { renderListB, Toolset } from "toolforge";
 * const a = Toolset.empty().toJSON();
 * console.log(renderListB(a, a, 0)); // "## List B — the function set after 0 actions\nList B is the same as List A: …"
 */
export function renderListB(best: ToolsetFile, current: ToolsetFile, actionsUsed: number): string {
  const heading = `## List B — the function set after ${actionsUsed} action${actionsUsed === 1 ? "" : "s"}`;
  const before = new Map(best.functions.map((f) => [f.name, canonicalJson(f)]));
  const unchanged = (f: FunctionSpec) => before.get(f.name) === canonicalJson(f);
  const removed = best.functions.filter((f) => !current.functions.some((g) => g.name === f.name)).map((f) => f.name);
  if (removed.length === 0 && current.functions.every(unchanged)) {
    return `${heading}\nList B is the same as List A${actionsUsed === 0 ? ": you start from List A." : "."}`;
  }
  const entries = current.functions.map((f, i) => {
    if (unchanged(f)) {
      return [
        `[${i + 1}] name: ${f.name} (unchanged from List A)`,
        `description: ${f.description}`,
        `arguments (JSON schema): ${JSON.stringify(f.parameters)}`,
        "code: as in List A",
      ].join("\n");
    }
    const status = before.has(f.name) ? "revised in this step" : "added in this step";
    return renderSignatures([f]).replace(/^\[1\] name: (.*)$/m, `[${i + 1}] name: $1 (${status})`);
  });
  return [
    heading,
    current.functions.length === 0 ? "(no functions)" : entries.join("\n\n"),
    ...(removed.length > 0 ? [`Removed in this step: ${removed.join(", ")}.`] : []),
  ].join("\n");
}
