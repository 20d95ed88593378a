import type { BaseMessage } from "@langchain/core/messages";
import type { CallbackManagerForChainRun } from "@langchain/core/callbacks/manager";
import { Runnable, type RunnableConfig } from "@langchain/core/runnables";
import { END, GraphRecursionError, messagesStateReducer, START, StateGraph } from "@langchain/langgraph";
import type { ToolNode } from "@langchain/langgraph/prebuilt";
import { AgentState, type AgentRunError, type AgentStateType } from "./agent-state.js";
import type { AgentRunnable } from "./types.js";

/**
 * How a built-in agent runs: `"graph"` (default) is a compiled LangGraph
 * graph you can stream, draw or nest; `"loop"` runs the same nodes directly,
 * for many short runs (evaluation) where LangGraph's per-step machinery would
 * cost more CPU than the model client.
 *
 * @example
 * import type { AgentExecutor } from "toolforge";
 * const executor: AgentExecutor = "loop";
 */
export type AgentExecutor = "graph" | "loop";

type AgentNodeName = "agent" | "tools" | typeof END;

/** What a node of a built-in agent returns: new messages, and the step count and run error when it sets them. */
export interface AgentUpdate {
  messages?: BaseMessage[];
  steps?: number;
  error?: AgentRunError | null;
}

/**
 * The parts of a built-in agent, shared by its two executions: the LangGraph
 * graph ({@link assembleAgent}) and the direct loop ({@link AgentLoop}).
 */
export interface AgentNodes {
  /** Run name of the agent (`tool-calling-agent`, `react-agent`). */
  name: string;
  maxSteps: number;
  /** One model turn. */
  agent: (state: AgentStateType, config?: RunnableConfig) => Promise<AgentUpdate>;
  /** Where to go after a model turn. */
  route: (state: AgentStateType) => AgentNodeName;
  /** Every destination `route` can return (drawn as the graph's conditional edges). */
  routes: AgentNodeName[];
  tools: ToolNode;
}

// Each model turn is at most two super-steps; the step limit, not the
// recursion limit, must be what ends a long run.
const recursionLimit = (maxSteps: number) => 2 * maxSteps + 2;

/**
 * The agent as a LangGraph graph (`agent` ⇄ `tools`, LangGraph's `ToolNode`,
 * no checkpointer), or with `executor: "loop"` as an {@link AgentLoop} over
 * the same nodes.
 */
export function assembleAgent(nodes: AgentNodes, executor: AgentExecutor = "graph"): AgentRunnable {
  if (executor === "loop") return new AgentLoop(nodes) as unknown as AgentRunnable;
  return new StateGraph(AgentState)
    .addNode("agent", nodes.agent)
    .addNode("tools", nodes.tools)
    .addEdge(START, "agent")
    .addConditionalEdges("agent", nodes.route, nodes.routes)
    .addEdge("tools", "agent")
    // No checkpointer, even when invoked inside another graph's node: agent
    // runs are scratch work, not part of the caller's persisted state.
    .compile({ name: nodes.name, checkpointer: false })
    .withConfig({ recursionLimit: recursionLimit(nodes.maxSteps) }) as unknown as AgentRunnable;
}

function applyUpdate(state: AgentStateType, update: AgentUpdate): AgentStateType {
  return {
    messages: update.messages ? messagesStateReducer(state.messages, update.messages) : state.messages,
    steps: update.steps ?? state.steps,
    error: update.error === undefined ? state.error : update.error,
  };
}

/**
 * Runs the same nodes as {@link assembleAgent} — same state, same reducers, same
 * routing, the same `ToolNode` — as a plain loop, one traced chain run with
 * the model and tool runs as its children. An evaluation runs thousands of
 * short agent runs that are never checkpointed, streamed or interrupted, and
 * LangGraph's per-super-step machinery (task preparation, channel writes,
 * checkpoint objects, a run tree per internal runnable even with tracing
 * off) cost more CPU than the model client; the loop leaves it out. The
 * output is the graph's: `{ messages, steps, error }`.
 *
 * @example
 * // what createToolCallingAgent({ ..., executor: "loop" }) returns
 * import { HumanMessage } from "@langchain/core/messages";
 * import { createModel, createToolCallingAgent } from "toolforge";
 * const agent = createToolCallingAgent({ model: createModel("openai:gpt-4o-mini"), tools: [], executor: "loop" });
 * const { messages } = await agent.invoke({ messages: [new HumanMessage("What is 6 * 7?")] });
 */
export class AgentLoop extends Runnable<{ messages: BaseMessage[] }, AgentStateType> {
  lc_namespace = ["toolforge", "agents"];

  constructor(private readonly nodes: AgentNodes) {
    super();
    this.name = nodes.name;
  }

  override invoke(input: { messages: BaseMessage[] }, options?: Partial<RunnableConfig>): Promise<AgentStateType> {
    return this._callWithConfig(this.run, input, options);
  }

  private async run(input: { messages: BaseMessage[] }, config?: Partial<RunnableConfig>, runManager?: CallbackManagerForChainRun): Promise<AgentStateType> {
    // Children are runs of their own: they must not take this run's name or id.
    const { runName: _name, runId: _id, ...rest } = config ?? {};
    const child: RunnableConfig = { ...rest, callbacks: runManager?.getChild() };
    let state: AgentStateType = { messages: messagesStateReducer([], input.messages), steps: 0, error: null };
    const limit = recursionLimit(this.nodes.maxSteps);
    let node: AgentNodeName = "agent";
    for (let superstep = 1; node !== END; superstep++) {
      if (superstep > limit) throw new GraphRecursionError(`Recursion limit of ${limit} reached without hitting a stop condition.`);
      rest.signal?.throwIfAborted();
      if (node === "tools") {
        state = applyUpdate(state, (await this.nodes.tools.invoke(state, child)) as AgentUpdate);
        node = "agent";
      } else {
        state = applyUpdate(state, await this.nodes.agent(state, child));
        node = this.nodes.route(state);
      }
    }
    return state;
  }
}
