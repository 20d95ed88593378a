import { describe, expect, it } from "vitest";
import { FunctionSpecError, validateFunctionSpec } from "../../src/functions/index.js";
import { DEFAULTS } from "../../src/defaults.js";
import { addSpec } from "./fixtures.js";

function errorOf(spec: unknown, opts?: Parameters<typeof validateFunctionSpec>[1]): FunctionSpecError {
  try {
    validateFunctionSpec(spec, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(FunctionSpecError);
    return e as FunctionSpecError;
  }
  throw new Error("expected validateFunctionSpec to throw");
}

describe("validateFunctionSpec", () => {
  it("returns a frozen normalised copy with packages defaulting to []", () => {
    const { packages: _omit, ...noPackages } = addSpec;
    const input = { ...noPackages, extra: "dropped" };
    const spec = validateFunctionSpec(input);
    expect(spec.packages).toEqual([]);
    expect(spec).not.toHaveProperty("extra");
    expect(Object.isFrozen(spec)).toBe(true);
    expect(Object.isFrozen(spec.parameters.properties.a)).toBe(true);
    expect(spec.parameters).not.toBe(addSpec.parameters);
  });

  it.each([
    ["function NAME", "function f({ x }) { return x; }"],
    ["async function NAME", "async function f({ x }) { return x; }"],
    ["const arrow", "const f = ({ x }) => x;"],
    ["async arrow", "const f = async (args) => args.x;"],
    ["let function expression", "let f = function (args) { return args.x; };"],
    ["var async function expression", "var f = async function named(args) { return 1; };"],
    ["no parameters", "function f() { return 1; }"],
    ["helpers alongside", "const helper = (x) => x * 2;\nfunction f({ x }) { return helper(x); }"],
  ])("accepts %s", (_label, code) => {
    expect(validateFunctionSpec({ ...addSpec, name: "f", code }).code).toBe(code);
  });

  it.each([
    ["1abc", "not a valid identifier"],
    ["with-dash", "not a valid identifier"],
    ["has$dollar", "not a valid identifier"],
    ["class", "reserved word"],
    ["yield", "reserved word"],
    ["x".repeat(65), "at most 64"],
    ["", "empty"],
  ])("rejects the name %j", (name, why) => {
    const e = errorOf({ ...addSpec, name });
    expect(e.code).toBe("E_SPEC_NAME");
    expect(e.field).toBe("name");
    expect(e.reason).toContain(why);
  });

  it("reports a syntax error with line and column", () => {
    const e = errorOf({ ...addSpec, code: "function add({ a, b }) {\n  return a +;\n}" });
    expect(e.code).toBe("E_SPEC_CODE_SYNTAX");
    expect(e.function).toBe("add");
    expect(e.field).toBe("code");
    expect(e.context.line).toBe(2);
    expect(e.message).toMatch(/function "add", field "code" \(line 2, column \d+\): code does not parse/);
  });

  it("explains that import statements are unavailable", () => {
    const e = errorOf({ ...addSpec, code: "import x from 'mathjs';\nfunction add() {}" });
    expect(e.code).toBe("E_SPEC_CODE_SYNTAX");
    expect(e.reason).toContain("import/export are not available");
  });

  it("rejects top-level await (the code is a classic script)", () => {
    expect(errorOf({ ...addSpec, code: "await 1;\nfunction add() {}" }).code).toBe("E_SPEC_CODE_SYNTAX");
  });

  it("rejects code that does not define the named function and lists what it does define", () => {
    const e = errorOf({ ...addSpec, code: "function sum({ a, b }) { return a + b; }" });
    expect(e.code).toBe("E_SPEC_CODE_NOT_DEFINED");
    expect(e.reason).toContain('"add"');
    expect(e.reason).toContain('defines "sum"');
  });

  it("does not accept a nested definition or a non-function binding", () => {
    expect(errorOf({ ...addSpec, code: "function outer() { function add() {} }" }).code).toBe("E_SPEC_CODE_NOT_DEFINED");
    expect(errorOf({ ...addSpec, code: "const add = 3;" }).code).toBe("E_SPEC_CODE_NOT_DEFINED");
  });

  it("rejects generators and multi-parameter functions", () => {
    expect(errorOf({ ...addSpec, code: "function* add() { yield 1; }" }).reason).toContain("generator");
    expect(errorOf({ ...addSpec, code: "function add(a, b) { return a + b; }" }).reason).toContain("one object argument");
  });

  it("limits the code size", () => {
    const code = `function add() { return 1; }\n//${"x".repeat(100)}`;
    const e = errorOf({ ...addSpec, code }, { maxCodeChars: 50 });
    expect(e.code).toBe("E_SPEC_CODE_TOO_LARGE");
    expect(e.reason).toContain(`${code.length} characters`);
  });

  it.each([
    [{ type: "array", items: {} }, '"type" must be "object"'],
    [{ type: "object" }, '"properties" must be an object'],
    [{ type: "object", properties: { a: 5 } }, '"properties.a" must be a schema object'],
    [{ type: "object", properties: { a: { type: "number" } }, required: ["b"] }, '"b", which is not in "properties"'],
    [{ type: "object", properties: { a: { type: "float" } } }, "not a valid JSON Schema"],
    [{ type: "object", properties: { a: { type: "string", minLength: -1 } } }, "not a valid JSON Schema"],
    [{ type: "object", properties: { a: { $ref: "#/definitions/missing" } } }, "does not compile"],
    ["{}", "must be a JSON Schema object"],
  ])("rejects the parameters %j", (parameters, why) => {
    const e = errorOf({ ...addSpec, parameters });
    expect(e.code).toBe("E_SPEC_SCHEMA");
    expect(e.field).toBe("parameters");
    expect(e.reason).toContain(why);
  });

  it("rejects packages outside the allow-list, naming them", () => {
    const e = errorOf({ ...addSpec, packages: ["mathjs", "lodash"] });
    expect(e.code).toBe("E_SPEC_PACKAGE");
    expect(e.reason).toContain('"lodash" is not allowed');
    expect(e.reason).toContain("allowed: mathjs");
    expect(validateFunctionSpec({ ...addSpec, packages: ["mathjs"] }).packages).toEqual(["mathjs"]);
    expect(errorOf({ ...addSpec, packages: ["x"] }, { allowedPackages: [] }).reason).toContain("(none)");
  });

  it("requires libraries used via require() to be declared in packages", () => {
    const code = 'function add({ a, b }) { const math = require("mathjs"); return math.add(a, b); }';
    const e = errorOf({ ...addSpec, code, packages: [] });
    expect(e.code).toBe("E_SPEC_PACKAGE");
    expect(e.reason).toBe('code calls require("mathjs") but "packages" does not list it');
    expect(validateFunctionSpec({ ...addSpec, code, packages: ["mathjs"] }).packages).toEqual(["mathjs"]);
    const foreign = errorOf({ ...addSpec, code: 'const fs = require("fs");\nfunction add() {}' });
    expect(foreign.reason).toContain("(allowed: mathjs, nerdamer)");
  });

  it("keeps declared capabilities, and leaves the field out when there are none", () => {
    const code = "async function add({ a }) { return tools.lookup({ q: await fetch(a) }); }";
    const spec = validateFunctionSpec({ ...addSpec, code, capabilities: ["fetch", "tools.lookup"] });
    expect(spec.capabilities).toEqual(["fetch", "tools.lookup"]);
    expect(Object.isFrozen(spec.capabilities)).toBe(true);
    expect(validateFunctionSpec({ ...addSpec, capabilities: [] })).not.toHaveProperty("capabilities");
    expect(validateFunctionSpec(addSpec)).not.toHaveProperty("capabilities");
  });

  it("refuses malformed capabilities and code that uses capabilities it does not declare", () => {
    const capabilityError = (spec: object) => {
      const e = errorOf({ ...addSpec, ...spec });
      expect(e.code).toBe("E_SPEC_CAPABILITY");
      expect(e.field).toBe("capabilities");
      expect(e.function).toBe("add");
      return e.reason;
    };
    expect(capabilityError({ capabilities: "fetch" })).toBe("must be an array of capability names");
    expect(capabilityError({ capabilities: ["net"] })).toMatch(/^unknown capability "net"/);
    const uses = "async function add({ a }) { await search(a); return fetch(a); }";
    expect(capabilityError({ code: uses })).toBe('code uses fetch, search but "capabilities" does not list them');
    expect(capabilityError({ code: uses, capabilities: ["search"] })).toBe('code uses fetch but "capabilities" does not list it');
    expect(validateFunctionSpec({ ...addSpec, code: uses, capabilities: ["search", "fetch"] }).capabilities).toEqual(["search", "fetch"]);
    const computed = "function add({ a }) { return tools[a]({}); }";
    expect(capabilityError({ code: computed, capabilities: ["tools.x"] })).toBe(
      "code reaches tools or functions with a computed name (tools[x]); call them as tools.<name> / functions.<name> and declare each",
    );
    expect(capabilityError({ code: "function add() { return functions.add({}); }", capabilities: ["functions.add"] })).toBe("a function cannot compose itself (functions.add)");
    expect(validateFunctionSpec({ ...addSpec, code: "function add() { return functions.sub({}); }", capabilities: ["functions.sub"] }).capabilities).toEqual(["functions.sub"]);
  });

  it("rejects wrong shapes with the field named", () => {
    expect(errorOf(null).field).toBe("spec");
    expect(errorOf([]).field).toBe("spec");
    expect(errorOf({ ...addSpec, name: 3 }).field).toBe("name");
    expect(errorOf({ ...addSpec, description: "  " }).field).toBe("description");
    expect(errorOf({ ...addSpec, code: undefined }).field).toBe("code");
    expect(errorOf({ ...addSpec, packages: "mathjs" }).field).toBe("packages");
    expect(errorOf({ ...addSpec, packages: ["mathjs", "mathjs"] }).reason).toContain("twice");
  });

  it("says what it got for each wrongly typed field", () => {
    const reason = (spec: object) => errorOf({ ...addSpec, ...spec }).reason;
    expect(errorOf("add").reason).toBe("expected an object with name, description, parameters, code, packages; got string");
    expect(errorOf(null).reason).toBe("expected an object with name, description, parameters, code, packages; got null");
    expect(errorOf([addSpec]).reason).toBe("expected an object with name, description, parameters, code, packages; got an array");
    expect(reason({ name: 3 })).toBe("must be a string, got a number");
    expect(reason({ name: undefined })).toBe("must be a string, got nothing");
    expect(reason({ description: "" })).toBe("must be a non-empty string, got an empty string");
    expect(reason({ description: " \n" })).toBe("must be a non-empty string, got an empty string");
    expect(reason({ description: null })).toBe("must be a non-empty string, got null");
    expect(reason({ code: ["function add() {}"] })).toBe("must be a string, got an array");
    expect(reason({ packages: "mathjs" })).toBe("must be an array of package names, got a string");
    expect(reason({ packages: ["mathjs", 1] })).toBe("must be an array of package names, got an array");
    expect(reason({ packages: ["lodash", "fs"] })).toBe('"lodash", "fs" are not allowed in the sandbox; allowed: mathjs, nerdamer');
  });

  it("names every undeclared library, and the allowed ones only when one is not allowed", () => {
    const code = 'const m = require("mathjs"), n = require("nerdamer");\nfunction add() { return 1; }';
    expect(errorOf({ ...addSpec, code }).reason).toBe('code calls require("mathjs"), require("nerdamer") but "packages" does not list them');
    expect(errorOf({ ...addSpec, code, packages: ["nerdamer"] }).reason).toBe('code calls require("mathjs") but "packages" does not list it');
    expect(errorOf({ ...addSpec, code: 'require("fs"); function add() {}' }, { allowedPackages: [] }).reason).toBe(
      'code calls require("fs") but "packages" does not list it (allowed: (none))',
    );
  });

  it("accepts code of exactly the size limit, by default DEFAULTS.functions.maxCodeChars", () => {
    const sized = (n: number) => {
      const head = "function add() { return 1; }\n//";
      return head + "x".repeat(n - head.length);
    };
    const max = DEFAULTS.functions.maxCodeChars;
    expect(validateFunctionSpec({ ...addSpec, code: sized(max) }).code).toHaveLength(max);
    expect(errorOf({ ...addSpec, code: sized(max + 1) }).reason).toBe(`is ${max + 1} characters long; at most ${max} are allowed`);
    expect(validateFunctionSpec({ ...addSpec, code: sized(50) }, { maxCodeChars: 50 }).code).toHaveLength(50);
  });

  it("puts only what it knows into the error's context", () => {
    const named = errorOf({ ...addSpec, description: 1 });
    expect(Object.keys(named.context).sort()).toEqual(["field", "function", "reason"]);
    const syntax = errorOf({ ...addSpec, code: "function add() {\n  return +;\n}" }, { file: "f.json", index: 0 });
    expect(syntax.context).toMatchObject({ file: "f.json", index: 0, line: 2, column: 11, function: "add", field: "code" });
    const missing = errorOf({ ...addSpec, code: "function sum() {}" });
    expect(Object.keys(missing.context).sort()).toEqual(["field", "function", "reason"]);
  });

  it("keeps the schema as plain JSON", () => {
    const parameters = { type: "object", properties: { a: { type: "number", description: undefined } } };
    expect(validateFunctionSpec({ ...addSpec, code: "function add({ a }) { return a; }", parameters }).parameters).toStrictEqual({ type: "object", properties: { a: { type: "number" } } });
  });

  it("names the file and position when given", () => {
    const e = errorOf({ ...addSpec, name: "bad name" }, { file: "ts.json", index: 2 });
    expect(e.file).toBe("ts.json");
    expect(e.message.startsWith("ts.json: ")).toBe(true);
    const shapeError = errorOf(7, { file: "ts.json", index: 2 });
    expect(shapeError.message).toContain("function #2");
  });
});
