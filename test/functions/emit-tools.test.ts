import { ToolMessage } from "@langchain/core/messages";
import { DynamicStructuredTool } from "@langchain/core/tools";
import { describe, expect, it } from "vitest";
import { FunctionCallError, Toolset, formatError, handleFunctionCallError } from "../../src/functions/index.js";
import type { Sandbox, SandboxResult } from "../../src/sandbox/types.js";
import { addSpec, fakeSandbox, greetSpec } from "./fixtures.js";

const failing = {
  name: "explode",
  description: "Always fails.",
  parameters: { type: "object" as const, properties: { why: { type: "string" } }, required: ["why"] },
  code: "function explode({ why }) { console.log('about to fail'); throw new Error(why); }",
  packages: [],
};

const call = (name: string, args: Record<string, unknown>) => ({ type: "tool_call" as const, id: `call-${name}`, name, args });

describe("toolset.toTools", () => {
  const toolset = Toolset.from([addSpec, greetSpec, failing]);

  it("emits one DynamicStructuredTool per function with the raw JSON Schema", () => {
    const tools = toolset.toTools({ sandbox: fakeSandbox() });
    expect(tools.map((t) => t.name)).toEqual(["add", "greet", "explode"]);
    expect(tools[0]).toBeInstanceOf(DynamicStructuredTool);
    expect(tools[0]!.description).toBe(addSpec.description);
    expect(tools[0]!.schema).toEqual(addSpec.parameters);
    expect(tools[0]!.responseFormat).toBe("content_and_artifact");
  });

  it("runs the function's code in the sandbox with its packages and returns content + artifact", async () => {
    const sandbox = fakeSandbox();
    const [add, greet] = toolset.toTools({ sandbox });
    const message = (await add!.invoke(call("add", { a: 2, b: 40 }))) as ToolMessage;
    expect(message).toBeInstanceOf(ToolMessage);
    expect(message.content).toBe("42");
    expect(message.artifact).toMatchObject({ ok: true, value: 42 });
    expect(sandbox.calls[0]).toEqual({ code: addSpec.code, entry: "add", args: { a: 2, b: 40 }, packages: [] });
    // Strings are shown as-is, not JSON-quoted.
    expect(((await greet!.invoke(call("greet", { who: "ada" }))) as ToolMessage).content).toBe("hello ada");
    // Plain-args invocation returns just the content.
    expect(await add!.invoke({ a: 1, b: 2 })).toBe("3");
  });

  it("turns a failing call into a readable result with kind, message and logs", async () => {
    const [, , explode] = toolset.toTools({ sandbox: fakeSandbox() });
    const message = (await explode!.invoke(call("explode", { why: "bad input" }))) as ToolMessage;
    expect(message.content).toBe("Error (thrown): bad input\nLogs:\nabout to fail");
    const artifact = message.artifact as SandboxResult;
    expect(artifact.ok).toBe(false);
    // A failure is a failure to LangChain: tool-retry middleware and LangSmith read `status`.
    expect(message.status).toBe("error");
    expect(message).toMatchObject({ tool_call_id: "call-explode", name: "explode" });
    expect(artifact).toMatchObject({ error: { kind: "thrown", message: "bad input" }, logs: ["about to fail"] });
    // Plain-args invocation still returns just the text.
    expect(await explode!.invoke({ why: "plain" })).toBe("Error (thrown): plain\nLogs:\nabout to fail");
  });

  it("marks successful calls as success", async () => {
    const [add] = toolset.toTools({ sandbox: fakeSandbox() });
    expect(((await add!.invoke(call("add", { a: 1, b: 2 }))) as ToolMessage).status).toBe("success");
  });

  it("throws a typed FunctionCallError when asked to", async () => {
    const [, , explode] = toolset.toTools({ sandbox: fakeSandbox(), throwOnError: true });
    const error = await explode!.invoke({ why: "nope" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FunctionCallError);
    expect(error).toMatchObject({ code: "E_FUNCTION_CALL", function: "explode", kind: "thrown", logs: ["about to fail"] });
    // The structured result survives the throw and turns back into the error message.
    expect((error as FunctionCallError).artifact).toMatchObject({ ok: false, error: { kind: "thrown", message: "nope" }, logs: ["about to fail"] });
    const message = handleFunctionCallError(error, { id: "c9", name: "explode" })!;
    expect(message).toBeInstanceOf(ToolMessage);
    expect(message).toMatchObject({ status: "error", tool_call_id: "c9", name: "explode", content: "Error (thrown): nope\nLogs:\nabout to fail" });
    expect(message.artifact).toBe((error as FunctionCallError).artifact);
    expect(handleFunctionCallError(new Error("other"), { id: "c9", name: "explode" })).toBeUndefined();
  });

  it("reports a broken sandbox as an internal error instead of crashing", async () => {
    const broken: Sandbox = { ...fakeSandbox(), run: async () => Promise.reject(new Error("sandbox is closed")) };
    const [add] = toolset.toTools({ sandbox: broken });
    const message = (await add!.invoke(call("add", { a: 1, b: 1 }))) as ToolMessage;
    expect(message.content).toBe("Error (internal): sandbox failed: sandbox is closed");
  });

  it("rejects arguments that do not match the JSON Schema before running anything, with details", async () => {
    const sandbox = fakeSandbox();
    const [add] = toolset.toTools({ sandbox });
    const error = await add!.invoke({ a: "one" }).catch((e: unknown) => e);
    expect((error as Error).message).toContain("did not match expected schema");
    expect((error as Error).message).toMatch(/required|number/);
    expect(sandbox.calls).toHaveLength(0);
  });

  it("passes the per-call timeout to the sandbox", async () => {
    const sandbox = fakeSandbox();
    const [add] = toolset.toTools({ sandbox, timeoutMs: 123 });
    await add!.invoke({ a: 1, b: 1 });
    expect(sandbox.calls[0]!.timeoutMs).toBe(123);
  });
});

describe("formatError", () => {
  it("keeps the tail of long logs within the bound", () => {
    const logs = Array.from({ length: 100 }, (_, i) => `line ${i}`);
    const text = formatError({ ok: false, error: { kind: "timeout", message: "took too long" }, logs, durationMs: 5 }, 40);
    expect(text.startsWith("Error (timeout): took too long\nLogs:\n…")).toBe(true);
    expect(text.endsWith("line 99")).toBe(true);
    expect(text.length).toBeLessThanOrEqual("Error (timeout): took too long\nLogs:\n…".length + 40);
  });
});
