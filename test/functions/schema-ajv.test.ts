import { describe, expect, it } from "vitest";
import { createSchemaAjv, formatAjvErrors } from "../../src/functions/schema-ajv.js";

const errorsOf = (schema: object, value: unknown): string => {
  const validate = createSchemaAjv().compile(schema);
  expect(validate(value)).toBe(false);
  return formatAjvErrors(validate.errors ?? []);
};

describe("createSchemaAjv (the Ajv setup for LLM-written schemas)", () => {
  it("accepts annotation keywords it does not know, and ignores formats", () => {
    const validate = createSchemaAjv().compile({ type: "object", properties: { when: { type: "string", format: "date-time", "x-hint": "free text" } } });
    expect(validate({ when: "not a date" })).toBe(true);
  });

  it("refuses a schema that breaks the draft-07 meta-schema", () => {
    expect(() => createSchemaAjv().compile({ type: "object", required: "a" })).toThrow(/schema is invalid/);
    expect(() => createSchemaAjv().compile({ type: "string", minLength: -1 })).toThrow(/schema is invalid/);
  });

  it("stops at the first failing property (one error, not all)", () => {
    const schema = { type: "object", properties: { a: { type: "number" }, b: { type: "number" } } };
    expect(errorsOf(schema, { a: "x", b: "y" })).toBe('"a" must be number');
  });
});

describe("formatAjvErrors (argument errors as one line a model can act on)", () => {
  it("names nested fields with dots and leaves the path out for the root", () => {
    const schema = { type: "object", properties: { point: { type: "object", properties: { x: { type: "number" } } } } };
    expect(errorsOf(schema, { point: { x: "1" } })).toBe('"point.x" must be number');
    expect(errorsOf(schema, 7)).toBe("must be object");
  });

  it("lists the allowed values of an enum", () => {
    expect(errorsOf({ type: "object", properties: { unit: { enum: ["cm", "in"] } } }, { unit: "m" })).toBe('"unit" must be equal to one of the allowed values (cm, in)');
  });

  it("shows at most three errors, separated by semicolons", () => {
    const text = errorsOf({ anyOf: [{ type: "string" }, { type: "number" }, { type: "boolean" }, { type: "null" }] }, {});
    expect(text).toBe("must be string; must be number; must be boolean");
  });

  it("says 'is invalid' for an error without a message", () => {
    expect(formatAjvErrors([{ keyword: "x", instancePath: "/a", schemaPath: "#", params: {} }])).toBe('"a" is invalid');
  });
});
