import { ToolMessage } from "@langchain/core/messages";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Toolset, FunctionCallError } from "../../src/functions/index.js";
import { createSandbox } from "../../src/sandbox/index.js";
import type { Sandbox, SandboxResult } from "../../src/sandbox/types.js";
import { agentKinds, runScripted, type AgentKind } from "./agent-scenarios.js";

// `process` and `require` exist in Node but not in QuickJS; a host-side run
// (or a fake) would report "object"/"function".
const probe = {
  name: "probe",
  description: "Multiply a and b and report the runtime.",
  parameters: { type: "object" as const, properties: { a: { type: "number" }, b: { type: "number" } }, required: ["a", "b"] },
  code: "function probe({ a, b }) {\n  return { product: a * b, process: typeof process, buffer: typeof Buffer };\n}",
  packages: [],
};
const fraction = {
  name: "fraction",
  description: "Format a/b as an exact fraction with mathjs.",
  parameters: { type: "object" as const, properties: { a: { type: "integer" }, b: { type: "integer" } }, required: ["a", "b"] },
  code: 'const fraction = ({ a, b }) => {\n  const math = require("mathjs");\n  return math.format(math.fraction(a, b));\n};',
  packages: ["mathjs"],
};
const explode = {
  name: "explode",
  description: "Always fails after logging.",
  parameters: { type: "object" as const, properties: { why: { type: "string" } }, required: ["why"] },
  code: "async function explode({ why }) { console.log('checking', why); throw new Error('kaboom: ' + why); }",
  packages: [],
};
const spin = {
  name: "spin",
  description: "Never returns.",
  parameters: { type: "object" as const, properties: {} },
  code: "function spin() { for (;;) {} }",
  packages: [],
};

const toolset = Toolset.from([probe, fraction, explode, spin]);
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ workers: 1 });
});
afterAll(async () => {
  await sandbox?.close();
});

describe("emitted tools with the real QuickJS sandbox", () => {
  it("runs a tool invoked directly inside QuickJS and returns the value and the SandboxResult", async () => {
    const [probeTool, fractionTool] = toolset.toTools({ sandbox });
    const message = (await probeTool!.invoke({ type: "tool_call", id: "c1", name: "probe", args: { a: 6, b: 7 } })) as ToolMessage;
    expect(JSON.parse(String(message.content))).toEqual({ product: 42, process: "undefined", buffer: "undefined" });
    const artifact = message.artifact as SandboxResult;
    expect(artifact.ok).toBe(true);
    expect(artifact.durationMs).toBeGreaterThanOrEqual(0);
    expect(await fractionTool!.invoke({ a: 2, b: 6 })).toBe("1/3");
  });

  it("reports guest failures as readable results, and throws FunctionCallError on request", async () => {
    // Only the call that must time out gets a short limit; a busy machine cannot turn the others into timeouts.
    const tools = toolset.toTools({ sandbox });
    const short = toolset.toTools({ sandbox, timeoutMs: 300 });
    const failed = (await tools[2]!.invoke({ type: "tool_call", id: "c2", name: "explode", args: { why: "x" } })) as ToolMessage;
    expect(String(failed.content)).toMatch(/^Error \(thrown\): .*kaboom: x/);
    expect(String(failed.content)).toContain("Logs:\nchecking x");
    const timedOut = (await short[3]!.invoke({ type: "tool_call", id: "c3", name: "spin", args: {} })) as ToolMessage;
    expect(String(timedOut.content)).toMatch(/^Error \(timeout\): /);
    expect((timedOut.artifact as SandboxResult).ok).toBe(false);

    const throwing = toolset.toTools({ sandbox, throwOnError: true });
    await expect(throwing[2]!.invoke({ why: "y" })).rejects.toBeInstanceOf(FunctionCallError);
  });

  describe.each(Object.keys(agentKinds) as AgentKind[])("inside %s driven by fakeModel()", (kind) => {
    it("runs the tool in the sandbox and continues after a failing call and after invalid arguments", async () => {
      const { toolMessages, model } = await runScripted(kind, toolset.toTools({ sandbox }), [
        [
          { name: "probe", args: { a: 3, b: 14 }, id: "p1" },
          { name: "fraction", args: { a: 3, b: 9 }, id: "f1" },
        ],
        [{ name: "explode", args: { why: "bad" }, id: "e1" }],
        [{ name: "probe", args: { a: "three" }, id: "bad1" }],
      ]);
      const byId = new Map(toolMessages.map((m) => [m.tool_call_id, m]));
      expect(JSON.parse(String(byId.get("p1")!.content))).toEqual({ product: 42, process: "undefined", buffer: "undefined" });
      expect((byId.get("p1")!.artifact as SandboxResult).durationMs).toEqual(expect.any(Number));
      expect(byId.get("f1")!.content).toBe("1/3");
      expect(String(byId.get("e1")!.content)).toMatch(/^Error \(thrown\): .*kaboom: bad/);
      expect((byId.get("e1")!.artifact as SandboxResult).ok).toBe(false);
      // Arguments that violate the JSON Schema come back as an error message, not a crash.
      expect(byId.get("bad1")!.status).toBe("error");
      expect(String(byId.get("bad1")!.content)).toContain("did not match expected schema");
      // The model was called again after each failure and answered.
      expect(model.callCount).toBe(4);
      expect(model.calls[2]!.messages.some((m) => ToolMessage.isInstance(m) && String(m.content).includes("kaboom"))).toBe(true);
    });
  });
});
