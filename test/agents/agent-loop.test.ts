import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { RunCollectorCallbackHandler } from "@langchain/core/tracers/run_collector";
import { fakeModel } from "@langchain/core/testing";
import { tool } from "@langchain/core/tools";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AgentLoop, createReActAgent, createToolCallingAgent, finalAnswerFromMessages, type AgentExecutor } from "../../src/agents/index.js";
import { messagesToDict } from "../../src/evaluation/records.js";

const add = tool(async ({ a, b }) => String(a + b), { name: "add", description: "Add two numbers.", schema: z.object({ a: z.number(), b: z.number() }) });
const boom = tool(async () => {
  throw new Error("boom");
}, { name: "boom", description: "Fails.", schema: z.object({}) });

type Out = { messages: BaseMessage[]; steps: number; error: { kind: string; message: string } | null };

// Message ids are random uuids in both executors; everything else must match.
const comparable = (out: Out) => ({
  steps: out.steps,
  error: out.error,
  messages: messagesToDict(out.messages).map((m) => ({ ...m, data: { ...m.data, id: typeof m.data.id } })),
});

function toolCallingScript() {
  return fakeModel()
    .respondWithTools([
      { name: "add", args: { a: 2, b: 3 }, id: "c1" },
      { name: "boom", args: {}, id: "c2" },
      { name: "nope", args: {}, id: "c3" },
    ])
    .respond((msgs: BaseMessage[]) => new AIMessage(`FINAL ANSWER: ${msgs.filter((m) => m.getType() === "tool").map((m) => m.content).join(" | ")}`));
}

function reactScript() {
  const model = fakeModel()
    .respond(new AIMessage("I will just chat."))
    .respond(new AIMessage('Thought: add\nAction 1: add\nAction 1 Input: {"a": 2, "b": 3}'))
    .respond(new AIMessage("Thought: done\nFINAL ANSWER: 5"));
  Object.defineProperty(model, "bindTools", { value: undefined });
  return model;
}

async function run(executor: AgentExecutor, kind: "tool-calling" | "react", maxSteps = 5): Promise<Out> {
  const agent =
    kind === "react"
      ? createReActAgent({ model: reactScript(), tools: [add], executor, maxSteps })
      : createToolCallingAgent({ model: toolCallingScript(), tools: [add, boom], executor, maxSteps });
  return (await agent.invoke({ messages: [new HumanMessage("What is 2 + 3?")] })) as Out;
}

describe("executor: \"loop\"", () => {
  it("is an AgentLoop, while the default is a LangGraph graph", () => {
    expect(createToolCallingAgent({ model: fakeModel(), tools: [], executor: "loop" })).toBeInstanceOf(AgentLoop);
    const graph = createToolCallingAgent({ model: fakeModel(), tools: [] }) as unknown as { getGraph?: unknown };
    expect(graph).not.toBeInstanceOf(AgentLoop);
    expect(typeof graph.getGraph).toBe("function");
  });

  it("gives the tool-calling agent's graph output: tool results, tool errors, unknown tools, final answer", async () => {
    const [graph, loop] = [await run("graph", "tool-calling"), await run("loop", "tool-calling")];
    expect(comparable(loop)).toEqual(comparable(graph));
    expect(loop.messages.map((m) => m.getType())).toEqual(["human", "ai", "tool", "tool", "tool", "ai"]);
    expect(loop.messages.every((m) => typeof m.id === "string")).toBe(true);
  });

  it("gives the ReAct agent's graph output, including an off-template turn that loops back to the model", async () => {
    const [graph, loop] = [await run("graph", "react"), await run("loop", "react")];
    expect(comparable(loop)).toEqual(comparable(graph));
    expect(loop.steps).toBe(3);
    expect(finalAnswerFromMessages(loop.messages)).toBe("5");
  });

  it("ends at the step limit with the same error as the graph", async () => {
    const [graph, loop] = [await run("graph", "tool-calling", 1), await run("loop", "tool-calling", 1)];
    expect(loop.error?.kind).toBe("step_limit");
    expect(comparable(loop)).toEqual(comparable(graph));
  });

  it("is one traced chain run under its run name, the model and tool runs nested under it", async () => {
    const collector = new RunCollectorCallbackHandler();
    const agent = createToolCallingAgent({ model: toolCallingScript(), tools: [add, boom], executor: "loop" });
    await agent.invoke({ messages: [new HumanMessage("What is 2 + 3?")] }, { runName: "task-1", tags: ["t"], callbacks: [collector] });
    expect(collector.tracedRuns).toHaveLength(1);
    const root = collector.tracedRuns[0]!;
    expect(root.name).toBe("task-1");
    const children = root.child_runs!.map((r) => r.name);
    // Children keep their own names: the root's run name is not inherited.
    expect(children.filter((name) => name === "task-1")).toEqual([]);
    // ToolNode itself is untraced (as in the graph); the unknown tool never runs.
    expect(root.child_runs!.map((r) => r.run_type)).toEqual(["llm", "tool", "tool", "llm"]);
    expect(children.slice(1, 3).sort()).toEqual(["add", "boom"]);
    expect(root.child_runs!.every((r) => r.tags?.includes("t"))).toBe(true);
  });

  it("stops before the next turn when its signal is aborted", async () => {
    const controller = new AbortController();
    const model = fakeModel().respond(() => {
      controller.abort(new Error("stop"));
      return new AIMessage({ content: "", tool_calls: [{ name: "add", args: { a: 1, b: 1 }, id: "x" }] });
    });
    const agent = createToolCallingAgent({ model, tools: [add], executor: "loop" });
    await expect(agent.invoke({ messages: [new HumanMessage("q")] }, { signal: controller.signal })).rejects.toThrow();
  });
});
