import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { Toolkit } from "../functions/toolkit.js";
import type { Toolset } from "../functions/toolset.js";
import type { ToolsetFile } from "../functions/toolset-file.js";
import { createModel } from "../models/create-model.js";
import type { ModelSpec } from "../models/types.js";
import type { Sandbox } from "../sandbox/types.js";

/**
 * Options of {@link createToolsetAgent} and `TrainingResult.toAgent`.
 *
 * @example
 * const options: ToolsetAgentOptions = { model: "openai:gpt-4o-mini", systemPrompt: "Use the tools." };
 */
export interface ToolsetAgentOptions {
  /** A model spec (`"openai:gpt-4o"`, `{ baseURL, model }`) or a chat model. */
  model: ModelSpec | BaseChatModel;
  systemPrompt?: string;
  /** Run the tools in this sandbox (you close it); by default the agent owns a new one. */
  sandbox?: Sandbox;
}

type LangChainAgent = ReturnType<typeof import("langchain").createAgent>;

/**
 * A LangChain `createAgent` agent plus the {@link Toolkit} its tools run in;
 * `close()` / `await using` frees the toolkit's sandbox.
 *
 * @example
 * await using agent = await result.toAgent({ model: "openai:gpt-4o-mini" });
 * await agent.invoke({ messages: [{ role: "user", content: "What is 3^4 mod 7?" }] });
 */
export type ToolsetAgent = LangChainAgent & AsyncDisposable & { toolkit: Toolkit; close(): Promise<void> };

/**
 * Builds a ready LangChain `createAgent` agent whose tools are the toolset's
 * learned functions, running in a sandbox the agent owns (unless `sandbox`
 * is given). `langchain` is loaded on first use.
 *
 * @example
 * import { Toolset, createToolsetAgent } from "toolforge";
 * await using agent = await createToolsetAgent(await Toolset.load("runs/demo/best.toolset.json"), { model: "openai:gpt-4o-mini" });
 * const { messages } = await agent.invoke({ messages: [{ role: "user", content: "What is 17 * 23?" }] });
 */
export async function createToolsetAgent(toolset: Toolset | ToolsetFile | string, options: ToolsetAgentOptions): Promise<ToolsetAgent> {
  const model = createModel(options.model);
  const { createAgent } = await import("langchain");
  const toolkit = await Toolkit.create(toolset, options.sandbox ? { sandbox: options.sandbox } : {});
  const agent = createAgent({ model, tools: toolkit.getTools(), ...(options.systemPrompt ? { systemPrompt: options.systemPrompt } : {}) });
  const close = () => toolkit.close();
  return Object.assign(agent, { toolkit, close, [Symbol.asyncDispose]: close });
}
