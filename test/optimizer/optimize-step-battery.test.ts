import { AIMessage, ToolMessage } from "@langchain/core/messages";
import { fakeModel, type FakeBuiltModel } from "@langchain/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Toolset } from "../../src/functions/index.js";
import { createOptimizeStepGraph } from "../../src/optimizer/index.js";
import type { RejectionCode } from "../../src/optimizer/index.js";
import { createSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { addArgs, baseRecords, baseToolset } from "./fixtures.js";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ workers: 1 });
});
afterAll(async () => {
  await sandbox?.close();
});

type Reply = AIMessage | { name: string; args: Record<string, unknown>; id?: string }[];

/** Runs one optimize step whose model sends `replies`, then terminates. */
async function runStep(replies: Reply[], options: { maxActions?: number; terminate?: boolean } = {}) {
  const model = fakeModel();
  for (const reply of replies) {
    if (Array.isArray(reply)) model.respondWithTools(reply);
    else model.respond(reply);
  }
  if (options.terminate !== false) model.respondWithTools([{ name: "terminate", args: {}, id: "final_terminate" }]);
  const best = baseToolset();
  const graph = createOptimizeStepGraph({ model, sandbox, maxActions: options.maxActions ?? 3, smokeTimeoutMs: 5_000 }); // ~1000× a smoke call; only the hanging revision reaches it
  const out = await graph.invoke({ step: 1, best: best.toJSON(), bestScore: 0.5, records: baseRecords(), failures: [] });
  return { out, model, inputHash: best.hash };
}

/** The ToolMessages the model received in its last turn. */
function toolReplies(model: FakeBuiltModel): ToolMessage[] {
  const last = model.calls.at(-1)!.messages;
  return last.filter((m): m is ToolMessage => ToolMessage.isInstance(m));
}

interface BatteryCase {
  kind: string;
  reply: Reply;
  code: RejectionCode;
  /** Text the rejection must contain (the precise reason). */
  reason: string | RegExp;
}

