import { SystemMessage, type AIMessage } from "@langchain/core/messages";
import type { RunnableConfig } from "@langchain/core/runnables";
import { END } from "@langchain/langgraph";
import { ToolNode } from "@langchain/langgraph/prebuilt";
import { assembleAgent } from "./agent-loop.js";
import { stepLimitError, type AgentStateType } from "./agent-state.js";
import { TOOL_CALLING_SYSTEM_PROMPT } from "./answer-format.js";
import { resolveMaxSteps, type BuiltinAgentOptions } from "./agent-options.js";
import { withCodeInterpreter } from "./agent-tools.js";
import { AgentConfigError } from "./errors.js";
import { callModel } from "./model-call.js";
import type { AgentRunnable } from "./types.js";

/**
 * Options of {@link createToolCallingAgent}; `systemPrompt` replaces {@link TOOL_CALLING_SYSTEM_PROMPT}.
 *
 * @example
 * import type { ToolCallingAgentOptions } from "toolforge";
 * const opts: ToolCallingAgentOptions = { model, tools: [], maxSteps: 5 };
 */
export type ToolCallingAgentOptions = BuiltinAgentOptions;

/**
 * The function-calling agent: a LangGraph graph alternating a model turn
 * (`agent`, tools bound) and a `ToolNode` until the model stops calling tools
 * or the step limit is hit (then the output carries `error.kind = "step_limit"`
 * instead of throwing). With `executor: "loop"` the same nodes run as a plain
 * loop instead of a compiled graph (see {@link AgentLoop}).
 *
 * @example
 * import { ChatOpenAI } from "@langchain/openai";
 * import { HumanMessage } from "@langchain/core/messages";
 * import { createSandbox, createToolCallingAgent } from "toolforge";
 * const sandbox = await createSandbox();
 * const agent = createToolCallingAgent({ model: new ChatOpenAI({ model: "gpt-4o" }), tools: [], sandbox });
 * const { messages } = await agent.invoke({ messages: [new HumanMessage("What is 17 * 23?")] });
 */
export function createToolCallingAgent(options: ToolCallingAgentOptions): AgentRunnable {
  const maxSteps = resolveMaxSteps(options);
  const tools = withCodeInterpreter(options.tools, options);
  const model = options.model;
  if (tools.length > 0 && typeof model.bindTools !== "function") {
    throw new AgentConfigError(
      "E_AGENT_CONFIG",
      `model ${model.getName()} has no function calling (bindTools); use the ReAct agent (kind "react") instead`,
      { option: "model" },
    );
  }
  const bound = tools.length > 0 ? model.bindTools!(tools) : model;
  const system = new SystemMessage(options.systemPrompt ?? TOOL_CALLING_SYSTEM_PROMPT);

  const agentNode = async (state: AgentStateType, config?: RunnableConfig) => {
    const step = state.steps + 1;
    const response: AIMessage = await callModel(bound, [system, ...state.messages], config, step);
    const wantsTools = (response.tool_calls?.length ?? 0) > 0;
    // The model's last allowed turn still asked for tools: stop here rather
    // than run calls whose results nobody will read.
    const error = wantsTools && step >= maxSteps ? stepLimitError(maxSteps) : null;
    return { messages: [response], steps: step, error };
  };

  const route = (state: AgentStateType) => {
    if (state.error) return END;
    const last = state.messages.at(-1) as AIMessage | undefined;
    return (last?.tool_calls?.length ?? 0) > 0 ? "tools" : END;
  };

  return assembleAgent({ name: "tool-calling-agent", maxSteps, agent: agentNode, route, routes: ["tools", END], tools: new ToolNode(tools) }, options.executor);
}
