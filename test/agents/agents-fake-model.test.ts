import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { fakeModel } from "@langchain/core/testing";
import { tool } from "@langchain/core/tools";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createReActAgent, createToolCallingAgent, finalAnswerFromMessages, ModelCallError } from "../../src/agents/index.js";

const add = tool(async ({ a, b }) => String(a + b), {
  name: "add",
  description: "Add two numbers.",
  schema: z.object({ a: z.number(), b: z.number() }),
});

const question = () => ({ messages: [new HumanMessage("What is 2 + 3?")] });
type Out = { messages: BaseMessage[]; error?: { kind: string; message: string } | null };

describe("createToolCallingAgent", () => {
  it("calls a tool, reads its result and answers", async () => {
    const model = fakeModel()
      .respondWithTools([{ name: "add", args: { a: 2, b: 3 }, id: "c1" }])
      .respond((msgs: BaseMessage[]) => new AIMessage(`FINAL ANSWER: ${msgs.at(-1)!.content}`));
    const agent = createToolCallingAgent({ model, tools: [add] });
    const out = (await agent.invoke(question())) as Out;
    const tm = out.messages.find((m) => m instanceof ToolMessage) as ToolMessage;
    expect(tm.content).toBe("5");
    expect(finalAnswerFromMessages(out.messages)).toBe("5");
    expect(out.error).toBeNull();
  });

  it("ends with error step_limit instead of throwing when the model never stops calling tools", async () => {
    const model = fakeModel();
    for (const id of ["x1", "x2", "x3"]) model.respond(new AIMessage({ content: "", tool_calls: [{ name: "add", args: { a: 1, b: 1 }, id }] }));
    const agent = createToolCallingAgent({ model, tools: [add], maxSteps: 2 });
    const out = (await agent.invoke(question())) as Out;
    expect(out.error?.kind).toBe("step_limit");
    expect(out.messages.filter((m) => m.getType() === "ai")).toHaveLength(2);
    // The last turn's calls are not run: only the first call has a result.
    expect(out.messages.filter((m) => m.getType() === "tool")).toHaveLength(1);
  });

  it("wraps a failing model call in ModelCallError", async () => {
    const agent = createToolCallingAgent({ model: fakeModel().alwaysThrow(new Error("ECONNREFUSED")), tools: [add] });
    await expect(agent.invoke(question())).rejects.toBeInstanceOf(ModelCallError);
  });

  it("refuses a code interpreter without a sandbox", () => {
    expect(() => createToolCallingAgent({ model: fakeModel(), tools: [], codeInterpreter: true })).toThrow(/sandbox/);
  });
});

describe("createReActAgent", () => {
  it("talks plain text to the model but stores tool calls and tool messages", async () => {
    const seen: BaseMessage[][] = [];
    const model = fakeModel()
      .respond((msgs: BaseMessage[]) => {
        seen.push(msgs);
        return new AIMessage('Thought: add them\nAction 1: add\nAction 1 Input: {"a": 2, "b": 3}\nObservation 1: 99');
      })
      .respond((msgs: BaseMessage[]) => {
        seen.push(msgs);
        return new AIMessage({ content: "Thought: I now know the final answer\nFINAL ANSWER: 5", usage_metadata: { input_tokens: 10, output_tokens: 2, total_tokens: 12 } });
      });
    // No function calling at all: the ReAct agent must not need it.
    Object.defineProperty(model, "bindTools", { value: undefined });
    const agent = createReActAgent({ model, tools: [add] });
    const out = (await agent.invoke(question())) as Out;

    expect(seen[0]![0]!.content).toContain("add: Add two numbers.");
    expect(seen[0]![1]!.content).toBe("Question: What is 2 + 3?");
    // Second turn: no tool messages, the observation is a human turn; the hallucinated observation was dropped.
    expect(seen[1]!.map((m) => m.getType())).toEqual(["system", "human", "ai", "human"]);
    expect(seen[1]![2]!.content).not.toContain("99");
    expect(seen[1]![3]!.content).toBe("Observation 1: 5");

    const ai = out.messages[1] as AIMessage;
    expect(ai.tool_calls).toEqual([expect.objectContaining({ name: "add", args: { a: 2, b: 3 } })]);
    expect(out.messages[2]).toBeInstanceOf(ToolMessage);
    expect((out.messages[2] as ToolMessage).tool_call_id).toBe(ai.tool_calls![0]!.id);
    expect(finalAnswerFromMessages(out.messages)).toBe("5");
    expect((out.messages.at(-1) as AIMessage).usage_metadata?.total_tokens).toBe(12);
  });

  it("turns an unknown tool, bad input and off-template text into observations", async () => {
    const observations: string[] = [];
    const lastText = (msgs: BaseMessage[]) => String(msgs.at(-1)!.content);
    const model = fakeModel()
      .respond(() => new AIMessage("Action 1: multiply\nAction 1 Input: {}"))
      .respond((m: BaseMessage[]) => (observations.push(lastText(m)), new AIMessage("Action 2: add\nAction 2 Input: two and three")))
      .respond((m: BaseMessage[]) => (observations.push(lastText(m)), new AIMessage("I think it is five")))
      .respond((m: BaseMessage[]) => (observations.push(lastText(m)), new AIMessage("Action 3: ADD\nAction 3 Input: a=2, b=3")))
      .respond((m: BaseMessage[]) => (observations.push(lastText(m)), new AIMessage("FINAL ANSWER: 5")));
    const out = (await createReActAgent({ model, tools: [add] }).invoke(question())) as Out;
    expect(observations[0]).toMatch(/^Observation 1: Error \(unknown_tool\): Unknown tool "multiply"\. Use one of: add/);
    expect(observations[1]).toMatch(/^Observation 2: Error \(invalid_input\): .*"a", "b"/);
    expect(observations[2]).toMatch(/^Observation: Invalid format/);
    expect(observations[3]).toBe("Observation 3: 5");
    expect(finalAnswerFromMessages(out.messages)).toBe("5");
    expect(out.error).toBeNull();
  });

  it("stops at the step limit with an error in the output", async () => {
    const model = fakeModel();
    for (let i = 0; i < 5; i++) model.respond(new AIMessage("Thought: hmm"));
    const out = (await createReActAgent({ model, tools: [add], maxSteps: 3 }).invoke(question())) as Out;
    expect(out.error?.kind).toBe("step_limit");
    expect(out.messages.filter((m) => m.getType() === "ai")).toHaveLength(3);
  });
});
