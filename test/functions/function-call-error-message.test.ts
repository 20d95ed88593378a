import { ToolMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { FunctionCallError, handleFunctionCallError } from "../../src/functions/index.js";

describe("handleFunctionCallError", () => {
  it("turns a FunctionCallError into an error ToolMessage with its content and artifact", () => {
    const artifact = { ok: false as const, error: { kind: "thrown" as const, message: "nope" }, logs: [], durationMs: 1 };
    const error = new FunctionCallError("explode", "thrown", "nope", [], { artifact });
    const message = handleFunctionCallError(error, { id: "call_7", name: "explode" });
    expect(message).toBeInstanceOf(ToolMessage);
    expect(message).toMatchObject({ status: "error", tool_call_id: "call_7", name: "explode", content: "Error (thrown): nope" });
    expect(message?.artifact).toBe(artifact);
  });

  it("answers a tool call without an id with an empty tool_call_id", () => {
    const message = handleFunctionCallError(new FunctionCallError("explode", "timeout", "too slow"), { name: "explode" });
    expect(message?.tool_call_id).toBe("");
    expect(message?.content).toBe("Error (timeout): too slow");
  });

  it("leaves every other error to the caller", () => {
    expect(handleFunctionCallError(new Error("other"), { id: "c", name: "explode" })).toBeUndefined();
    expect(handleFunctionCallError("a string", { id: "c", name: "explode" })).toBeUndefined();
  });
});