const cases: BatteryCase[] = [
  {
    kind: "bad JSON arguments",
    reply: new AIMessage({
      content: "",
      invalid_tool_calls: [{ id: "bad_json", name: "add_function", args: '{"name": "inc", "code": ', error: "parse error", type: "invalid_tool_call" }],
    }),
    code: "invalid_json",
    reason: /add_function rejected: the arguments are not valid JSON \(.+\)/,
  },
  {
    kind: "wrong type (name is a number)",
    reply: [{ name: "add_function", args: addArgs("inc", { name: 42 }), id: "c1" }],
    code: "invalid_spec",
    reason: 'field "name": must be a string, got a number',
  },
  {
    kind: "wrong type (packages is a number)",
    reply: [{ name: "add_function", args: addArgs("inc", { packages: 7 }), id: "c1" }],
    code: "invalid_spec",
    reason: 'field "packages": must be an array of package names',
  },
  {
    kind: "syntax error",
    reply: [{ name: "add_function", args: addArgs("inc", { code: "function inc({ x }) { return x +; }" }), id: "c1" }],
    code: "invalid_spec",
    reason: /field "code" \(line 1, column \d+\): code does not parse/,
  },
  {
    kind: "name mismatch",
    reply: [{ name: "add_function", args: addArgs("inc", { code: "function increment({ x }) { return x + 1; }" }), id: "c1" }],
    code: "invalid_spec",
    reason: 'code does not define a top-level function named "inc"; it defines "increment"',
  },
  {
    kind: "duplicate add",
    reply: [{ name: "add_function", args: addArgs("double"), id: "c1" }],
    code: "exists",
    reason: 'a function named "double" already exists; use revise to change it',
  },
  {
    kind: "revise of a missing function",
    reply: [{ name: "revise_function", args: addArgs("triple"), id: "c1" }],
    code: "missing",
    reason: 'cannot revise: no function named "triple" (existing: double)',
  },
  {
    kind: "remove of a missing function",
    reply: [{ name: "remove_function", args: { name: "triple" }, id: "c1" }],
    code: "missing",
    reason: 'cannot remove: no function named "triple" (existing: double)',
  },
  {
    kind: "remove without a name",
    reply: [{ name: "remove_function", args: {}, id: "c1" }],
    code: "invalid_arguments",
    reason: 'remove_function rejected: field "name" must be a non-empty string, got nothing',
  },
  {
    kind: "disallowed package",
    reply: [{ name: "add_function", args: addArgs("inc", { packages: "lodash" }), id: "c1" }],
    code: "invalid_spec",
    reason: '"lodash" is not allowed in the sandbox; allowed: mathjs, nerdamer',
  },
  {
    kind: "invalid schema",
    reply: [{ name: "add_function", args: addArgs("inc", { arguments: { type: "object", properties: { x: { type: "floaty" } } } }), id: "c1" }],
    code: "invalid_spec",
    reason: /field "parameters": is not a valid JSON Schema/,
  },
  {
    kind: "schema string that is not JSON",
    reply: [{ name: "add_function", args: addArgs("inc", { arguments: '{"x": {"type": "number"' }), id: "c1" }],
    code: "invalid_arguments",
    reason: /field "arguments" is a string but not valid JSON \(.+\)/,
  },
  {
    kind: "empty code",
    reply: [{ name: "add_function", args: addArgs("inc", { code: "" }), id: "c1" }],
    code: "invalid_spec",
    reason: 'code does not define a top-level function named "inc"',
  },
  {
    kind: "oversized code",
    reply: [{ name: "add_function", args: addArgs("inc", { code: `function inc({ x }) { return x + 1; }\n//${"x".repeat(25_000)}` }), id: "c1" }],
    code: "invalid_spec",
    reason: /field "code": is \d+ characters long; at most \d+ are allowed/,
  },
  {
    kind: "code throwing at definition",
    reply: [{ name: "add_function", args: addArgs("inc", { code: 'throw new Error("boom at load");\nfunction inc({ x }) { return x + 1; }' }), id: "c1" }],
    code: "smoke_failed",
    reason: /evaluating the code of "inc" in the sandbox failed \(thrown\): .*boom at load/,
  },
  {
    kind: "revision that hangs on a recorded call",
    reply: [{ name: "revise_function", args: addArgs("double", { code: "function double({ x }) { while (true) {} }" }), id: "c1" }],
    code: "smoke_failed",
    reason: /a sample call double\(\{"x":2\}\) taken from the execution histories crashed the sandbox \(timeout\)/,
  },
  {
    kind: "call to an unknown action",
    reply: [{ name: "delete_everything", args: {}, id: "c1" }],
    code: "unknown_action",
    reason: 'delete_everything rejected: unknown action "delete_everything"; the available actions are add_function, revise_function, remove_function, terminate',
  },
];

