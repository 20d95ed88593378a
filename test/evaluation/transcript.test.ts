import { describe, expect, it } from "vitest";
import type { ExecutionRecord } from "../../src/evaluation/index.js";
import { extractFunctionCalls, messagesToDict, recordFromJSON, recordToJSON, renderTranscript, RecordFormatError, truncateText } from "../../src/evaluation/index.js";
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

describe("renderTranscript within maxChars", () => {
  // Eight body lines of equal length ("Assistant: step N"), then the outcome.
  const steps = () => {
    const msgs: BaseMessage[] = [new HumanMessage("q")];
    for (let i = 1; i <= 8; i++) msgs.push(new AIMessage(`step ${i}`));
    return recordOf(msgs, { finalAnswer: "8", gold: "8", feedback: "ok" });
  };
  const outcome = "Final answer: 8 | Gold: 8 | Score: 1\nFeedback: ok";

  it("keeps a transcript that fits exactly, and otherwise drops as few middle lines as it must, the start first", () => {
    const record = steps();
    const full = renderTranscript(record, { maxChars: 100_000 });
    expect(full.split("\n").filter((l) => l.startsWith("Assistant: step"))).toHaveLength(8);
    expect(renderTranscript(record, { maxChars: full.length })).toBe(full);
    const lineLength = "Assistant: step 1".length + 1;
    // From "no step fits beside the marker" up to one character short of the whole transcript.
    for (let maxChars = full.length - 8 * lineLength + "…[8 lines omitted]…".length + 1; maxChars < full.length; maxChars++) {
      const text = renderTranscript(record, { maxChars });
      expect(text.length).toBeLessThanOrEqual(maxChars);
      expect(text.startsWith("### Task t-1 (score 1)\nQuestion: q\n")).toBe(true);
      expect(text.endsWith(`\n${outcome}`)).toBe(true);
      const lines = text.split("\n");
      const omitted = Number(/^…\[(\d+) lines omitted\]…$/.exec(lines.find((l) => l.startsWith("…[")) ?? "")?.[1]);
      const kept = lines.filter((l) => l.startsWith("Assistant: step")).map((l) => Number(l.slice(-1)));
      expect(kept.length + omitted).toBe(8);
      // No room wasted: one more step would not have fitted.
      expect(text.length + lineLength).toBeGreaterThan(maxChars);
      // The first steps and the last ones, the start getting the odd one.
      const fromStart = kept.filter((n, i) => n === i + 1).length;
      expect(kept).toEqual([...kept.slice(0, fromStart), ...Array.from({ length: kept.length - fromStart }, (_, i) => 9 - kept.length + fromStart + i)]);
      expect(fromStart - (kept.length - fromStart)).toBeGreaterThanOrEqual(0);
      expect(fromStart - (kept.length - fromStart)).toBeLessThanOrEqual(1);
    }
  });

  it("cuts even the question and the outcome when nothing else fits", () => {
    const record = recordOf([new HumanMessage("q".repeat(500))], { question: "q".repeat(500) });
    const text = renderTranscript(record, { maxChars: 100 });
    expect(text.length).toBeLessThanOrEqual(100);
    expect(text).toMatch(/^### Task t-1 \(score 1\)\nQuestion: q+/);
    expect(text).toMatch(/…\[truncated \d+ chars\]$/);
  });

  it("gives the question at most a third of the transcript", () => {
    const question = "q".repeat(1000);
    const text = renderTranscript(recordOf([new HumanMessage(question)], { question }), { maxChars: 600 });
    expect(text).toContain(`Question: ${"q".repeat(200)}…[truncated 800 chars]\n`);
  });
});

describe("renderTranscript details", () => {
  it("lists every call once, in call order, including calls no message names", () => {
    const msgs = [
      new HumanMessage("q"),
      new AIMessage({ content: "", tool_calls: [{ id: "a", name: "first", args: { n: 1 }, type: "tool_call" }] }),
      new ToolMessage({ tool_call_id: "a", content: "1" }),
      new AIMessage({ content: "", invalid_tool_calls: [{ id: "bad", name: "second", args: "{oops", error: "bad json", type: "invalid_tool_call" }] }),
    ];
    const text = renderTranscript(recordOf(msgs));
    expect(text).toContain('[call 1] first({"n":1})\n  → 1\n');
    expect(text).toContain("[call 2] second({oops)\n  ✗ invalid_arguments: bad json\n");
    expect(text.match(/\[call \d+\]/g)).toEqual(["[call 1]", "[call 2]"]);
    // A turn with only tool calls has no text line.
    expect(text).not.toMatch(/^Assistant:/m);
  });

  it("shows each function call of the sample once", () => {
    const text = renderTranscript(recordOf());
    expect(text.match(/\[call \d+\]/g)).toEqual(["[call 1]", "[call 2]"]);
    expect(text).toContain("Assistant: Let me compute.\n[call 1]");
  });

  it("shows a call without arguments, one never executed, and one without a duration", () => {
    const record = recordOf([new HumanMessage("q")], {
      functionCalls: [
        { id: "x", name: "noArgs", args: undefined, result: "ok" },
        { id: "y", name: "pending", args: {} },
      ],
    });
    const text = renderTranscript(record);
    expect(text).toContain("Question: q\n[call 1] noArgs()\n  → ok\n[call 2] pending({})\n  (not executed)\nFinal answer: 42");
  });

  it("names the team member of each text and call, and no one for a blank name", () => {
    const msgs = [
      new HumanMessage("q"),
      new AIMessage({ content: "I will add.", name: "researcher", tool_calls: [{ id: "r", name: "add", args: {}, type: "tool_call" }] }),
      new ToolMessage({ tool_call_id: "r", content: "3" }),
      new AIMessage({ content: "Done.", name: "" }),
    ];
    const text = renderTranscript(recordOf(msgs));
    expect(text).toContain("Assistant (researcher): I will add.\n[call 1] (researcher) add({})\n  → 3\nAssistant: Done.");
  });

  it("shows later user turns, not the question twice", () => {
    const msgs = [new HumanMessage("What is 6 * 7?"), new AIMessage("  Which base?\n"), new HumanMessage("  Base ten.  "), new AIMessage("FINAL ANSWER: 42")];
    const text = renderTranscript(recordOf(msgs));
    expect(text.match(/^User: .*$/gm)).toEqual(["User: Base ten."]);
    expect(text).toContain("Assistant: Which base?\nUser: Base ten.\nAssistant: FINAL ANSWER: 42");
  });

  it("shows what a learned function did on the host", () => {
    const record = recordOf([new HumanMessage("q")], {
      functionCalls: [
        { id: "a", name: "lookup", args: {}, result: "x", durationMs: 41.4, capabilities: { calls: 3, refused: 1, bytes: 18_200, durationMs: 40.6, byName: { fetch: 2, "parse.tables": 1 } } },
        { id: "b", name: "lookup", args: {}, result: "y", capabilities: { calls: 1, refused: 0, bytes: 500, durationMs: 2, byName: { fetch: 1 } } },
      ],
    });
    const text = renderTranscript(record);
    expect(text).toContain("[call 1] lookup({}) 41 ms\n  uses fetch×2, parse.tables×1 (18.2 kB, 41 ms, 1 refused)\n  → x\n");
    expect(text).toContain("[call 2] lookup({})\n  uses fetch×1 (0.5 kB, 2 ms)\n  → y\n");
  });

  it("shows a fractional score with two decimals and the scorer's feedback, truncating long outcome fields", () => {
    const long = (c: string) => c.repeat(50);
    const record = recordOf([new HumanMessage("q")], {
      score: 0.5,
      finalAnswer: long("a"),
      gold: long("g"),
      feedback: long("f"),
      error: { kind: "scorer_error", message: long("e") },
    });
    const text = renderTranscript(record, { maxToolOutputChars: 10 });
    expect(text.startsWith("### Task t-1 (score 0.50)\n")).toBe(true);
    const cut = (c: string) => `${c.repeat(10)}…[truncated 40 chars]`;
    expect(text).toContain(`Run error (scorer_error): ${cut("e")}\nFinal answer: ${cut("a")} | Gold: ${cut("g")} | Score: 0.50\nFeedback: ${cut("f")}`);
    expect(renderTranscript(recordOf())).not.toContain("Feedback");
  });

  it("keeps a ReAct turn's thoughts and drops its spelled-out action in any markdown form", () => {
    const forms = ["- **  Action:** add", "Action: add", "  Action 1: add", "-Action: add", "## Action: add", "> Action: add", "**Action:** add", "- __Action__: add", "ACTION: add", "\t**  action: add"];
    const msgs: BaseMessage[] = [new HumanMessage("q")];
    forms.forEach((form, i) => {
      msgs.push(new AIMessage({ content: `I will take action ${i}\n${form}\nAction Input: {"a": 1}`, tool_calls: [{ id: `r${i}`, name: "add", args: { a: 1 }, type: "tool_call" }] }));
      msgs.push(new ToolMessage({ tool_call_id: `r${i}`, content: "1" }));
    });
    const text = renderTranscript(recordOf(msgs));
    forms.forEach((_form, i) => expect(text).toContain(`Assistant: I will take action ${i}\n[call ${i + 1}] add(`));
    expect(text).not.toMatch(/add\n|Action Input/i);
  });

  it("keeps words that only start like an action, and every line of a turn without tool calls", () => {
    const msgs = [
      new HumanMessage("q"),
      new AIMessage({ content: "Actionable: add both\nReaction: none\nAction: add", tool_calls: [{ id: "a", name: "add", args: {}, type: "tool_call" }] }),
      new ToolMessage({ tool_call_id: "a", content: "3" }),
      new AIMessage("Action plan: none left\nFINAL ANSWER: 3"),
    ];
    const text = renderTranscript(recordOf(msgs));
    expect(text).toContain("Assistant: Actionable: add both\nReaction: none\n[call 1] add({})");
    expect(text).toContain("Assistant: Action plan: none left\nFINAL ANSWER: 3");
  });
});

describe("truncateText", () => {
  it("keeps text of exactly the limit, cuts longer text with a count, and everything at a negative limit", () => {
    expect(truncateText("abcd", 4)).toBe("abcd");
    expect(truncateText("abcde", 4)).toBe("abcd…[truncated 1 chars]");
    expect(truncateText("abc", -5)).toBe("…[truncated 3 chars]");
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
