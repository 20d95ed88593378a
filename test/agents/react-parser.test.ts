import { describe, expect, it } from "vitest";
import { parseReActOutput } from "../../src/agents/react-parser.js";

describe("parseReActOutput", () => {
  it("reads the App. D.2 numbered template", () => {
    const step = parseReActOutput('Thought: I should add\nAction 1: add\nAction 1 Input: {"a": 1, "b": 2}');
    expect(step).toMatchObject({ kind: "action", tool: "add", input: '{"a": 1, "b": 2}', thought: "I should add" });
  });

  it("reads unnumbered labels and odd spacing / case", () => {
    const step = parseReActOutput("thought:   think\n  ACTION :  add  \naction input:{\"a\":1}");
    expect(step).toMatchObject({ kind: "action", tool: "add", input: '{"a":1}' });
  });

  it("reads 'Action Input 2:' and 'Action #3' numbering styles", () => {
    expect(parseReActOutput("Action 2: mul\nAction Input 2: {\"x\": 3}")).toMatchObject({ tool: "mul", input: '{"x": 3}' });
    expect(parseReActOutput("Action #3: mul\nAction #3 Input: 7")).toMatchObject({ tool: "mul", input: "7" });
  });

  it("strips markdown bold, list bullets, backticks and brackets around names", () => {
    expect(parseReActOutput("**Thought:** go\n**Action 1:** `add`\n**Action 1 Input:** {\"a\": 2}")).toMatchObject({
      kind: "action",
      tool: "add",
      input: '{"a": 2}',
    });
    expect(parseReActOutput("- Action: [add]\n- Action Input: 5")).toMatchObject({ tool: "add", input: "5" });
    expect(parseReActOutput("Action: add()\nAction Input: {}")).toMatchObject({ tool: "add", input: "{}" });
  });

  it("keeps a multi-line input in a code fence", () => {
    const step = parseReActOutput("Action 1: execute_javascript\nAction 1 Input: ```js\nconst x = 2;\nx * 21\n```");
    expect(step).toMatchObject({ kind: "action", tool: "execute_javascript" });
    expect(step.kind === "action" && step.input).toBe("```js\nconst x = 2;\nx * 21\n```");
  });

  it("accepts a call written on the Action line", () => {
    expect(parseReActOutput('Action 1: add({"a": 1, "b": 2})')).toMatchObject({ tool: "add", input: '{"a": 1, "b": 2}' });
  });

  it("drops hallucinated observations and everything after them", () => {
    const step = parseReActOutput("Action 1: add\nAction 1 Input: {}\nObservation 1: 3\nThought: done\nFINAL ANSWER: 3");
    expect(step.kind).toBe("action");
    expect(step.text).toBe("Action 1: add\nAction 1 Input: {}");
  });

  it("reads a final answer, the last one when repeated, case-insensitively", () => {
    expect(parseReActOutput("Thought: I now know the final answer\nFINAL ANSWER: 42")).toMatchObject({ kind: "final", answer: "42" });
    expect(parseReActOutput("Final Answer: 1\nfinal answer: **7**")).toMatchObject({ kind: "final", answer: "7" });
    expect(parseReActOutput("FINAL ANSWER：北京")).toMatchObject({ kind: "final", answer: "北京" });
  });

  it("reads 'Action: Final Answer' pseudo-actions as final answers", () => {
    expect(parseReActOutput("Action: Final Answer\nAction Input: 42")).toMatchObject({ kind: "final", answer: "42" });
    expect(parseReActOutput('Action 2: final_answer\nAction 2 Input: {"answer": "Paris"}')).toMatchObject({ kind: "final", answer: "Paris" });
  });

  it("prefers an earlier action over a guessed final answer", () => {
    expect(parseReActOutput("Action: add\nAction Input: {}\nFINAL ANSWER: 3").kind).toBe("action");
    expect(parseReActOutput("FINAL ANSWER: 3\nAction: add\nAction Input: {}")).toMatchObject({ kind: "final", answer: "3" });
  });

  it("reports off-template text as invalid with a reason", () => {
    const step = parseReActOutput("The answer is probably 12.");
    expect(step.kind).toBe("invalid");
    expect(step.kind === "invalid" && step.reason).toMatch(/FINAL ANSWER/);
    expect(parseReActOutput("Action Input: {}")).toMatchObject({ kind: "invalid" });
    expect(parseReActOutput("FINAL ANSWER:   ").kind).toBe("invalid");
  });
});
