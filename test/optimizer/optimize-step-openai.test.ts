import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Toolset } from "../../src/functions/index.js";
import { createModel } from "../../src/models/index.js";
import { AgentOptimizer } from "../../src/optimizer/index.js";
import { createSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { scriptedModelSpec, scriptedSequence, startScriptedServer } from "../../src/testing/index.js";
import { addArgs, baseRecords, baseToolset } from "./fixtures.js";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ workers: 1 });
});
afterAll(async () => {
  await sandbox?.close();
});

describe("optimize step through the real OpenAI client (scripted server)", () => {
  it("sends the App. D.1 prompt with the four action tools, answers unparseable arguments, and applies the valid call", async () => {
    const server = await startScriptedServer({
      respond: scriptedSequence([
        {
          toolCalls: [
            { id: "c_bad", name: "add_function", arguments: '{"name": "inc", "code": ' },
            { id: "c_ok", name: "add_function", arguments: addArgs("inc") },
          ],
        },
        { content: "TERMINATE" },
      ]),
    });
    try {
      const optimizer = new AgentOptimizer({ model: createModel(scriptedModelSpec(server), { maxRetries: 0 }), sandbox });
      const best = baseToolset();
      const out = await optimizer.step({ step: 1, best: best.toJSON(), bestScore: 0.5, records: baseRecords(), failures: [] });

      const [first, second] = server.requests;
      expect(first!.tools?.map((t) => t.function.name)).toEqual(["add_function", "revise_function", "remove_function", "terminate"]);
      expect(first!.messages.map((m) => m.role)).toEqual(["system", "user"]);
      expect(String(first!.messages[0]!.content)).toContain("You are a function optimizer");
      expect(String(first!.messages[1]!.content)).toContain("function double({ x })");

      // Every call of the assistant turn is echoed back and answered, the unparseable one included.
      const assistant = second!.messages.find((m) => m.role === "assistant")!;
      expect(assistant.tool_calls?.map((c) => c.id)).toEqual(["c_bad", "c_ok"]);
      const tools = second!.messages.filter((m) => m.role === "tool");
      expect(tools.map((m) => m.tool_call_id)).toEqual(["c_bad", "c_ok"]);
      expect(String(tools[0]!.content)).toMatch(/^add_function rejected: the arguments are not valid JSON \(.+\); send one JSON object$/);
      expect(String(tools[1]!.content)).toContain('add_function applied: "inc" added');

      expect(out.stopReason).toBe("terminate");
      expect(out.rejected.map((r) => [r.toolCallId, r.code])).toEqual([["c_bad", "invalid_json"]]);
      expect(Toolset.fromJSON(out.candidate).functions.map((f) => f.name)).toEqual(["double", "inc"]);
    } finally {
      await server.close();
    }
  });
});
