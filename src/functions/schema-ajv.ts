import { Ajv, type ErrorObject } from "ajv";
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
