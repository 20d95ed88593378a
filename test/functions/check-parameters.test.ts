import { describe, expect, it } from "vitest";
import { FunctionSpecError, validateFunctionSpec } from "../../src/functions/index.js";
import { addSpec } from "./fixtures.js";

// The reason a user (or the optimizer) reads when a function's argument schema is refused.
function parametersReason(parameters: unknown): string {
  try {
    validateFunctionSpec({ ...addSpec, parameters });
  } catch (e) {
    expect(e).toBeInstanceOf(FunctionSpecError);
    expect((e as FunctionSpecError).field).toBe("parameters");
    expect((e as FunctionSpecError).code).toBe("E_SPEC_SCHEMA");
    return (e as FunctionSpecError).reason;
  }
  throw new Error("expected the parameters to be refused");
}

const num = { type: "number" };

describe("argument schemas of learned functions", () => {
  it("accepts an object schema with or without required, and with no properties", () => {
    for (const parameters of [
      { type: "object", properties: { a: num, b: num }, required: ["a", "b"] },
      { type: "object", properties: { a: num } },
      { type: "object", properties: {}, required: [] },
    ]) {
      const properties = Object.keys(parameters.properties);
      const code = `function add({ ${properties.join(", ")} }) { return 1; }`;
      expect(validateFunctionSpec({ ...addSpec, parameters, code }).parameters).toEqual(parameters);
    }
  });

  it("wants a plain object, saying what it got", () => {
    expect(parametersReason(undefined)).toBe("must be a JSON Schema object, got nothing");
    expect(parametersReason(null)).toBe("must be a JSON Schema object, got null");
    expect(parametersReason([num])).toBe("must be a JSON Schema object, got an array");
    expect(parametersReason("object")).toBe("must be a JSON Schema object, got a string");
  });

  it("wants type object", () => {
    expect(parametersReason({ type: "array", properties: {} })).toBe('"type" must be "object" (the function takes one object argument), got "array"');
    expect(parametersReason({ properties: {} })).toBe('"type" must be "object" (the function takes one object argument), got undefined');
  });

  it("wants properties as an object of schema objects", () => {
    expect(parametersReason({ type: "object" })).toBe('"properties" must be an object mapping argument names to schemas, got nothing');
    expect(parametersReason({ type: "object", properties: null })).toBe('"properties" must be an object mapping argument names to schemas, got null');
    expect(parametersReason({ type: "object", properties: [num] })).toBe('"properties" must be an object mapping argument names to schemas, got an array');
    expect(parametersReason({ type: "object", properties: { a: num, b: 5 } })).toBe('"properties.b" must be a schema object, got a number');
    expect(parametersReason({ type: "object", properties: { a: [num] } })).toBe('"properties.a" must be a schema object, got an array');
  });

  it("wants required as distinct names of listed properties", () => {
    const properties = { a: num, b: num };
    expect(parametersReason({ type: "object", properties, required: "a" })).toBe('"required" must be an array of property names, got a string');
    expect(parametersReason({ type: "object", properties, required: ["a", 1] })).toBe('"required" must be an array of property names, got an array');
    expect(parametersReason({ type: "object", properties, required: ["a", "c"] })).toBe('"required" lists "c", which is not in "properties"');
    expect(parametersReason({ type: "object", properties, required: ["c", "b", "d"] })).toBe('"required" lists "c", "d", which are not in "properties"');
    expect(parametersReason({ type: "object", properties, required: ["toString"] })).toBe('"required" lists "toString", which is not in "properties"');
    expect(parametersReason({ type: "object", properties, required: ["a", "b", "a"] })).toBe('"required" has duplicate entries');
  });

  it("wants a valid draft-07 schema, quoting Ajv's complaint", () => {
    expect(parametersReason({ type: "object", properties: { a: { type: "string", minLength: -1 } } })).toBe(
      'is not a valid JSON Schema (draft-07): "properties.a.minLength" must be >= 0',
    );
  });

  it("checks each function's schema on its own: two functions may use the same $id", () => {
    const withId = (props: Record<string, object>) => ({ $id: "args", type: "object", properties: props });
    expect(validateFunctionSpec({ ...addSpec, parameters: withId({ a: num, b: num }) }).parameters.$id).toBe("args");
    const greet = { ...addSpec, name: "greet", code: "function greet({ who }) { return who; }", parameters: withId({ who: { type: "string" } }) };
    expect(validateFunctionSpec(greet).name).toBe("greet");
    expect(validateFunctionSpec(greet).name).toBe("greet");
  });

  it("refuses a pattern the linear-time engine cannot run", () => {
    expect(parametersReason({ type: "object", properties: { a: { type: "string", pattern: "^(a)\\1$" } } })).toMatch(/^JSON Schema does not compile: /);
  });
});
