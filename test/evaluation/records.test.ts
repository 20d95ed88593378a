import { AIMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { extractFunctionCalls, messagesFromDict, messagesToDict, sumUsage } from "../../src/evaluation/index.js";
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
});
