import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import type { RunnableConfig } from "@langchain/core/runnables";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { END } from "@langchain/langgraph";
import { ToolNode } from "@langchain/langgraph/prebuilt";
import { parseActionInput } from "./action-input.js";
import { assembleAgent } from "./agent-loop.js";
import { stepLimitError, type AgentStateType } from "./agent-state.js";
import { resolveMaxSteps, type BuiltinAgentOptions } from "./agent-options.js";
import { withCodeInterpreter } from "./agent-tools.js";
import { messageText } from "./message-text.js";
import { callModel } from "./model-call.js";
import { buildReActPrompt } from "./react-prompt.js";
import { parseReActOutput } from "./react-parser.js";
import type { AgentRunnable } from "./types.js";

/**
 * Options of {@link createReActAgent}; `systemPrompt` replaces the App. D.2 prompt built by `buildReActPrompt(tools)`.
 *
 * @example
 * import type { ReActAgentOptions } from "toolforge";
 * const opts: ReActAgentOptions = { model, tools: [], codeInterpreter: false };
 */
export type ReActAgentOptions = BuiltinAgentOptions;

/**
 * The ReAct agent of App. D.2: the model reads and writes plain text
 * (Thought / Action N / Action N Input / Observation N / FINAL ANSWER). Each
 * parsed action is stored as an `AIMessage` with one `tool_calls` entry and
 * its observation as a `ToolMessage`, so execution records look the same as
 * for function-calling agents. Unknown tools, unreadable inputs and
 * off-template replies become observations the model can react to.
 *
 * @example
 * import { HumanMessage } from "@langchain/core/messages";
 * import { createModel, createSandbox, createReActAgent } from "toolforge";
 * const sandbox = await createSandbox();
 * const agent = createReActAgent({ model: createModel("ollama:llama3.1"), tools: [], sandbox });
 * const out = await agent.invoke({ messages: [new HumanMessage("What is 2^10?")] });
 */
export function createReActAgent(options: ReActAgentOptions): AgentRunnable {
  const maxSteps = resolveMaxSteps(options);
  const tools = withCodeInterpreter(options.tools, options);
  const system = new SystemMessage(options.systemPrompt ?? buildReActPrompt(tools));

  const agentNode = async (state: AgentStateType, config?: RunnableConfig) => {
    const step = state.steps + 1;
    const response = await callModel(options.model, [system, ...renderReActConversation(state.messages)], config, step);
    const parsed = parseReActOutput(messageText(response));
    // No message id: the messages reducer merges equal ids, and one response may become two messages.
    const meta = { usage_metadata: response.usage_metadata, response_metadata: response.response_metadata };
    const out: BaseMessage[] = [];
    const atLimit = step >= maxSteps;

    if (parsed.kind === "final") {
      return { messages: [new AIMessage({ ...meta, content: parsed.text })], steps: step, error: null };
    }
    if (parsed.kind === "invalid") {
      out.push(new AIMessage({ ...meta, content: parsed.text }));
      out.push(new HumanMessage(`Observation: Invalid format: ${parsed.reason}. Follow the template: either an Action line and an Action Input line, or a FINAL ANSWER line.`));
      return { messages: out, steps: step, error: atLimit ? stepLimitError(maxSteps) : null };
    }
    const id = `react_${step}`;
    const tool = findTool(tools, parsed.tool);
    const input = tool ? parseActionInput(parsed.input, tool) : undefined;
    const args = input?.ok ? input.args : { input: parsed.input };
    out.push(
      new AIMessage({ ...meta, content: parsed.text, tool_calls: [{ id, name: tool?.name ?? parsed.tool, args, type: "tool_call" }] }),
    );
    if (!tool || (input && !input.ok)) {
      const kind = tool ? "invalid_input" : "unknown_tool";
      const message = tool
        ? `${(input as { reason: string }).reason}.`
        : `Unknown tool "${parsed.tool}". Use one of: ${tools.map((t) => t.name).join(", ") || "(none: give the FINAL ANSWER)"}.`;
      out.push(
        new ToolMessage({
          tool_call_id: id,
          name: parsed.tool,
          status: "error",
          content: `Error (${kind}): ${message}`,
          artifact: { ok: false, error: { kind, message }, logs: [], durationMs: 0 },
        }),
      );
    }
    // The last allowed turn asked for a tool: stop rather than run it for nobody.
    return { messages: out, steps: step, error: atLimit ? stepLimitError(maxSteps) : null };
  };

  const route = (state: AgentStateType) => {
    if (state.error) return END;
    const last = state.messages.at(-1);
    if (last instanceof AIMessage) return (last.tool_calls?.length ?? 0) > 0 ? "tools" : END;
    return "agent";
  };

  return assembleAgent({ name: "react-agent", maxSteps, agent: agentNode, route, routes: ["agent", "tools", END], tools: new ToolNode(tools) }, options.executor);
}

function findTool(tools: readonly StructuredToolInterface[], name: string): StructuredToolInterface | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[\s-]+/g, "_");
  return tools.find((t) => t.name === name) ?? tools.find((t) => norm(t.name) === norm(name));
}

/**
 * What the model of a ReAct agent reads: the conversation as plain text turns.
 * The first human turn becomes `Question: …`, AI turns keep only their text,
 * tool results become human turns `Observation N: …` (N = action number).
 *
 * @example
 * import { AIMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
 * import { renderReActConversation } from "toolforge";
 * renderReActConversation([
 *   new HumanMessage("2+2?"),
 *   new AIMessage({ content: "Action 1: add", tool_calls: [{ id: "a", name: "add", args: {} }] }),
 *   new ToolMessage({ tool_call_id: "a", content: "4" }),
 * ]); // [Human "Question: 2+2?", AI "Action 1: add", Human "Observation 1: 4"]
 */
export function renderReActConversation(messages: readonly BaseMessage[]): BaseMessage[] {
  const out: BaseMessage[] = [];
  let actions = 0;
  let seenQuestion = false;
  for (const m of messages) {
    const type = m.getType();
    if (type === "human") {
      out.push(new HumanMessage(seenQuestion ? messageText(m) : `Question: ${messageText(m)}`));
      seenQuestion = true;
    } else if (type === "ai") {
      if (((m as AIMessage).tool_calls?.length ?? 0) > 0) actions++;
      out.push(new AIMessage(messageText(m)));
    } else if (type === "tool") {
      out.push(new HumanMessage(`Observation ${actions}: ${messageText(m)}`));
    } else if (type === "system") {
      out.push(new SystemMessage(messageText(m)));
    }
  }
  return out;
}
