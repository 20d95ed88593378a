import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";
import type { Runnable, RunnableConfig } from "@langchain/core/runnables";
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { ModelSpec } from "../models/types.js";
import type { TeamSpec } from "../teams/types.js";

/**
 * What every agent under training is: a runnable over `{ messages }`.
 *
 * @example
 * import type { AgentRunnable } from "toolforge";
 * const run = (agent: AgentRunnable) => agent.invoke({ messages: [] });
 */
export type AgentRunnable = Runnable<{ messages: BaseMessage[] }, { messages: BaseMessage[] }>;

/**
 * Anything with a LangChain-style `invoke` over `{ messages }` — e.g. the
 * agent `createAgent` from `langchain` returns, which is not typed as a
 * `Runnable`. `resolveAgent` wraps it into an {@link AgentRunnable}.
 *
 * @example
 * import type { InvokableAgent } from "toolforge";
 * const echo: InvokableAgent = { invoke: async ({ messages }) => ({ messages }) };
 */
export interface InvokableAgent {
  invoke(input: { messages: BaseMessage[] }, config?: RunnableConfig): Promise<{ messages: BaseMessage[] }>;
}

/**
 * A user's own agent: built anew for each candidate toolset.
 *
 * @example
 * import { createAgent } from "langchain";
 * import type { AgentFactory } from "toolforge";
 * const factory: AgentFactory = (tools) => createAgent({ model: "openai:gpt-4o", tools });
 */
export type AgentFactory = (
  tools: StructuredToolInterface[],
) => AgentRunnable | InvokableAgent | Promise<AgentRunnable | InvokableAgent>;

/**
 * The two built-in agent systems of the paper, a factory, or a
 * multi-agent team (`TeamSpec`, see `defineTeam`).
 *
 * @example
 * import type { AgentSpec } from "toolforge";
 * const spec: AgentSpec = { kind: "react", model: "ollama:llama3.1", maxSteps: 8 };
 */
export type AgentSpec =
  | {
      kind: "tool-calling" | "react";
      model: BaseChatModel | ModelSpec;
      /** Model turns before the run is cut off. */
      maxSteps?: number;
      /** Give the agent the `execute_javascript` code interpreter (default true). */
      codeInterpreter?: boolean;
      systemPrompt?: string;
    }
  | AgentFactory
  | TeamSpec;
