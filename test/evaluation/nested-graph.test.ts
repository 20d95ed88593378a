import { AIMessage } from "@langchain/core/messages";
import { Annotation, MemorySaver, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import type { AgentRunnable } from "../../src/agents/types.js";
import { runTask } from "../../src/evaluation/index.js";

// A user's agent graph compiled the ordinary way (no checkpointer option).
const userAgent = new StateGraph(MessagesAnnotation)
  .addNode("answer", async () => ({ messages: [new AIMessage("FINAL ANSWER: 4")] }))
  .addEdge(START, "answer")
  .compile() as unknown as AgentRunnable;

describe("runTask inside another graph's node", () => {
  it("runs the agent as its own root run: nothing lands in the caller's checkpoints", async () => {
    const saver = new MemorySaver();
    const parent = new StateGraph(Annotation.Root({ solved: Annotation<number> }))
      .addNode("evaluate", async () => {
        const task = { id: "t", question: "2+2?", answer: "4" };
        const records = await Promise.all([1, 2, 3].map(() => runTask({ agent: userAgent, task, scorer: (p) => Number(p === "4") })));
        return { solved: records.filter((r) => r.score === 1).length };
      })
      .addEdge(START, "evaluate")
      .compile({ checkpointer: saver });

    const out = await parent.invoke({ solved: 0 }, { configurable: { thread_id: "th" } });
    expect(out.solved).toBe(3);
    const namespaces = new Set<string>();
    for await (const c of saver.list({ configurable: { thread_id: "th" } })) namespaces.add(String(c.config.configurable?.checkpoint_ns));
    expect([...namespaces]).toEqual([""]);
  });
});
