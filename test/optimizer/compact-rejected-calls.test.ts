import { AIMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { fakeModel } from "@langchain/core/testing";
import { describe, expect, it } from "vitest";
import { DEFAULTS } from "../../src/defaults.js";
import { compactRejectedCalls, createOptimizeStepGraph } from "../../src/optimizer/index.js";
import { testSandbox } from "../helpers/test-sandbox.js";
import { addArgs, baseRecords, baseToolset } from "./fixtures.js";

const sandbox = testSandbox();

const sizeOf = (messages: unknown[]) => JSON.stringify(messages).length;

describe("an oversized rejected optimizer call is not re-sent", () => {
  it("later turns of the step carry a short placeholder instead of the 5 MB arguments", async () => {
    const huge = `function inc({ x }) { return x + 1; }\n// ${"y".repeat(5_000_000)}`;
    const model = fakeModel()
      .respondWithTools([{ name: "add_function", args: addArgs("inc", { code: huge }), id: "too_big" }])
      .respondWithTools([{ name: "add_function", args: addArgs("inc"), id: "small" }])
      .respond(new AIMessage("TERMINATE"));
    const graph = createOptimizeStepGraph({ model, sandbox: sandbox(), maxActions: 3, smokeTimeoutMs: 10_000 });
    const out = await graph.invoke({ step: 1, best: baseToolset().toJSON(), bestScore: 0.5, records: baseRecords(), failures: [] });

    expect(out.rejected.map((r: { toolCallId: string }) => r.toolCallId)).toEqual(["too_big"]);
    expect(out.actions.map((a: { name: string }) => a.name)).toEqual(["inc"]);
    expect(model.calls).toHaveLength(3);
    // The 2nd and 3rd turns re-send the history: the 5 MB call is in it only as a placeholder.
    const sizes = model.calls.map((c) => sizeOf(c.messages));
    expect(sizes[1]).toBeLessThan(200_000);
    expect(sizes[2]).toBeLessThan(200_000);
    const echoed = model.calls[1]!.messages.find((m) => AIMessage.isInstance(m) && m.tool_calls?.[0]?.id === "too_big") as AIMessage;
    expect(echoed.tool_calls![0]!.args).toEqual({ omitted: expect.stringMatching(/rejected call \(\d{7} characters\) were removed/) });
  });

  it("keeps applied and small rejected calls verbatim", () => {
    const big = { code: "z".repeat(DEFAULTS.optimizer.maxRejectedCallChars + 1) };
    const reply = new AIMessage({
      content: "",
      tool_calls: [
        { id: "applied_big", name: "add_function", args: big, type: "tool_call" },
        { id: "rejected_small", name: "remove_function", args: { name: "x" }, type: "tool_call" },
        { id: "rejected_big", name: "add_function", args: big, type: "tool_call" },
      ],
    });
    const [out] = compactRejectedCalls([reply], new Set(["rejected_small", "rejected_big"]), DEFAULTS.optimizer.maxRejectedCallChars) as [AIMessage];
    expect(out.tool_calls!.map((c) => c.args)).toEqual([big, { name: "x" }, { omitted: expect.any(String) }]);
    expect(compactRejectedCalls([reply], new Set(["rejected_small"]), 2_000)[0]).toBe(reply);
  });

  it("cuts only past the limit, keeps the reply's text and id, and leaves other messages alone", () => {
    const args = { code: "w".repeat(90) }; // 101 characters as JSON
    const size = JSON.stringify(args).length;
    const reply = new AIMessage({ id: "reply-1", content: "Trying again.", tool_calls: [{ id: "r1", name: "add_function", args, type: "tool_call" }] });
    expect(compactRejectedCalls([reply], new Set(["r1"]), size)[0]).toBe(reply);
    const [cut] = compactRejectedCalls([reply], new Set(["r1"]), size - 1) as [AIMessage];
    expect(cut).not.toBe(reply);
    expect(cut.content).toBe("Trying again.");
    expect(cut.id).toBe("reply-1");
    expect(cut.tool_calls![0]).toMatchObject({ id: "r1", name: "add_function" });
    expect(cut.tool_calls![0]!.args.omitted).toContain(`(${size} characters)`);
    expect(reply.tool_calls![0]!.args).toBe(args);
    const [noId] = compactRejectedCalls([new AIMessage({ content: "", tool_calls: [{ id: "r1", name: "add_function", args, type: "tool_call" }] })], new Set(["r1"]), 10) as [AIMessage];
    expect(noId.id).toBeUndefined();
    const others = [new HumanMessage("q"), new ToolMessage({ tool_call_id: "r1", content: "rejected" }), new AIMessage("TERMINATE")];
    const out = compactRejectedCalls(others, new Set(["r1"]), 0);
    others.forEach((m, i) => expect(out[i]).toBe(m));
  });
});
