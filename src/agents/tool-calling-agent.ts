import { SystemMessage, type AIMessage } from "@langchain/core/messages";
import type { RunnableConfig } from "@langchain/core/runnables";
import { END, START, StateGraph } from "@langchain/langgraph";
import { ToolNode } from "@langchain/langgraph/prebuilt";
import { AgentState, stepLimitError, type AgentStateType } from "./agent-state.js";
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
 * instead of throwing).
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

  return new StateGraph(AgentState)
    .addNode("agent", agentNode)
    .addNode("tools", new ToolNode(tools))
    .addEdge(START, "agent")
    .addConditionalEdges("agent", route, ["tools", END])
    .addEdge("tools", "agent")
    // No checkpointer, even when invoked inside another graph's node: agent
    // runs are scratch work, not part of the caller's persisted state.
    .compile({ name: "tool-calling-agent", checkpointer: false })
    // Each model turn is at most two super-steps; the step limit, not
    // LangGraph's recursion limit, must be what ends a long run.
    .withConfig({ recursionLimit: 2 * maxSteps + 2 }) as unknown as AgentRunnable;
}
