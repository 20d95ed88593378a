import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";
import type { Runnable } from "@langchain/core/runnables";
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { ModelSpec } from "../models/types.js";

/** What every agent under training is: a runnable over `{ messages }`. */
export type AgentRunnable = Runnable<{ messages: BaseMessage[] }, { messages: BaseMessage[] }>;

/** A user's own agent: built anew for each candidate toolset. */
export type AgentFactory = (tools: StructuredToolInterface[]) => AgentRunnable | Promise<AgentRunnable>;

/** The two built-in agent systems of the paper, or a factory. */
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
  | AgentFactory;
