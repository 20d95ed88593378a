import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { fakeModel } from "@langchain/core/testing";
import { createReactAgent } from "@langchain/langgraph/prebuilt";
import { createAgent } from "langchain";
import { expect } from "vitest";
import type { DynamicStructuredTool } from "@langchain/core/tools";

/** The two LangChain agent constructors the emitted tools must work in unchanged. */
export const agentKinds = {
  createAgent: (model: ReturnType<typeof fakeModel>, tools: DynamicStructuredTool[]) => createAgent({ model, tools }),
  createReactAgent: (model: ReturnType<typeof fakeModel>, tools: DynamicStructuredTool[]) => createReactAgent({ llm: model, tools }),
} as const;

export type AgentKind = keyof typeof agentKinds;

/**
 * Drives an agent with a scripted model: first the given tool calls, then a
 * final answer. Returns the conversation's tool messages and the model.
 */
export async function runScripted(
  kind: AgentKind,
  tools: DynamicStructuredTool[],
  toolCalls: { name: string; args: Record<string, unknown>; id: string }[][],
): Promise<{ messages: BaseMessage[]; toolMessages: ToolMessage[]; model: ReturnType<typeof fakeModel> }> {
  const model = fakeModel();
  for (const turn of toolCalls) model.respondWithTools(turn);
  model.respond(new AIMessage("done"));
  const agent = agentKinds[kind](model, tools);
  const state = (await agent.invoke({ messages: [new HumanMessage("go")] })) as { messages: BaseMessage[] };
  const toolMessages = state.messages.filter((m): m is ToolMessage => ToolMessage.isInstance(m));
  expect(state.messages.at(-1)?.content).toBe("done");
  return { messages: state.messages, toolMessages, model };
}
