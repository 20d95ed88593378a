import { describe, expect, it } from "vitest";
import type { ExecutionRecord } from "../../src/evaluation/index.js";
import { extractFunctionCalls, messagesToDict, recordFromJSON, recordToJSON, renderTranscript, RecordFormatError } from "../../src/evaluation/index.js";
import { sampleConversation } from "./stub-agents.js";
import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";

function recordOf(messages = sampleConversation(), extra: Partial<ExecutionRecord> = {}): ExecutionRecord {
  const stored = messagesToDict(messages);
  return {
    taskId: "t-1",
    question: String(messages[0]!.content),
    gold: "42",
    messages: stored,
    functionCalls: extractFunctionCalls(stored),
    finalAnswer: "42",
    score: 1,
    usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
    latencyMs: 10,
    ...extra,
  };
}

describe("renderTranscript", () => {
  it("shows question, calls with args, results, errors, answer, gold and score", () => {
    const text = renderTranscript(recordOf());
    expect(text).toContain("Question: What is 6 * 7?");
    expect(text).toContain('[call 1] multiply({"a":6,"b":7}) 5 ms');
    expect(text).toContain("  → 42");
    expect(text).toContain("[call 2] broken({})");
    expect(text).toContain("  ✗ thrown: x is not defined");
    expect(text).toContain("Final answer: 42 | Gold: 42 | Score: 1");
    expect(text.indexOf("[call 1]")).toBeLessThan(text.indexOf("[call 2]"));
  });

  it("truncates long tool outputs with a marker", () => {
    const long = "x".repeat(5000);
    const msgs = [
      new HumanMessage("q"),
      new AIMessage({ content: "", tool_calls: [{ id: "a", name: "dump", args: {}, type: "tool_call" }] }),
      new ToolMessage({ tool_call_id: "a", content: long }),
      new AIMessage("FINAL ANSWER: 1"),
    ];
    const text = renderTranscript(recordOf(msgs), { maxToolOutputChars: 100, maxChars: 10_000 });
    expect(text).toContain(`${"x".repeat(100)}…[truncated 4900 chars]`);
    expect(text).not.toContain("x".repeat(101));
  });

  it("stays within maxChars, keeping the question and the outcome", () => {
    const msgs: BaseMessage[] = [new HumanMessage("How many?")];
    for (let i = 0; i < 200; i++) {
      msgs.push(new AIMessage({ content: `step ${i}`, tool_calls: [{ id: `c${i}`, name: "f", args: { i }, type: "tool_call" }] }));
      msgs.push(new ToolMessage({ tool_call_id: `c${i}`, content: `result ${i} `.repeat(20) }));
    }
    msgs.push(new AIMessage("FINAL ANSWER: 7"));
    const text = renderTranscript(recordOf(msgs, { finalAnswer: "7", score: 0, gold: "8", error: undefined }), { maxChars: 1500 });
    expect(text.length).toBeLessThanOrEqual(1500);
    expect(text).toContain("Question: How many?");
    expect(text).toMatch(/…\[\d+ lines omitted\]…/);
    expect(text).toContain("[call 1] f");
    expect(text).toContain("[call 200] f");
    expect(text).toContain("Final answer: 7 | Gold: 8 | Score: 0");
  });

  it("does not repeat a ReAct turn's Action lines next to its call line", () => {
    const msgs = [
      new HumanMessage("q"),
      new AIMessage({
        content: 'Thought: use add\nAction 1: add\nAction 1 Input: {"a": 1, "b": 2}',
        tool_calls: [{ id: "r1", name: "add", args: { a: 1, b: 2 }, type: "tool_call" }],
      }),
      new ToolMessage({ tool_call_id: "r1", content: "3" }),
      new AIMessage("Thought: I now know the final answer\nFINAL ANSWER: 3"),
    ];
    const text = renderTranscript(recordOf(msgs, { finalAnswer: "3", gold: "3" }));
    expect(text).toContain("Assistant: Thought: use add\n[call 1] add(");
    expect(text).not.toContain("Action 1 Input");
    expect(text).toContain("Assistant: Thought: I now know the final answer\nFINAL ANSWER: 3");
  });

  it("shows run errors and missing answers", () => {
    const text = renderTranscript(recordOf([new HumanMessage("q")], { finalAnswer: null, score: 0, error: { kind: "model_error", message: "HTTP 500" } }));
    expect(text).toContain("Run error (model_error): HTTP 500");
    expect(text).toContain("Final answer: (none)");
  });
});

describe("record JSON", () => {
  it("round-trips through JSON and renders the same transcript", () => {
    const record = recordOf();
    const back = recordFromJSON(JSON.parse(JSON.stringify(recordToJSON(record))));
    expect(back).toEqual(recordToJSON(record));
    expect(renderTranscript(back)).toBe(renderTranscript(record));
  });

  it("names the bad field of a malformed record", () => {
    const bad = { ...recordToJSON(recordOf()), score: "1" };
    expect(() => recordFromJSON(bad)).toThrow(RecordFormatError);
    expect(() => recordFromJSON(bad)).toThrow(/"score"/);
  });
});
