import { describe, expect, it } from "vitest";
import { createSchemaAjv, formatAjvErrors, schemaDraftProblem, schemaValidator } from "../../src/functions/schema-ajv.js";

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

describe("schemaValidator (one compiled validator per distinct schema text)", () => {
  // Unique schemas per test run: the cache is shared by everything in this process.
  let n = 0;
  const fresh = () => ({ type: "object", description: `schema-ajv test ${process.pid} ${Date.now()} ${n++}`, properties: { a: { type: "number" } } });

  it("returns the same validator for equal schema texts, and a working one", () => {
    const schema = fresh();
    const validate = schemaValidator(schema);
    expect(schemaValidator(structuredClone(schema))).toBe(validate);
    expect(validate({ a: 1 })).toBe(true);
    expect(validate({ a: "x" })).toBe(false);
    expect(schemaValidator(fresh())).not.toBe(validate);
  });

  it("keeps the 256 most recently used schemas", () => {
    const first = fresh();
    const kept = schemaValidator(first);
    for (let i = 0; i < 255; i++) schemaValidator(fresh());
    // Using it again makes it the most recent: 255 more do not push it out.
    expect(schemaValidator(first)).toBe(kept);
    const second = fresh();
    const secondValidator = schemaValidator(second);
    for (let i = 0; i < 254; i++) schemaValidator(fresh());
    expect(schemaValidator(first)).toBe(kept);
    for (let i = 0; i < 256; i++) schemaValidator(fresh());
    const recompiled = schemaValidator(second);
    expect(recompiled).not.toBe(secondValidator);
    expect(recompiled({ a: 2 })).toBe(true);
  });

  it("compiles a schema that is not JSON every time, without caching it", () => {
    const big = { ...fresh(), "x-size": 10n };
    const a = schemaValidator(big);
    expect(a({ a: 1 })).toBe(true);
    expect(schemaValidator(big)).not.toBe(a);
  });

  it("forgets a schema's $id after compiling it, also when compiling fails", () => {
    expect(() => schemaValidator({ $id: "schema-ajv-test", type: "object", properties: { a: { $ref: "#/definitions/missing" } } })).toThrow(/can't resolve reference/);
    const validate = schemaValidator({ $id: "schema-ajv-test", type: "object", properties: { a: { type: "number" } } });
    expect(validate({ a: "x" })).toBe(false);
  });
});

describe("schemaDraftProblem", () => {
  it("accepts a valid draft-07 schema and explains an invalid one", () => {
    expect(schemaDraftProblem({ type: "object", properties: { a: { type: "number" } } })).toBeUndefined();
    expect(schemaDraftProblem({ type: "object", properties: { a: { type: "string", minLength: -1 } } })).toBe('"properties.a.minLength" must be >= 0');
  });
});
