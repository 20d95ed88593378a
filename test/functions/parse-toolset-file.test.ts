import { describe, expect, it } from "vitest";
import { FunctionSpecError, Toolset, ToolsetFileError } from "../../src/functions/index.js";
import { addSpec, greetSpec } from "./fixtures.js";

const envelope = { format: "toolforge.toolset", version: 2, functions: [addSpec] };

// The message a user reads when a toolset file is refused.
function refusal(json: unknown, source = "t.json"): ToolsetFileError | FunctionSpecError {
  try {
    Toolset.fromJSON(json, { source });
  } catch (e) {
    expect(e instanceof ToolsetFileError || e instanceof FunctionSpecError).toBe(true);
    return e as ToolsetFileError;
  }
  throw new Error("expected the toolset JSON to be refused");
}

describe("reading a toolset file's envelope", () => {
  it("wants an object with the toolforge format", () => {
    for (const json of [null, [envelope], "toolforge.toolset"]) {
      expect(refusal(json).message).toBe('t.json: expected a JSON object with "format": "toolforge.toolset"');
    }
    expect(refusal({ ...envelope, format: "other" }).message).toBe('t.json: "format" must be "toolforge.toolset", got "other"');
    const { format: _f, ...noFormat } = envelope;
    expect(refusal(noFormat).message).toBe('t.json: "format" must be "toolforge.toolset", got nothing');
  });

  it("names a missing or unknown version and the versions it reads", () => {
    const { version: _v, ...noVersion } = envelope;
    expect(refusal(noVersion).message).toBe("t.json: unsupported toolset version (missing); this toolforge reads versions 1 and 2");
    expect(refusal({ ...envelope, version: "2" }).message).toBe('t.json: unsupported toolset version "2"; this toolforge reads versions 1 and 2');
  });

  it("wants functions as an array and metadata, when present, as an object", () => {
    expect(refusal({ ...envelope, functions: { add: addSpec } }).message).toBe('t.json: "functions" must be an array');
    for (const metadata of [null, [1], "step 3"]) {
      const e = refusal({ ...envelope, metadata });
      expect(e.code).toBe("E_TOOLSET_FORMAT");
      expect(e.message).toBe('t.json: "metadata" must be an object when present');
    }
    expect(Toolset.fromJSON({ ...envelope, metadata: { step: 3 } }).metadata).toEqual({ step: 3 });
    expect(Toolset.fromJSON(envelope).metadata).toBeUndefined();
  });

  it("refuses roles in a version 1 file, naming the function's position", () => {
    const e = refusal({ ...envelope, version: 1, functions: [addSpec, { ...greetSpec, roles: ["writer"] }] });
    expect(e).toBeInstanceOf(ToolsetFileError);
    expect(e.code).toBe("E_TOOLSET_FORMAT");
    expect(e.message).toBe('t.json: functions[1] has "roles", which needs toolset version 2 (this file says version 1)');
    expect(Toolset.fromJSON({ ...envelope, functions: [{ ...greetSpec, roles: ["writer"] }] }).get("greet")?.roles).toEqual(["writer"]);
  });

  it("refuses entries that are not objects with a function error in either version, not a crash", () => {
    for (const version of [1, 2]) {
      for (const entry of [null, 5, "add", [addSpec]]) {
        const e = refusal({ ...envelope, version, functions: [addSpec, entry] }) as FunctionSpecError;
        expect(e).toBeInstanceOf(FunctionSpecError);
        expect(e).toMatchObject({ code: "E_SPEC_INVALID", field: "spec", file: "t.json" });
        expect(e.context.index).toBe(1);
      }
    }
  });

  it("refuses a name used twice, naming the name, the position and the file", () => {
    const e = refusal({ ...envelope, functions: [addSpec, greetSpec, { ...addSpec, description: "again" }] }) as FunctionSpecError;
    expect(e.code).toBe("E_FUNCTION_DUPLICATE");
    expect(e.message).toBe('t.json: function "add", field "name": the name "add" is used by more than one function');
    expect(e.context.index).toBe(2);
  });

  it("keeps the functions in file order", () => {
    expect(Toolset.fromJSON({ ...envelope, functions: [greetSpec, addSpec] }).functions.map((f) => f.name)).toEqual(["greet", "add"]);
  });
});