describe("optimize step: malformed-action battery", () => {
  for (const c of cases) {
    it(`rejects ${c.kind} with its reason and leaves the toolset unchanged`, async () => {
      const { out, model, inputHash } = await runStep([c.reply]);
      expect(out.actions).toEqual([]);
      expect(out.rejected).toHaveLength(1);
      const [rejection] = out.rejected;
      expect(rejection!.code).toBe(c.code);
      if (typeof c.reason === "string") expect(rejection!.reason).toContain(c.reason);
      else expect(rejection!.reason).toMatch(c.reason);
      // The optimizer got exactly that reason back as an error ToolMessage for that call.
      const reply = toolReplies(model).find((m) => m.tool_call_id === rejection!.toolCallId);
      expect(reply?.content).toBe(rejection!.reason);
      expect(reply?.status).toBe("error");
      expect(Toolset.fromJSON(out.candidate).hash).toBe(inputHash);
      expect(out.stopReason).toBe("terminate");
    });
  }

  it("ends on a text reply with no call, toolset unchanged", async () => {
    const { out, model, inputHash } = await runStep([new AIMessage("I would add a function, but I am not sure which.")], { terminate: false });
    expect(out.stopReason).toBe("text");
    expect(out.actions).toEqual([]);
    expect(model.callCount).toBe(1);
    expect(Toolset.fromJSON(out.candidate).hash).toBe(inputHash);
  });

  it("answers calls beyond maxActions with 'not applied: action limit reached'", async () => {
    // add + remove of the same function restore the input, so only the excess call could change it.
    const { out, model, inputHash } = await runStep(
      [[
        { name: "add_function", args: addArgs("inc"), id: "a1" },
        { name: "remove_function", args: { name: "inc" }, id: "a2" },
        { name: "add_function", args: addArgs("late"), id: "a3" },
      ]],
      { maxActions: 2, terminate: false },
    );
    expect(out.stopReason).toBe("max_actions");
    expect(out.actions.map((a) => a.toolCallId)).toEqual(["a1", "a2"]);
    expect(out.rejected).toEqual([expect.objectContaining({ toolCallId: "a3", code: "limit_reached", name: "late" })]);
    expect(out.rejected[0]!.reason).toContain("add_function not applied: action limit reached");
    expect(model.callCount).toBe(1);
    expect(Toolset.fromJSON(out.candidate).hash).toBe(inputHash);
  });

  it("refuses terminate mixed with other calls: nothing of that reply is applied", async () => {
    const { out, model, inputHash } = await runStep([[
      { name: "add_function", args: addArgs("inc"), id: "m1" },
      { name: "terminate", args: {}, id: "m2" },
    ]]);
    expect(out.actions).toEqual([]);
    expect(out.rejected.map((r) => [r.toolCallId, r.code])).toEqual([["m1", "terminate_mixed"], ["m2", "terminate_mixed"]]);
    expect(out.rejected[0]!.reason).toContain("terminate must be the only tool call in a reply, but this reply has 2 calls");
    const replies = toolReplies(model);
    expect(replies.map((m) => m.tool_call_id)).toEqual(["m1", "m2"]);
    expect(out.stopReason).toBe("terminate"); // from the lone terminate that followed
    expect(Toolset.fromJSON(out.candidate).hash).toBe(inputHash);
  });

  it("rejects each bad call of a mixed reply and applies the good ones, in order", async () => {
    const { out, model } = await runStep([[
      { name: "remove_function", args: { name: "nope" }, id: "x1" },
      { name: "add_function", args: addArgs("inc"), id: "x2" },
      { name: "add_function", args: addArgs("inc"), id: "x3" },
    ]]);
    expect(out.actions.map((a) => a.toolCallId)).toEqual(["x2"]);
    expect(out.rejected.map((r) => [r.toolCallId, r.code])).toEqual([["x1", "missing"], ["x3", "exists"]]);
    expect(toolReplies(model).map((m) => m.tool_call_id)).toEqual(["x1", "x2", "x3"]);
    expect(Toolset.fromJSON(out.candidate).functions.map((f) => f.name)).toEqual(["double", "inc"]);
  });

  it("stops a model that only sends rejected calls after maxTurns turns", async () => {
    const model = fakeModel();
    for (let i = 0; i < 10; i++) model.respondWithTools([{ name: "remove_function", args: { name: "ghost" } }]);
    const best = baseToolset();
    const graph = createOptimizeStepGraph({ model, sandbox, maxActions: 2, maxTurns: 4 });
    const out = await graph.invoke({ step: 3, best: best.toJSON(), bestScore: 0, records: [], failures: [] });
    expect(model.callCount).toBe(4);
    expect(out.stopReason).toBe("no_call");
    expect(out.rejected).toHaveLength(4);
    expect(Toolset.fromJSON(out.candidate).hash).toBe(best.hash);
  });
});
