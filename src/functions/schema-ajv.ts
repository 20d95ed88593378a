import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { linearRegExp } from "./linear-regexp.js";

/**
 * The one Ajv setup for LLM-written JSON Schemas: draft-07, non-strict
 * (harmless annotation keywords such as `examples` are common), patterns
 * run by a linear-time engine, and `format` kept as an annotation (its
 * checks are regular expressions too). The same setup checks a schema when
 * a function is accepted and validates its arguments at every call, so a
 * schema that passed the first never fails to compile at the second.
 *
 * @example
 * import { createSchemaAjv } from "./schema-ajv.js";
 * const validate = createSchemaAjv().compile({ type: "object", properties: { a: { type: "string", pattern: "^(a+)+$" } } });
 * validate({ a: "a".repeat(40) + "!" }); // false, at once
 */
export function createSchemaAjv(): Ajv {
  return new Ajv({
    strict: false,
    allErrors: false,
    validateSchema: true,
    // Stated so that registering formats later stays a decision: none is registered, so Ajv ignores `format` either way.
    // Stryker disable next-line BooleanLiteral: no format is registered and strict is off, so Ajv skips every format (silently) either way
    validateFormats: false,
    logger: false,
    code: { regExp: linearRegExp },
  });
}

const shared = createSchemaAjv();
/** Compiled validators by schema text, least recently used first. */
const validators = new Map<string, ValidateFunction>();
// Learned functions have a handful of distinct schemas; the bound only stops
// a long run with ever-new schemas from keeping every one.
const MAX_VALIDATORS = 256;

/**
 * Why `schema` is not a valid JSON Schema (draft-07) under
 * {@link createSchemaAjv}'s setup, or `undefined`; checked by the same Ajv
 * instance that {@link schemaValidator} compiles with.
 *
 * @example
 * import { schemaDraftProblem } from "./schema-ajv.js";
 * schemaDraftProblem({ type: "object", properties: { a: { type: 7 } } }); // '"properties.a.type" must be equal to one of the allowed values …'
 */
export function schemaDraftProblem(schema: object): string | undefined {
  return shared.validateSchema(schema) ? undefined : formatAjvErrors(shared.errors ?? []);
}

/**
 * The validator of a JSON Schema under {@link createSchemaAjv}'s setup,
 * compiled once per distinct schema text. Tools are rebuilt for every task,
 * each with a fresh schema object, and Ajv keeps every schema object it has
 * compiled: compiling per tool grew the heap by ~10 kB per task and cost a
 * code generation each time. Throws what `Ajv.compile` throws.
 *
 * @example
 * import { schemaValidator } from "./schema-ajv.js";
 * const validate = schemaValidator({ type: "object", properties: { a: { type: "number" } } });
 * validate({ a: 1 }); // true
 */
export function schemaValidator(schema: object): ValidateFunction {
  let key: string | undefined;
  try {
    key = JSON.stringify(schema);
  } catch {
    // Not JSON (e.g. cyclic): compiled every time, never cached.
  }
  const cached = key === undefined ? undefined : validators.get(key);
  if (cached) {
    validators.delete(key!);
    validators.set(key!, cached);
    return cached;
  }
  let validate: ValidateFunction;
  try {
    validate = shared.compile(schema);
  } finally {
    shared.removeSchema(schema);
  }
  if (key !== undefined) {
    validators.set(key, validate);
    if (validators.size > MAX_VALIDATORS) validators.delete(validators.keys().next().value!);
  }
  return validate;
}

/**
 * Ajv errors as one line a model can act on: `"a.b" must be number; …`.
 *
 * @example
 * import { createSchemaAjv, formatAjvErrors } from "./schema-ajv.js";
 * const v = createSchemaAjv().compile({ type: "object", properties: { a: { type: "number" } } });
 * v({ a: "x" }); formatAjvErrors(v.errors ?? []); // '"a" must be number'
 */
export function formatAjvErrors(errors: readonly ErrorObject[]): string {
  return errors
    .slice(0, 3)
    .map((e) => {
      const at = e.instancePath ? `"${e.instancePath.slice(1).replaceAll("/", ".")}" ` : "";
      const allowed = e.keyword === "enum" ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(", ")})` : "";
      return `${at}${e.message ?? "is invalid"}${allowed}`;
    })
    .join("; ");
}
