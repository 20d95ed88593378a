import type { FunctionSpecInput } from "../functions/index.js";
import type { RejectionCode } from "./types.js";

/**
 * The result of reading an action's raw tool-call arguments.
 *
 * @example
 * import { normalizeRemoveArgs, type NormalizedAction } from "toolforge";
 * const r: NormalizedAction<string> = normalizeRemoveArgs({ name: "sq" });
 */
export type NormalizedAction<T> = { ok: true; value: T } | { ok: false; code: RejectionCode; reason: string };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const kindOf = (v: unknown): string => (v === undefined ? "nothing" : v === null ? "null" : Array.isArray(v) ? "an array" : `a ${typeof v}`);

/**
 * Turns the arguments of an `add_function` / `revise_function` call into a
 * function spec for `Toolset.add` / `revise`. Only the optimizer-facing
 * conveniences are handled here (the paper's string-encoded schema, the
 * properties-only schema form, packages as a string); every real check
 * (name, code, schema, packages allowed) is left to the functions module so
 * there is one validator.
 *
 * @example
 * import { normalizeSpecArgs } from "toolforge";
 * const r = normalizeSpecArgs({ name: "sq", description: "Square.", arguments: '{"x":{"type":"number"}}',
 *   packages: "", code: "function sq({ x }) { return x * x; }" });
 * if (r.ok) console.log(r.value.parameters); // { type: "object", properties: { x: { type: "number" } } }
 */
export function normalizeSpecArgs(args: unknown): NormalizedAction<FunctionSpecInput> {
  if (!isPlainObject(args)) {
    return { ok: false, code: "invalid_arguments", reason: `the arguments must be a JSON object, got ${kindOf(args)}` };
  }
  const parameters = normalizeParameters(args.arguments);
  if (!parameters.ok) return parameters;
  const packages = normalizePackages(args.packages);
  if (!packages.ok) return packages;
  // Capabilities take the same shapes as packages (array, comma-separated string, "").
  const capabilities = args.capabilities === undefined ? { ok: true as const, value: [] as string[] } : normalizePackages(args.capabilities);
  if (!capabilities.ok) return { ...capabilities, reason: capabilities.reason.replaceAll("packages", "capabilities") };
  // name/description/code are passed through untouched: their type and content
  // checks belong to validateFunctionSpec.
  const spec = {
    name: args.name,
    description: args.description,
    parameters: parameters.value,
    code: args.code,
    packages: packages.value,
    ...((capabilities.value as string[]).length > 0 ? { capabilities: capabilities.value } : {}),
    // Checked against the team by the caller (resolveActionRoles).
    ...(args.roles !== undefined ? { roles: args.roles } : {}),
  } as unknown as FunctionSpecInput;
  return { ok: true, value: spec };
}

/**
 * Reads the `name` argument of a `remove_function` call.
 *
 * @example
 * import { normalizeRemoveArgs } from "toolforge";
 * console.log(normalizeRemoveArgs({ name: "sq" })); // { ok: true, value: "sq" }
 */
export function normalizeRemoveArgs(args: unknown): NormalizedAction<string> {
  if (!isPlainObject(args)) {
    return { ok: false, code: "invalid_arguments", reason: `the arguments must be a JSON object, got ${kindOf(args)}` };
  }
  if (typeof args.name !== "string" || args.name.trim() === "") {
    return {
      ok: false,
      code: "invalid_arguments",
      reason: `field "name" must be a non-empty string, got ${kindOf(args.name)}`,
    };
  }
  return { ok: true, value: args.name.trim() };
}

function normalizeParameters(raw: unknown): NormalizedAction<unknown> {
  let schema = raw;
  if (typeof raw === "string") {
    try {
      schema = JSON.parse(raw);
    } catch (error) {
      return {
        ok: false,
        code: "invalid_arguments",
        reason: `field "arguments" is a string but not valid JSON (${(error as Error).message}); send the JSON Schema as an object or as a valid JSON string`,
      };
    }
  }
  if (!isPlainObject(schema)) return { ok: true, value: schema }; // the schema validator names the problem
  if (typeof schema.type === "string") return { ok: true, value: schema };
  if (schema.type === undefined && isPlainObject(schema.properties) && Object.values(schema.properties).every(isPlainObject)) {
    return { ok: true, value: { type: "object", ...schema } };
  }
  // The paper's form: only the properties map.
  return { ok: true, value: { type: "object", properties: schema } };
}

function normalizePackages(raw: unknown): NormalizedAction<unknown> {
  if (raw === undefined || raw === null) return { ok: true, value: [] };
  if (typeof raw !== "string") return { ok: true, value: raw }; // arrays (or wrong types) go to the validator
  const text = raw.trim();
  if (text.startsWith("[")) {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (error) {
      return {
        ok: false,
        code: "invalid_arguments",
        reason: `field "packages" looks like a JSON array but does not parse (${(error as Error).message})`,
      };
    }
  }
  return { ok: true, value: text.split(/[\s,]+/).filter((p) => p.length > 0) };
}
