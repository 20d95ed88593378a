import { describe, expect, it } from "vitest";
import { ToolforgeError } from "../../src/errors.js";
import { FunctionCallError, FunctionSpecError, ToolsetFileError } from "../../src/functions/index.js";

describe("FunctionSpecError messages say where the problem is", () => {
  it("names file, function, field and position when known", () => {
    const e = new FunctionSpecError("E_SPEC_CODE_SYNTAX", { file: "t.json", function: "add", field: "code", reason: "Unexpected token", line: 3, column: 7 });
    expect(e.message).toBe('t.json: function "add", field "code" (line 3, column 7): Unexpected token');
    expect(e).toBeInstanceOf(ToolforgeError);
    expect(e).toMatchObject({ name: "FunctionSpecError", code: "E_SPEC_CODE_SYNTAX", function: "add", field: "code", reason: "Unexpected token", file: "t.json" });
    expect(e.context).toMatchObject({ line: 3, column: 7 });
  });

  it("falls back to the index, then to 'function spec', and leaves out what is unknown", () => {
    expect(new FunctionSpecError("E", { index: 2, field: "name", reason: "r" }).message).toBe('function #2, field "name": r');
    expect(new FunctionSpecError("E", { index: 0, field: "spec", reason: "r" }).message).toBe("function #0: r");
    expect(new FunctionSpecError("E", { field: "spec", reason: "r" }).message).toBe("function spec: r");
    expect(new FunctionSpecError("E", { function: "f", field: "code", reason: "r", line: 1 }).message).toBe('function "f", field "code" (line 1): r');
    const e = new FunctionSpecError("E", { function: "", field: "name", reason: "r", index: 4 });
    expect(e.message).toBe('function "", field "name": r');
    expect(e.file).toBeUndefined();
  });

  it("keeps the cause", () => {
    const cause = new Error("inner");
    expect(new FunctionSpecError("E", { field: "spec", reason: "r" }, { cause }).cause).toBe(cause);
  });
});

describe("ToolsetFileError", () => {
  it("names the file, or says 'toolset JSON' for in-memory input", () => {
    const cause = new Error("disk");
    const e = new ToolsetFileError("E_TOOLSET_READ", "a.json", "toolset file not found", { cause });
    expect(e.message).toBe("a.json: toolset file not found");
    expect(e).toMatchObject({ name: "ToolsetFileError", code: "E_TOOLSET_READ", file: "a.json", cause });
    expect(e.context).toEqual({ file: "a.json", reason: "toolset file not found" });
    expect(new ToolsetFileError("E_TOOLSET_FORMAT", undefined, "bad").message).toBe("toolset JSON: bad");
  });
});

describe("FunctionCallError", () => {
  it("says which function failed and how, and carries what the model would have read", () => {
    const artifact = { ok: false as const, error: { kind: "timeout" as const, message: "too slow" }, logs: ["x"], durationMs: 5 };
    const e = new FunctionCallError("solve", "timeout", "too slow", ["x"], { artifact, content: "Error (timeout): too slow\nLogs:\nx" });
    expect(e.message).toBe('function "solve" failed (timeout): too slow');
    expect(e).toMatchObject({ name: "FunctionCallError", code: "E_FUNCTION_CALL", function: "solve", kind: "timeout", logs: ["x"], artifact });
    expect(e.content).toBe("Error (timeout): too slow\nLogs:\nx");
    expect(e.context).toEqual({ function: "solve", kind: "timeout", logs: ["x"] });
    expect(e.cause).toBeUndefined();
    expect("cause" in e).toBe(false);
  });

  it("defaults to no logs, no artifact and a plain content line; keeps a cause when given", () => {
    const cause = new Error("worker died");
    const e = new FunctionCallError("solve", "internal", "crashed", undefined, { cause });
    expect(e.logs).toEqual([]);
    expect(e.artifact).toBeUndefined();
    expect(e.content).toBe("Error (internal): crashed");
    expect(e.cause).toBe(cause);
  });
});
