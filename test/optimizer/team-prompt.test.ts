import { AIMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { extractFunctionCalls, messagesToDict, renderTranscript, type ExecutionRecord } from "../../src/evaluation/index.js";
import { ACTION_TOOLS, buildOptimizerPrompt, teamActionTools } from "../../src/optimizer/index.js";
import { baseRecords, baseToolset } from "./fixtures.js";

const TEAM = [
  { name: "researcher", description: "Finds facts." },
  { name: "calculator", description: "Computes." },
];

describe("the optimizer prompt and tools for a team", () => {
  it("shows each role with its description and the functions it gets", () => {
    const best = baseToolset().add({ name: "inc", description: "Plus one.", parameters: { type: "object", properties: { x: { type: "number" } } }, code: "const inc = ({ x }) => x + 1;", roles: ["calculator"] });
    const { human } = buildOptimizerPrompt({ best: best.toJSON(), bestScore: 0.5, failures: [], records: baseRecords() }, { team: TEAM });
    expect(human).toContain("## The team");
    expect(human).toContain("- researcher: Finds facts. Functions: double.");
    expect(human).toContain("- calculator: Computes. Functions: double, inc.");
    expect(human).toContain("roles: calculator");
    const single = buildOptimizerPrompt({ best: best.toJSON(), bestScore: 0.5, failures: [], records: baseRecords() });
    expect(single.human).not.toContain("## The team");
  });

  it("offers a roles argument only to a team of two or more", () => {
    expect(teamActionTools(undefined)).toBe(ACTION_TOOLS);
    expect(teamActionTools(TEAM.slice(0, 1))).toBe(ACTION_TOOLS);
    const add = teamActionTools(TEAM).find((t) => t.function.name === "add_function")!;
    expect((add.function.parameters.properties as Record<string, { items?: { enum?: string[] } }>).roles?.items?.enum).toEqual(["researcher", "calculator"]);
    expect(add.function.parameters.required).not.toContain("roles");
  });

  it("records and transcripts name the role of each named message and call", () => {
    const messages = messagesToDict([
      new HumanMessage("6 * 7?"),
      new AIMessage({ content: "Let me compute.", name: "calculator", tool_calls: [{ id: "c1", name: "mul", args: { a: 6, b: 7 }, type: "tool_call" }] }),
      new ToolMessage({ tool_call_id: "c1", name: "mul", content: "42" }),
      new AIMessage({ content: "FINAL ANSWER: 42", name: "supervisor" }),
    ]);
    const functionCalls = extractFunctionCalls(messages);
    expect(functionCalls[0]?.role).toBe("calculator");
    const record: ExecutionRecord = {
      taskId: "t", question: "6 * 7?", gold: "42", messages, functionCalls, finalAnswer: "42", score: 1,
      usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 }, latencyMs: 1,
    };
    const text = renderTranscript(record);
    expect(text).toContain("Assistant (calculator): Let me compute.");
    expect(text).toContain('[call 1] (calculator) mul({"a":6,"b":7})');
    expect(text).toContain("Assistant (supervisor): FINAL ANSWER: 42");
  });
});
