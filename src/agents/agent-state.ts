import { Annotation, MessagesAnnotation } from "@langchain/langgraph";

/**
 * Why a run ended without an answer; returned next to `messages` by the built-in agents.
 *
 * @example
 * import type { AgentRunError } from "toolforge";
 * const e: AgentRunError = { kind: "step_limit", message: "the agent used all 10 model turns" };
 */
export interface AgentRunError {
  kind: string;
  message: string;
}

/**
 * Graph state of the built-in agents: the conversation, the number of model
 * turns taken, and a run error (e.g. `step_limit`). The error is part of the
 * graph output so `runTask` can record it while keeping the partial messages.
 *
 * @example
 * import { StateGraph } from "@langchain/langgraph";
 * import { AgentState } from "toolforge";
 * const graph = new StateGraph(AgentState);
 */
export const AgentState = Annotation.Root({
  ...MessagesAnnotation.spec,
  steps: Annotation<number>({ reducer: (_a, b) => b, default: () => 0 }),
  error: Annotation<AgentRunError | null>({ reducer: (_a, b) => b, default: () => null }),
});

/**
 * State type of {@link AgentState}.
 *
 * @example
 * import type { AgentStateType } from "toolforge";
 * const steps = (s: AgentStateType) => s.steps;
 */
export type AgentStateType = typeof AgentState.State;

/** The run error for a step limit; one wording for every agent. */
export function stepLimitError(maxSteps: number): AgentRunError {
  return { kind: "step_limit", message: `the agent used all ${maxSteps} model turns without giving a final answer` };
}
