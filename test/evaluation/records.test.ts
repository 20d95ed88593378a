import { AIMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { extractFunctionCalls, messageUsage, messagesFromDict, messagesToDict, sumUsage } from "../../src/evaluation/index.js";
import { addUsage } from "../../src/evaluation/records.js";
import { sampleConversation } from "./stub-agents.js";

describe("execution record extraction", () => {
  it("joins tool calls with their results, sandbox errors and durations", () => {
    const calls = extractFunctionCalls(messagesToDict(sampleConversation()));
    expect(calls).toEqual([
      { id: "c1", name: "multiply", args: { a: 6, b: 7 }, result: "42", durationMs: 4.5 },
      {
        id: "c2",
        name: "broken",
        args: {},
        result: "Error (thrown): x is not defined",
        error: { kind: "thrown", message: "x is not defined" },
        durationMs: 1,
      },
    ]);
  });

  it("falls back to ToolMessage status for plain tools", () => {
    const stored = messagesToDict([
      new HumanMessage("q"),
      new AIMessage({ content: "", tool_calls: [{ id: "t1", name: "search", args: { q: "x" }, type: "tool_call" }] }),
      new ToolMessage({ tool_call_id: "t1", content: "Error: boom\n Please fix your mistakes.", status: "error" }),
    ]);
    const [call] = extractFunctionCalls(stored);
    expect(call).toEqual({
      id: "t1",
      name: "search",
      args: { q: "x" },
      result: "Error: boom\n Please fix your mistakes.",
      error: { kind: "tool_error", message: "Error: boom\n Please fix your mistakes." },
    });
  });

  it("records malformed calls as invalid_arguments", () => {
    const stored = messagesToDict([
      new AIMessage({ content: "", invalid_tool_calls: [{ id: "b1", name: "add", args: "{a:", error: "bad json", type: "invalid_tool_call" }] }),
    ]);
    expect(extractFunctionCalls(stored)).toEqual([{ id: "b1", name: "add", args: "{a:", error: { kind: "invalid_arguments", message: "bad json" } }]);
  });

  it("sums token usage over AI messages", () => {
    expect(sumUsage(messagesToDict(sampleConversation()))).toEqual({ inputTokens: 250, outputTokens: 25, totalTokens: 275, cachedTokens: 0 });
  });

  it("counts replies reused from the response cache apart from billed tokens, and replays of the same call site as billed", () => {
    const usage = { input_tokens: 40, output_tokens: 2, total_tokens: 42 };
    const messages = [
      new HumanMessage("q"),
      new AIMessage({ content: "a", usage_metadata: usage, response_metadata: { toolforge_cache: "hit" } }),
      new AIMessage({ content: "b", usage_metadata: usage, response_metadata: { toolforge_cache: "replay" } }),
      new AIMessage({ content: "c", usage_metadata: usage }),
    ];
    expect(sumUsage(messagesToDict(messages))).toEqual({ inputTokens: 80, outputTokens: 4, totalTokens: 84, cachedTokens: 42 });
  });

  it("stores messages JSON-safely and restores them", () => {
    const weird = new ToolMessage({ tool_call_id: "w", content: "x", artifact: { big: 10n, nothing: undefined, n: [1, "a"] } });
    const stored = messagesToDict([...sampleConversation(), weird]);
    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
    const back = messagesFromDict(stored);
    expect(back.map((m) => m.getType())).toEqual(["human", "ai", "tool", "tool", "ai", "tool"]);
    expect((back[1] as AIMessage).tool_calls?.[0]?.args).toEqual({ a: 6, b: 7 });
    expect((back[5] as ToolMessage).artifact).toEqual({ big: "10", n: [1, "a"] });
  });

  it("names the team member that made a call, and no one for an unnamed or blank-named message", () => {
    const call = (id: string) => ({ id, name: "add", args: {}, type: "tool_call" as const });
    const stored = messagesToDict([
      new AIMessage({ content: "", name: "researcher", tool_calls: [call("r")], invalid_tool_calls: [{ id: "ri", name: "add", args: "{", type: "invalid_tool_call" }] }),
      new AIMessage({ content: "", name: "", tool_calls: [call("blank")] }),
      new AIMessage({ content: "", tool_calls: [call("anon")] }),
    ]);
    const calls = extractFunctionCalls(stored);
    expect(calls.map((c) => [c.id, c.role])).toEqual([
      ["r", "researcher"],
      ["ri", "researcher"],
      ["blank", undefined],
      ["anon", undefined],
    ]);
    expect(calls.slice(2).every((c) => !("role" in c))).toBe(true);
  });

  it("numbers calls without an id by their position, and names what an unnamed malformed call lacked", () => {
    const stored = messagesToDict([
      new AIMessage({ content: "", tool_calls: [{ name: "add", args: { a: 1 }, type: "tool_call" }, { id: "x", name: "sub", args: {}, type: "tool_call" }] }),
      new AIMessage({ content: "", invalid_tool_calls: [{ args: "{oops", type: "invalid_tool_call" } as never] }),
    ]);
    expect(extractFunctionCalls(stored)).toStrictEqual([
      { id: "call_0", name: "add", args: { a: 1 } },
      { id: "x", name: "sub", args: {} },
      { id: "call_2", name: "(unnamed)", args: "{oops", error: { kind: "invalid_arguments", message: "arguments are not valid JSON" } },
    ]);
  });

  it("tells arguments rejected by the tool's schema from other tool errors", () => {
    const stored = messagesToDict([
      new AIMessage({ content: "", tool_calls: [{ id: "s", name: "add", args: { a: "x" }, type: "tool_call" }] }),
      new ToolMessage({ tool_call_id: "s", content: "Error: Received tool input did not match expected schema", status: "error" }),
    ]);
    expect(extractFunctionCalls(stored)[0]!.error).toEqual({ kind: "invalid_arguments", message: "Error: Received tool input did not match expected schema" });
  });

  it("reads a failed sandbox result without error details as a tool error with the tool's text, and ignores a duration that is not a number", () => {
    const stored = messagesToDict([
      new AIMessage({ content: "", tool_calls: [{ id: "f", name: "f", args: {}, type: "tool_call" }] }),
      new ToolMessage({ tool_call_id: "f", content: "it broke", artifact: { ok: false, durationMs: "slow" } }),
    ]);
    expect(extractFunctionCalls(stored)).toStrictEqual([{ id: "f", name: "f", args: {}, result: "it broke", error: { kind: "tool_error", message: "it broke" } }]);
  });

  it("keeps a tool's result when its artifact is null or not a sandbox result, and the call ok unless its status is error", () => {
    const call = (id: string) => ({ id, name: "f", args: {}, type: "tool_call" as const });
    const stored = messagesToDict([
      new AIMessage({ content: "", tool_calls: [call("n"), call("o"), call("t")] }),
      new ToolMessage({ tool_call_id: "n", content: "fine", artifact: null }),
      new ToolMessage({ tool_call_id: "o", content: "also fine", artifact: { ok: "yes" }, status: "success" }),
      // A plain tool's own artifact (content_and_artifact), not a sandbox result.
      new ToolMessage({ tool_call_id: "t", content: "3 rows", artifact: { rows: [1, 2, 3] } }),
    ]);
    expect(extractFunctionCalls(stored)).toStrictEqual([
      { id: "n", name: "f", args: {}, result: "fine" },
      { id: "o", name: "f", args: {}, result: "also fine" },
      { id: "t", name: "f", args: {}, result: "3 rows" },
    ]);
  });

  it("keeps capability use only for a learned function that used a capability", () => {
    const used = { calls: 2, refused: 0, bytes: 10, durationMs: 3, byName: { fetch: 2 } };
    const idle = { calls: 0, refused: 0, bytes: 0, durationMs: 0, byName: {} };
    const stored = messagesToDict([
      new AIMessage({ content: "", tool_calls: [{ id: "u", name: "f", args: {}, type: "tool_call" }, { id: "i", name: "f", args: {}, type: "tool_call" }] }),
      new ToolMessage({ tool_call_id: "u", content: "1", artifact: { ok: true, durationMs: 2, capabilities: used } }),
      new ToolMessage({ tool_call_id: "i", content: "2", artifact: { ok: true, durationMs: 2, capabilities: idle } }),
    ]);
    const [u, i] = extractFunctionCalls(stored);
    expect(u!.capabilities).toEqual(used);
    expect(i).not.toHaveProperty("capabilities");
  });

  it("derives missing token counts, and adds usages without cache counts as zero cached tokens", () => {
    expect(messageUsage({ input_tokens: 7, output_tokens: 3 })).toEqual({ inputTokens: 7, outputTokens: 3, totalTokens: 10, cachedTokens: 0 });
    expect(messageUsage({ output_tokens: 3 })).toEqual({ inputTokens: 0, outputTokens: 3, totalTokens: 3, cachedTokens: 0 });
    expect(messageUsage({ input_tokens: 4 })).toEqual({ inputTokens: 4, outputTokens: 0, totalTokens: 4, cachedTokens: 0 });
    expect(messageUsage(undefined, { toolforge_cache: "hit" })).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0, cachedTokens: 0 });
    expect(addUsage({ inputTokens: 1, outputTokens: 2, totalTokens: 3 }, { inputTokens: 1, outputTokens: 1, totalTokens: 2, cachedTokens: 5 })).toEqual({
      inputTokens: 2,
      outputTokens: 3,
      totalTokens: 5,
      cachedTokens: 5,
    });
    expect(addUsage({ inputTokens: 0, outputTokens: 0, totalTokens: 0, cachedTokens: 4 }, { inputTokens: 0, outputTokens: 0, totalTokens: 0 }).cachedTokens).toBe(4);
  });
});
