import { describe, expect, it } from "vitest";
import { Toolset } from "../../src/functions/index.js";
import type { SandboxResult } from "../../src/sandbox/types.js";
import { agentKinds, runScripted, type AgentKind } from "./agent-scenarios.js";
import { addSpec, explodeSpec as explode, fakeSandbox } from "./fixtures.js";

describe.each(Object.keys(agentKinds) as AgentKind[])("emitted tools inside %s (in-test fake sandbox)", (kind) => {
  const toolset = Toolset.from([addSpec, explode]);

  it("runs the tool, keeps the artifact, and the agent continues after a failing call and bad arguments", async () => {
    const sandbox = fakeSandbox();
    const { toolMessages, model } = await runScripted(kind, toolset.toTools({ sandbox }), [
      [{ name: "add", args: { a: 20, b: 22 }, id: "t1" }],
      [{ name: "explode", args: {}, id: "t2" }],
      [{ name: "add", args: { a: "x" }, id: "t3" }],
    ]);
    expect(toolMessages.map((m) => m.tool_call_id)).toEqual(["t1", "t2", "t3"]);
    expect(toolMessages[0]!.content).toBe("42");
    expect((toolMessages[0]!.artifact as SandboxResult).ok).toBe(true);
    expect(toolMessages[1]!.content).toBe("Error (thrown): kaboom");
    expect((toolMessages[1]!.artifact as SandboxResult).ok).toBe(false);
    expect(toolMessages[2]!.status).toBe("error");
    expect(String(toolMessages[2]!.content)).toContain("did not match expected schema");
    // Only the two well-formed calls reached the sandbox.
    expect(sandbox.calls.map((c) => c.entry)).toEqual(["add", "explode"]);
    // The model saw every tool result before its final answer.
    expect(model.callCount).toBe(4);
  });
});
