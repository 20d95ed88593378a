import { CapabilityPolicyError } from "./errors.js";
import type { ResolvedCapabilityPolicy } from "./capability-policy.js";

const SIGNATURES: Record<string, string> = {
  fetch:
    "- `await fetch(url, { method, headers, body, as })` → `{ url, status, headers, text?, base64?, bytes }` (declare \"fetch\"). `as: \"base64\"` for binary files (PDF, XLSX).",
  parse:
    "- `await parse.html(x)` → readable text; `parse.markdown(x)` → Markdown; `parse.tables(x)` → `[{ caption?, rows: string[][] }]`; `parse.pdf(x)` → text; `parse.csv(x)` → `string[][]`; `parse.xlsx(x)` → `[{ sheet, rows }]` (declare \"parse\"). `x` is a string or what fetch/readAttachment return.",
  readAttachment: "- `await readAttachment(name)` → `{ name, mediaType, bytes, text?, base64 }`: the current task's attached files only (declare \"readAttachment\").",
  search: "- `await search(query)` → the search provider's results (declare \"search\").",
  functions: "- `await functions.NAME(args)` → the result of another function of this set (declare \"functions.NAME\"; no cycles).",
};

/**
 * The part of the optimizer's prompt that lists what learned functions may
 * do beyond computing in this run — exactly the granted capabilities, with
 * their signatures — or a line saying there is nothing but computation.
 *
 * @example
 * import { capabilityGuide, resolveCapabilityPolicy } from "toolforge";
 * console.log(capabilityGuide(resolveCapabilityPolicy({ parse: true })));
 */
export function capabilityGuide(policy: ResolvedCapabilityPolicy | undefined): string {
  const granted = policy ? [...policy.granted] : [];
  if (granted.length === 0) return "Capabilities granted in this run: none. Functions are pure computation (no network, files, search or other tools).";
  const lines = [
    "Capabilities granted in this run (async; await them, so the function must be `async`). A function must list each one it uses in `capabilities`:",
  ];
  for (const name of ["fetch", "parse", "readAttachment", "search", "functions"]) if (policy?.granted.has(name)) lines.push(SIGNATURES[name] as string);
  for (const [name, tool] of policy?.hostTools ?? []) lines.push(`- \`await tools.${name}(args)\` → ${tool.description.split("\n")[0]} (declare "tools.${name}").`);
  if (policy?.granted.has("fetch")) lines.push(`Hosts fetch may reach: ${policy.net.allow.map((p) => p.source).join(", ")}; methods: ${policy.net.methods.join(", ")}.`);
  lines.push("A refused or failed call throws a CapabilityError with a `code` (e.g. E_CAP_HOST_NOT_ALLOWED) and a reason.");
  return lines.join("\n");
}

/**
 * Declared capabilities the policy does not grant, per function: what a
 * toolset needs that this run lacks.
 *
 * @example
 * import { missingCapabilities, resolveCapabilityPolicy } from "toolforge";
 * missingCapabilities([{ name: "f", capabilities: ["fetch"] }], resolveCapabilityPolicy({})); // [{ function: "f", missing: ["fetch"] }]
 */
export function missingCapabilities(functions: readonly { name: string; capabilities?: readonly string[] }[], policy: ResolvedCapabilityPolicy | undefined): { function: string; missing: string[] }[] {
  const granted = policy?.granted ?? new Set<string>();
  return functions
    .map((f) => ({ function: f.name, missing: (f.capabilities ?? []).filter((c) => !granted.has(c.startsWith("functions.") ? "functions" : c)) }))
    .filter((m) => m.missing.length > 0);
}

/**
 * Throws {@link CapabilityPolicyError} (`E_POLICY_MISSING`) when a toolset
 * needs capabilities the run's policy does not grant, naming each function
 * and what it lacks.
 *
 * @example
 * import { assertCapabilitiesGranted, resolveCapabilityPolicy } from "toolforge";
 * assertCapabilitiesGranted(toolset.functions, resolveCapabilityPolicy({ parse: true }), "gaia.toolset.json");
 */
export function assertCapabilitiesGranted(functions: readonly { name: string; capabilities?: readonly string[] }[], policy: ResolvedCapabilityPolicy | undefined, source = "toolset"): void {
  const missing = missingCapabilities(functions, policy);
  if (missing.length === 0) return;
  const list = missing.map((m) => `function "${m.function}" needs ${m.missing.join(", ")}`).join("; ");
  throw new CapabilityPolicyError("E_POLICY_MISSING", source, `${list}, which this run's capability policy does not grant (granted: ${[...(policy?.granted ?? [])].join(", ") || "none"})`);
}
