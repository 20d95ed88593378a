import { describe, expect, it } from "vitest";
import { classifyGuestError, decodeGuestResult, LogBuffer } from "../../src/sandbox/result-codec.js";

describe("classifyGuestError", () => {
  it("maps QuickJS limit errors to typed kinds", () => {
    expect(classifyGuestError({ name: "InternalError", message: "interrupted" }, "call").kind).toBe("timeout");
    expect(classifyGuestError({ name: "InternalError", message: "out of memory" }, "call").kind).toBe("out_of_memory");
    expect(classifyGuestError({ name: "InternalError", message: "stack overflow" }, "call").kind).toBe("stack_overflow");
    expect(classifyGuestError({ name: "InternalError", message: "stack overflow" }, "encode").kind).toBe("not_serializable");
  });

  it("keeps the guest's own errors as thrown, with name and message", () => {
    expect(classifyGuestError({ name: "TypeError", message: "x is not a function" }, "call")).toEqual({ kind: "thrown", message: "TypeError: x is not a function" });
    // A guest cannot fake a limit error with an ordinary Error.
    expect(classifyGuestError({ name: "Error", message: "out of memory" }, "call").kind).toBe("thrown");
  });

  it("treats SyntaxError as syntax only while defining", () => {
    expect(classifyGuestError({ name: "SyntaxError", message: "unexpected token" }, "define").kind).toBe("syntax");
    expect(classifyGuestError({ name: "SyntaxError", message: "JSON.parse" }, "call").kind).toBe("thrown");
  });
});

describe("decodeGuestResult", () => {
  it("decodes values, undefined and refusals", () => {
    expect(decodeGuestResult('J{"a":[1,"é"]}', 100)).toEqual({ ok: true, value: { a: [1, "é"] } });
    expect(decodeGuestResult("U", 100)).toEqual({ ok: true, value: null });
    expect(decodeGuestResult("Na value of type function", 100)).toMatchObject({ ok: false, error: { kind: "not_serializable" } });
    expect(decodeGuestResult("L999", 100)).toMatchObject({ ok: false, error: { kind: "result_too_large" } });
  });

  it("measures the limit in UTF-8 bytes", () => {
    const json = JSON.stringify("é".repeat(30)); // 32 characters, 62 bytes
    expect(decodeGuestResult("J" + json, 40)).toMatchObject({ ok: false, error: { kind: "result_too_large" } });
    expect(decodeGuestResult("J" + json, 62)).toMatchObject({ ok: true });
  });
});

describe("LogBuffer", () => {
  it("keeps lines up to the budget, then one truncation marker", () => {
    const logs = new LogBuffer(12);
    for (const line of ["hello", "world", "and more", "ignored"]) logs.push(line);
    expect(logs.lines).toEqual(["hello", "world", "an", "…[logs truncated]"]);
  });
});
