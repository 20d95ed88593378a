import { ToolMessage } from "@langchain/core/messages";
import { DynamicStructuredTool } from "@langchain/core/tools";
import { describe, expect, it } from "vitest";
import { createCapabilities } from "../../src/capabilities/index.js";
import { DEFAULTS } from "../../src/defaults.js";
import { FunctionCallError, Toolset, formatError, formatValue, handleFunctionCallError } from "../../src/functions/index.js";
import type { Sandbox, SandboxCall, SandboxResult } from "../../src/sandbox/types.js";
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

describe("tools of functions that use capabilities", () => {
  const finder = {
    name: "finder",
    description: "Reads an attachment.",
    parameters: { type: "object" as const, properties: { file: { type: "string" } } },
    code: "async function finder({ file }) { return readAttachment(file); }",
    packages: [],
    capabilities: ["readAttachment"],
  };
  // A sandbox whose guest makes one capability request and returns the host's reply.
  const requesting = (): Sandbox & { calls: SandboxCall[] } => {
    const calls: SandboxCall[] = [];
    return {
      ...fakeSandbox(),
      calls,
      async run(call) {
        calls.push(call);
        const reply = call.capabilities ? await call.capabilities(JSON.stringify({ name: "readAttachment", args: ["a.txt"] }), new AbortController().signal) : '"no handler"';
        return { ok: true, value: JSON.parse(reply), logs: [], durationMs: 1 };
      },
    };
  };

  it("without a run's capabilities, every request is refused and counted in the artifact", async () => {
    const sandbox = requesting();
    const [tool] = Toolset.from([finder]).toTools({ sandbox });
    const message = (await tool!.invoke(call("finder", { file: "a.txt" }))) as ToolMessage;
    expect(JSON.parse(message.content as string)).toMatchObject({ ok: false, error: { code: "E_CAP_NOT_GRANTED" } });
    expect((message.artifact as { capabilities?: unknown }).capabilities).toMatchObject({ calls: 1, refused: 1 });
    expect(sandbox.calls[0]!.capabilities).toBeTypeOf("function");
  });

  it("hands the current task's attachments from the run config to the capabilities", async () => {
    const capabilities = createCapabilities({ attachments: true });
    const seen: unknown[] = [];
    const handlerFor = capabilities.handlerFor.bind(capabilities);
    capabilities.handlerFor = (context) => {
      seen.push(context);
      return handlerFor(context);
    };
    const [tool] = Toolset.from([finder]).toTools({ sandbox: requesting(), capabilities });
    const attachments = { dir: "/nonexistent-attachments", names: ["a.txt"] };
    await tool!.invoke(call("finder", { file: "a.txt" }), { configurable: { toolforge_attachments: attachments } });
    await tool!.invoke(call("finder", { file: "a.txt" }));
    expect(seen).toEqual([{ declared: ["readAttachment"], attachments }, { declared: ["readAttachment"] }]);
  });

  it("passes neither a handler nor a time limit to the sandbox when there is none", async () => {
    const sandbox = requesting();
    const [add] = Toolset.from([addSpec]).toTools({ sandbox });
    expect(await add!.invoke({ a: 1, b: 2 })).toBe("no handler");
    expect(Object.keys(sandbox.calls[0]!).sort()).toEqual(["args", "code", "entry", "packages"]);
  });
});

describe("what the model reads", () => {
  it("formatValue: strings as-is, undefined as a word, everything else as JSON", () => {
    expect(formatValue("x y")).toBe("x y");
    expect(formatValue("")).toBe("");
    expect(formatValue(undefined)).toBe("undefined");
    expect(formatValue(null)).toBe("null");
    expect(formatValue(0)).toBe("0");
    expect(formatValue([1, "a", { b: true }])).toBe('[1,"a",{"b":true}]');
  });

  it("formatError: logs only when there are some and the bound allows, cut only when longer than the bound", () => {
    const failed = (logs: string[]) => ({ ok: false as const, error: { kind: "thrown" as const, message: "m" }, logs, durationMs: 1 });
    expect(formatError(failed([]), 100)).toBe("Error (thrown): m");
    expect(formatError(failed(["a", "b"]), 0)).toBe("Error (thrown): m");
    expect(formatError(failed(["a", "b"]), -1)).toBe("Error (thrown): m");
    expect(formatError(failed(["ab", "c"]), 4)).toBe("Error (thrown): m\nLogs:\nab\nc");
    expect(formatError(failed(["ab", "c"]), 3)).toBe("Error (thrown): m\nLogs:\n…b\nc");
  });

  it("bounds the logs of a failed call by maxErrorLogChars, by default DEFAULTS.functions.maxErrorLogChars", async () => {
    const noisy = {
      name: "noisy",
      description: "Logs a lot, then fails.",
      parameters: { type: "object" as const, properties: { n: { type: "number" } } },
      code: "function noisy({ n }) { console.log('x'.repeat(n) + 'END'); throw new Error('no'); }",
      packages: [],
    };
    const toolset = Toolset.from([noisy]);
    const n = DEFAULTS.functions.maxErrorLogChars + 500;
    const [byDefault] = toolset.toTools({ sandbox: fakeSandbox() });
    const text = (await byDefault!.invoke({ n })) as string;
    expect(text).toBe(`Error (thrown): no\nLogs:\n…${"x".repeat(DEFAULTS.functions.maxErrorLogChars - 3)}END`);
    const [bounded] = toolset.toTools({ sandbox: fakeSandbox(), maxErrorLogChars: 5 });
    expect(await bounded!.invoke({ n })).toBe("Error (thrown): no\nLogs:\n…xxEND");
    const [thrower] = toolset.toTools({ sandbox: fakeSandbox(), maxErrorLogChars: 0, throwOnError: true });
    const error = (await thrower!.invoke({ n }).catch((e: unknown) => e)) as FunctionCallError;
    expect(error.content).toBe("Error (thrown): no");
    expect(error.message).toBe('function "noisy" failed (thrown): no');
    const [quiet] = toolset.toTools({ sandbox: fakeSandbox(), throwOnError: false });
    expect(await quiet!.invoke({ n: 1 })).toBe("Error (thrown): no\nLogs:\nxEND");
  });

  it("reports whatever a broken sandbox rejects with, with an empty log and a duration", async () => {
    for (const [reason, text] of [
      ["closed", "sandbox failed: closed"],
      [undefined, "sandbox failed: undefined"],
      [{ message: "worker exited" }, "sandbox failed: worker exited"],
    ] as const) {
      const broken: Sandbox = { ...fakeSandbox(), run: async () => Promise.reject(reason) };
      const [add] = Toolset.from([addSpec]).toTools({ sandbox: broken });
      const message = (await add!.invoke(call("add", { a: 1, b: 1 }))) as ToolMessage;
      expect(message.content).toBe(`Error (internal): ${text}`);
      const artifact = message.artifact as SandboxResult;
      expect(artifact).toMatchObject({ ok: false, logs: [] });
      expect(artifact.durationMs).toBeGreaterThanOrEqual(0);
    }
  });

  it("gives LangChain a copy of the schema, not the frozen spec", () => {
    const toolset = Toolset.from([addSpec]);
    const [add] = toolset.toTools({ sandbox: fakeSandbox() });
    expect(add!.schema).not.toBe(toolset.get("add")!.parameters);
    expect(Object.isFrozen(add!.schema)).toBe(false);
  });
});
