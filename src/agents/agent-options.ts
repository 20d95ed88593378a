import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { DEFAULTS } from "../defaults.js";
import type { Sandbox } from "../sandbox/types.js";
import type { AgentExecutor } from "./agent-loop.js";
import { AgentConfigError } from "./errors.js";

/**
 * Options shared by the two built-in agent systems.
 *
 * @example
 * import type { BuiltinAgentOptions } from "toolforge";
 * const opts: Omit<BuiltinAgentOptions, "model"> = { tools: [], maxSteps: 5, codeInterpreter: false };
 */
export interface BuiltinAgentOptions {
  /** Any chat model (the tool-calling agent needs `bindTools`). */
  model: BaseChatModel;
  /** The learned functions (e.g. `toolset.toTools({ sandbox })`). */
  tools: StructuredToolInterface[];
  /** Sandbox for the `execute_javascript` code interpreter. */
  sandbox?: Sandbox;
  /** Add `execute_javascript` (default: true when a sandbox is given). */
  codeInterpreter?: boolean;
  /** Model turns before the run ends with error `step_limit` (default `DEFAULTS.agent.maxSteps`). */
  maxSteps?: number;
  /** Replaces the built-in system prompt. */
  systemPrompt?: string;
  /** `"graph"` (default): a compiled LangGraph graph; `"loop"`: the same nodes run directly, cheaper per run (what evaluation uses). */
  executor?: AgentExecutor;
}

/**
 * The step limit of an agent, checked once here for both agent kinds.
 *
 * @example
 * import { resolveMaxSteps } from "toolforge";
 * resolveMaxSteps({}); // DEFAULTS.agent.maxSteps
 * resolveMaxSteps({ maxSteps: 0 }); // throws AgentConfigError
 */
export function resolveMaxSteps(options: Pick<BuiltinAgentOptions, "maxSteps">): number {
  const maxSteps = options.maxSteps ?? DEFAULTS.agent.maxSteps;
  if (!Number.isInteger(maxSteps) || maxSteps < 1) {
    throw new AgentConfigError("E_AGENT_CONFIG", `maxSteps must be a positive integer, got ${maxSteps}`, { option: "maxSteps" });
  }
  return maxSteps;
}
