import { AIMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { fakeModel } from "@langchain/core/testing";
import { describe, expect, it } from "vitest";
import {
  AgentConfigError,
  asRunnable,
  createToolCallingAgent,
  finalAnswerFromMessages,
  parseFinalAnswer,
  resolveAgent,
} from "../../src/agents/index.js";
import type { AgentSpec } from "../../src/agents/index.js";
import type { Sandbox } from "../../src/sandbox/types.js";

describe("final answer extraction", () => {
  it("takes the text after the last FINAL ANSWER marker, any case", () => {
    expect(parseFinalAnswer("FINAL ANSWER: 1\nThought: wait\nfinal answer:  **2** ")).toBe("2");
    expect(parseFinalAnswer("Final_Answer: x")).toBe("x");
    expect(parseFinalAnswer("no marker")).toBeNull();
  });

  it("falls back to the last AI text and skips tool-call-only turns", () => {
    const msgs = [
      new HumanMessage("q"),
      new AIMessage("The answer is 12."),
      new AIMessage({ content: "", tool_calls: [{ id: "1", name: "f", args: {} }] }),
      new ToolMessage({ tool_call_id: "1", content: "FINAL ANSWER: 99" }),
    ];
    expect(finalAnswerFromMessages(msgs)).toBe("The answer is 12.");
    expect(finalAnswerFromMessages([new HumanMessage("q")])).toBeNull();
  });
});

describe("agent specs", () => {
  const sandbox = { allowedPackages: [] } as unknown as Sandbox;
  const empty = { toTools: () => [] };

  it("rejects an unknown kind, naming it", () => {
    expect(() => resolveAgent({ kind: "plan-and-solve", model: fakeModel() } as unknown as AgentSpec, { sandbox })).toThrow(/plan-and-solve/);
  });

  it("rejects a tool-calling agent on a model without function calling", () => {
    const model = fakeModel();
    Object.defineProperty(model, "bindTools", { value: undefined });
    const tools = [{ name: "t", description: "d", schema: {} }] as never;
    expect(() => createToolCallingAgent({ model, tools })).toThrow(AgentConfigError);
  });

  it("wraps a factory's plain invokable agent into a Runnable that forwards the config", async () => {
    let seenSignal: AbortSignal | undefined;
    const build = resolveAgent(
      () => ({
        invoke: async (input: { messages: never[] }, config?: { signal?: AbortSignal }) => {
          seenSignal = config?.signal;
          return { messages: [...input.messages, new AIMessage("FINAL ANSWER: ok")] };
        },
      }),
      { sandbox },
    );
    const agent = await build(empty);
    const ac = new AbortController();
    const out = await agent.invoke({ messages: [new HumanMessage("q")] }, { signal: ac.signal });
    expect(finalAnswerFromMessages(out.messages)).toBe("ok");
    ac.abort();
    expect(seenSignal?.aborted).toBe(true);
    expect(() => asRunnable({} as never)).toThrow(AgentConfigError);
  });
});
