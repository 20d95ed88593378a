import { describe, expect, it } from "vitest";
import { classifyGuestError, decodeGuestResult, LogBuffer } from "../../src/sandbox/result-codec.js";

describe("classifyGuestError", () => {
  it("maps QuickJS limit errors to typed kinds", () => {
    expect(classifyGuestError({ name: "InternalError", message: "interrupted" }, "call")).toEqual({ kind: "timeout", message: "time limit exceeded" });
    expect(classifyGuestError({ name: "InternalError", message: "out of memory" }, "call")).toEqual({ kind: "out_of_memory", message: "memory limit exceeded" });
    expect(classifyGuestError({ name: "RangeError", message: "Out Of Memory in allocation" }, "define").kind).toBe("out_of_memory");
    expect(classifyGuestError({ name: "InternalError", message: "string too long" }, "call")).toEqual({ kind: "out_of_memory", message: "memory limit exceeded (string too long)" });
    expect(classifyGuestError({ name: "InternalError", message: "stack overflow" }, "call")).toEqual({ kind: "stack_overflow", message: "stack limit exceeded (unbounded recursion?)" });
    expect(classifyGuestError({ name: "RangeError", message: "Maximum call stack size exceeded" }, "call").kind).toBe("stack_overflow");
    expect(classifyGuestError({ name: "InternalError", message: "stack overflow" }, "encode")).toEqual({ kind: "not_serializable", message: "result is nested too deeply to serialise" });
  });

  it("keeps the guest's own errors as thrown, with name and message", () => {
    expect(classifyGuestError({ name: "TypeError", message: "x is not a function" }, "call")).toEqual({ kind: "thrown", message: "TypeError: x is not a function" });
    // A guest cannot fake a limit error with an ordinary Error or another message.
    expect(classifyGuestError({ name: "Error", message: "out of memory" }, "call")).toEqual({ kind: "thrown", message: "Error: out of memory" });
    expect(classifyGuestError({ name: "Error", message: "stack overflow" }, "call").kind).toBe("thrown");
    expect(classifyGuestError({ name: "Error", message: "interrupted" }, "call").kind).toBe("thrown");
    expect(classifyGuestError({ name: "Error", message: "string too long" }, "call").kind).toBe("thrown");
    expect(classifyGuestError({ name: "InternalError", message: "interrupted twice" }, "call")).toEqual({ kind: "thrown", message: "InternalError: interrupted twice" });
    expect(classifyGuestError({ name: "InternalError", message: "a string too long" }, "call").kind).toBe("thrown");
    expect(classifyGuestError(null, "call")).toEqual({ kind: "thrown", message: "the guest threw a value whose name and message could not be read" });
  });

  it("treats SyntaxError as syntax only while defining", () => {
    expect(classifyGuestError({ name: "SyntaxError", message: "unexpected token" }, "define")).toEqual({ kind: "syntax", message: "SyntaxError: unexpected token" });
    expect(classifyGuestError({ name: "SyntaxError", message: "JSON.parse" }, "call").kind).toBe("thrown");
    expect(classifyGuestError({ name: "TypeError", message: "x" }, "define").kind).toBe("thrown");
  });

  it("reports a refused package and any error while encoding the result", () => {
    expect(classifyGuestError({ name: "PackageNotAllowedError", message: "lodash is not allowed" }, "call")).toEqual({ kind: "package_not_allowed", message: "lodash is not allowed" });
    expect(classifyGuestError({ name: "TypeError", message: "cyclic object value" }, "encode")).toEqual({ kind: "not_serializable", message: "result is not JSON-serialisable: TypeError: cyclic object value" });
  });
});

describe("decodeGuestResult", () => {
  it("decodes values, undefined and refusals", () => {
    expect(decodeGuestResult('J{"a":[1,"é"]}', 100)).toEqual({ ok: true, value: { a: [1, "é"] } });
    expect(decodeGuestResult("U", 100)).toEqual({ ok: true, value: null });
    expect(decodeGuestResult("Na value of type function", 100)).toEqual({ ok: false, error: { kind: "not_serializable", message: "result is not JSON-serialisable: a value of type function" } });
    expect(decodeGuestResult("L999", 100)).toEqual({ ok: false, error: { kind: "result_too_large", message: "result is larger than the limit of 100 bytes of JSON" } });
  });

  it("measures the limit in UTF-8 bytes", () => {
    const json = JSON.stringify("é".repeat(30)); // 32 characters, 62 bytes
    expect(decodeGuestResult("J" + json, 40)).toEqual({ ok: false, error: { kind: "result_too_large", message: "result is 62 bytes of JSON; the limit is 40" } });
    expect(decodeGuestResult("J" + json, 61)).toMatchObject({ ok: false, error: { kind: "result_too_large" } });
    expect(decodeGuestResult("J" + json, 62)).toEqual({ ok: true, value: "é".repeat(30) });
  });

  it("reports JSON it cannot decode as not serialisable", () => {
    const r = decodeGuestResult("J{not json", 100);
    expect(r).toMatchObject({ ok: false, error: { kind: "not_serializable" } });
    expect(!r.ok && r.error.message).toMatch(/^result could not be decoded: .+/);
  });
});

describe("LogBuffer", () => {
  it("keeps lines up to the budget, then one truncation marker", () => {
    const logs = new LogBuffer(12);
    for (const line of ["hello", "world", "and more", "ignored"]) logs.push(line);
    expect(logs.lines).toEqual(["hello", "world", "an", "…[logs truncated]"]);
  });

  it("keeps a line that fills the budget exactly, and adds no empty piece when none is left", () => {
    const exact = new LogBuffer(10);
    exact.push("hello");
    exact.push("world");
    expect(exact.lines).toEqual(["hello", "world"]);
    exact.push("!");
    exact.push("later");
    expect(exact.lines).toEqual(["hello", "world", "…[logs truncated]"]);
  });
});
