import { FunctionSpecError, ToolsetFileError } from "./errors.js";
import type { FunctionSpec } from "./function-spec.js";
import { READABLE_TOOLSET_VERSIONS, TOOLSET_FORMAT, type ToolsetMetadata } from "./toolset-file.js";
import { validateFunctionSpec, type ValidateFunctionSpecOptions } from "./validate-function-spec.js";

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Checks the envelope of a toolset file (format, version, functions,
 * metadata) and validates every function. `file` only labels errors.
 */
export function parseToolsetFile(
  json: unknown,
  opts: { file?: string } & Pick<ValidateFunctionSpecOptions, "allowedPackages" | "maxCodeChars"> = {},
): { functions: FunctionSpec[]; metadata: ToolsetMetadata | undefined } {
  const { file } = opts;
  if (!isPlainObject(json)) throw new ToolsetFileError("E_TOOLSET_FORMAT", file, `expected a JSON object with "format": "${TOOLSET_FORMAT}"`);
  if (json.format !== TOOLSET_FORMAT) {
    throw new ToolsetFileError("E_TOOLSET_FORMAT", file, `"format" must be "${TOOLSET_FORMAT}", got ${JSON.stringify(json.format) ?? "nothing"}`);
  }
  if (!(READABLE_TOOLSET_VERSIONS as readonly unknown[]).includes(json.version)) {
    throw new ToolsetFileError(
      "E_TOOLSET_VERSION",
      file,
      `unsupported toolset version ${JSON.stringify(json.version) ?? "(missing)"}; this toolforge reads versions ${READABLE_TOOLSET_VERSIONS.join(" and ")}`,
    );
  }
  if (!Array.isArray(json.functions)) throw new ToolsetFileError("E_TOOLSET_FORMAT", file, `"functions" must be an array`);
  if (json.metadata !== undefined && !isPlainObject(json.metadata)) {
    throw new ToolsetFileError("E_TOOLSET_FORMAT", file, `"metadata" must be an object when present`);
  }

  const seen = new Set<string>();
  const functions = json.functions.map((raw, index) => {
    // Roles came with version 2; in an older file they can only be a mistake.
    if (json.version === 1 && isPlainObject(raw) && raw.roles !== undefined) {
      throw new ToolsetFileError("E_TOOLSET_FORMAT", file, `functions[${index}] has "roles", which needs toolset version 2 (this file says version 1)`);
    }
    const spec = validateFunctionSpec(raw, { ...opts, file, index });
    if (seen.has(spec.name)) {
      throw new FunctionSpecError("E_FUNCTION_DUPLICATE", { file, index, function: spec.name, field: "name", reason: `the name "${spec.name}" is used by more than one function` });
    }
    seen.add(spec.name);
    return spec;
  });
  return { functions, metadata: json.metadata as ToolsetMetadata | undefined };
}
