import { DEFAULTS } from "../defaults.js";
import { ALLOWED_PACKAGES } from "../sandbox/libraries.js";
import { capabilitiesProblem, capabilitiesUsed } from "./check-capabilities.js";
import { findFunctionDefinition } from "./check-code.js";
import { nameProblem } from "./check-name.js";
import { readRoles } from "./check-roles.js";
import { parametersProblem } from "./check-parameters.js";
import { FunctionSpecError, type FunctionSpecField } from "./errors.js";
import type { FunctionParameters, FunctionSpec } from "./function-spec.js";
import { deepFreeze } from "./deep-freeze.js";

/**
 * Options of {@link validateFunctionSpec}.
 * @example
 * validateFunctionSpec(spec, { allowedPackages: [], maxCodeChars: 5_000 });
 */
export interface ValidateFunctionSpecOptions {
  /** Libraries `packages` may name; default {@link ALLOWED_PACKAGES}. */
  allowedPackages?: readonly string[];
  /** Longest accepted `code`; default `DEFAULTS.functions.maxCodeChars`. */
  maxCodeChars?: number;
  /** Toolset file the spec came from (named in errors). */
  file?: string;
  /** Position of the spec in that file (named in errors when the name is unusable). */
  index?: number;
}

/**
 * Checks an untrusted value (LLM output, a file entry) is a usable
 * {@link FunctionSpec} and returns a normalised, deeply frozen copy
 * (`packages` defaults to `[]`; `roles`, when given, must be distinct role
 * names; unknown keys are dropped). Throws a
 * {@link FunctionSpecError} naming the function, the field and why.
 * Does not run the code: it is parsed with acorn only.
 *
 * @example
 * import { validateFunctionSpec } from "toolforge";
 * const spec = validateFunctionSpec({
 *   name: "add", description: "Add a and b.",
 *   parameters: { type: "object", properties: { a: { type: "number" }, b: { type: "number" } }, required: ["a", "b"] },
 *   code: "function add({ a, b }) { return a + b; }",
 * });
 * console.log(spec.packages); // []
 */
export function validateFunctionSpec(spec: unknown, opts: ValidateFunctionSpecOptions = {}): FunctionSpec {
  const where = { file: opts.file, index: opts.index };
  const fail = (code: string, field: FunctionSpecField, reason: string, fn?: string, extra: { line?: number; column?: number } = {}): never => {
    throw new FunctionSpecError(code, { ...stripUndefined({ ...where, ...extra }), function: fn, field, reason });
  };
  if (typeof spec !== "object" || spec === null || Array.isArray(spec)) {
    return fail("E_SPEC_INVALID", "spec", `expected an object with name, description, parameters, code, packages; got ${spec === null ? "null" : Array.isArray(spec) ? "an array" : typeof spec}`);
  }
  const raw = spec as Record<string, unknown>;

  if (typeof raw.name !== "string") return fail("E_SPEC_INVALID", "name", `must be a string, got ${typeName(raw.name)}`);
  const name = raw.name;
  const badName = nameProblem(name);
  if (badName) return fail("E_SPEC_NAME", "name", badName, name);

  if (typeof raw.description !== "string" || raw.description.trim() === "") {
    return fail("E_SPEC_INVALID", "description", `must be a non-empty string, got ${typeName(raw.description)}`, name);
  }

  const badParameters = parametersProblem(raw.parameters);
  if (badParameters) return fail("E_SPEC_SCHEMA", "parameters", badParameters, name);

  if (typeof raw.code !== "string") return fail("E_SPEC_INVALID", "code", `must be a string, got ${typeName(raw.code)}`, name);
  const maxCodeChars = opts.maxCodeChars ?? DEFAULTS.functions.maxCodeChars;
  if (raw.code.length > maxCodeChars) {
    return fail("E_SPEC_CODE_TOO_LARGE", "code", `is ${raw.code.length} characters long; at most ${maxCodeChars} are allowed`, name);
  }
  const check = findFunctionDefinition(raw.code, name);
  if (!check.ok) return fail(check.code, "code", check.reason, name, stripUndefined({ line: check.line, column: check.column }));

  const packages = raw.packages ?? [];
  if (!Array.isArray(packages) || !packages.every((p) => typeof p === "string")) {
    return fail("E_SPEC_INVALID", "packages", `must be an array of package names, got ${typeName(packages)}`, name);
  }
  const allowed = opts.allowedPackages ?? ALLOWED_PACKAGES;
  const notAllowed = packages.filter((p) => !allowed.includes(p));
  if (notAllowed.length > 0) {
    return fail(
      "E_SPEC_PACKAGE",
      "packages",
      `${notAllowed.map((p) => `"${p}"`).join(", ")} ${notAllowed.length === 1 ? "is" : "are"} not allowed in the sandbox; allowed: ${allowed.join(", ") || "(none)"}`,
      name,
    );
  }
  if (new Set(packages).size !== packages.length) return fail("E_SPEC_INVALID", "packages", "lists a package twice", name);
  const undeclared = check.requires.filter((r) => !packages.includes(r));
  if (undeclared.length > 0) {
    return fail(
      "E_SPEC_PACKAGE",
      "packages",
      `code calls ${undeclared.map((r) => `require("${r}")`).join(", ")} but "packages" does not list ${undeclared.length === 1 ? "it" : "them"}` +
        (undeclared.every((r) => allowed.includes(r)) ? "" : ` (allowed: ${allowed.join(", ") || "(none)"})`),
      name,
    );
  }

  const capabilities = raw.capabilities ?? [];
  const badCapabilities = capabilitiesProblem(capabilities);
  if (badCapabilities) return fail("E_SPEC_CAPABILITY", "capabilities", badCapabilities, name);
  const undeclaredCaps = capabilitiesUsed(raw.code).filter((c) => !(capabilities as string[]).includes(c));
  if (undeclaredCaps.length > 0) {
    const computed = undeclaredCaps.some((c) => c.endsWith("[]"));
    return fail(
      "E_SPEC_CAPABILITY",
      "capabilities",
      computed
        ? "code reaches tools or functions with a computed name (tools[x]); call them as tools.<name> / functions.<name> and declare each"
        : `code uses ${undeclaredCaps.join(", ")} but "capabilities" does not list ${undeclaredCaps.length === 1 ? "it" : "them"}`,
      name,
    );
  }
  if ((capabilities as string[]).includes(`functions.${name}`)) return fail("E_SPEC_CAPABILITY", "capabilities", "a function cannot compose itself (functions." + name + ")", name);
  const roles = readRoles(raw.roles);
  if (!roles.ok) return fail("E_SPEC_INVALID", "roles", roles.reason, name);

  return deepFreeze({
    name,
    description: raw.description,
    // A JSON round trip guarantees the schema is plain JSON (no prototypes, no shared references).
    parameters: JSON.parse(JSON.stringify(raw.parameters)) as FunctionParameters,
    code: raw.code,
    packages: [...(packages as string[])],
    // Absent when empty, so toolsets without capabilities keep their hashes.
    ...((capabilities as string[]).length > 0 ? { capabilities: [...(capabilities as string[])] } : {}),
    // Absent rather than undefined, so a role-less spec hashes as before roles existed.
    ...(roles.roles ? { roles: roles.roles } : {}),
  });
}

function typeName(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") return v.trim() === "" ? "an empty string" : "a string";
  return `a ${typeof v}`;
}

function stripUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
