import { schemaDraftProblem, schemaValidator } from "./schema-ajv.js";

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Why `parameters` is not an acceptable argument schema, or `undefined`.
 * Requires `type: "object"`, `properties` an object of schemas, `required`
 * (optional) a list of unique property names, and the whole a valid
 * JSON Schema draft-07 that Ajv can compile, with every `pattern` one the
 * linear-time engine accepts (see `schema-ajv.ts`).
 */
export function parametersProblem(parameters: unknown): string | undefined {
  if (!isPlainObject(parameters)) return `must be a JSON Schema object, got ${describe(parameters)}`;
  if (parameters.type !== "object") return `"type" must be "object" (the function takes one object argument), got ${JSON.stringify(parameters.type)}`;
  const { properties, required } = parameters;
  if (!isPlainObject(properties)) return `"properties" must be an object mapping argument names to schemas, got ${describe(properties)}`;
  for (const [key, schema] of Object.entries(properties)) {
    if (!isPlainObject(schema)) return `"properties.${key}" must be a schema object, got ${describe(schema)}`;
  }
  if (required !== undefined) {
    if (!Array.isArray(required) || !required.every((r) => typeof r === "string")) {
      return `"required" must be an array of property names, got ${describe(required)}`;
    }
    const missing = required.filter((r) => !Object.hasOwn(properties, r));
    if (missing.length > 0) return `"required" lists ${missing.map((m) => `"${m}"`).join(", ")}, which ${missing.length === 1 ? "is" : "are"} not in "properties"`;
    if (new Set(required).size !== required.length) return `"required" has duplicate entries`;
  }
  const draftProblem = schemaDraftProblem(parameters);
  if (draftProblem !== undefined) return `is not a valid JSON Schema (draft-07): ${draftProblem}`;
  try {
    schemaValidator(parameters);
  } catch (error) {
    return `JSON Schema does not compile: ${(error as Error).message}`;
  }
  return undefined;
}

function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return `a ${typeof v}`;
}
