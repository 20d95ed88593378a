import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { RunnableLambda } from "@langchain/core/runnables";
import type { AgentRunnable } from "../../src/agents/types.js";

/** An agent that answers `answer(question)` after `delay(question)` ms, honouring aborts. */
export function stubAgent(
  answer: (question: string) => string,
  delay: (question: string) => number = () => 0,
): AgentRunnable {
  return RunnableLambda.from(async (input: { messages: BaseMessage[] }, config) => {
    const q = String(input.messages[0]!.content);
    await sleep(delay(q), config?.signal);
    const text = answer(q);
    return {
      messages: [
        ...input.messages,
        new AIMessage({ content: `FINAL ANSWER: ${text}`, usage_metadata: { input_tokens: 10, output_tokens: 5, total_tokens: 15 } }),
      ],
    };
  }) as unknown as AgentRunnable;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error("Aborted"));
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), reject(new Error("Aborted"))), { once: true });
  });
}

/** A finished conversation with one successful and one failed function call. */
export function sampleConversation(): BaseMessage[] {
  return [
    new HumanMessage("What is 6 * 7?"),
    new AIMessage({
      content: "Let me compute.",
      tool_calls: [
        { id: "c1", name: "multiply", args: { a: 6, b: 7 }, type: "tool_call" },
        { id: "c2", name: "broken", args: {}, type: "tool_call" },
      ],
      usage_metadata: { input_tokens: 100, output_tokens: 20, total_tokens: 120 },
    }),
    new ToolMessage({ tool_call_id: "c1", name: "multiply", content: "42", artifact: { ok: true, value: 42, logs: [], durationMs: 4.5 } }),
    new ToolMessage({
      tool_call_id: "c2",
      name: "broken",
      content: "Error (thrown): x is not defined",
      artifact: { ok: false, error: { kind: "thrown", message: "x is not defined" }, logs: [], durationMs: 1 },
    }),
    new AIMessage({ content: "FINAL ANSWER: 42", usage_metadata: { input_tokens: 150, output_tokens: 5, total_tokens: 155 } }),
  ];
}
