import type { CapabilityRuntime } from "../capabilities/capability-host.js";
import type { BaseMessage } from "@langchain/core/messages";
import { Runnable, RunnableLambda } from "@langchain/core/runnables";
import type { Toolset } from "../functions/toolset.js";
import { createModel } from "../models/create-model.js";
import type { Sandbox } from "../sandbox/types.js";
import { isTeamSpec } from "../teams/define-team.js";
import { resolveTeam } from "../teams/resolve-team.js";
import { AgentConfigError } from "./errors.js";
import { createReActAgent } from "./react-agent.js";
import { createToolCallingAgent } from "./tool-calling-agent.js";
import type { AgentRunnable, AgentSpec, InvokableAgent } from "./types.js";

/**
 * Builds the agent for one candidate toolset.
 *
 * @example
 * import { resolveAgent, Toolset, type AgentBuilder } from "toolforge";
 * const build: AgentBuilder = resolveAgent({ kind: "react", model: "ollama:llama3.1" }, { sandbox });
 * const agent = await build(Toolset.empty());
 */
export type AgentBuilder = (toolset: Pick<Toolset, "toTools">) => Promise<AgentRunnable>;

/**
 * Turns an {@link AgentSpec} into a builder that makes the agent for a given
 * toolset. Built-in kinds get the learned tools plus `execute_javascript`
 * (unless `codeInterpreter: false`); a user factory gets exactly
 * `toolset.toTools({ sandbox })`; a team (`{ kind: "team", roles, create }`)
 * gets each role's tools. The model is created once and shared. Built-in
 * kinds run with `executor: "loop"` (the graph's nodes without LangGraph's
 * per-step machinery; see `AgentLoop`).
 *
 * @example
 * import { createAgent } from "langchain";
 * import { Toolset, createSandbox, resolveAgent } from "toolforge";
 * const sandbox = await createSandbox();
 * const build = resolveAgent({ kind: "react", model: "ollama:llama3.1" }, { sandbox });
 * const agent = await build(Toolset.empty());
 * // or your own agent:
 * const buildOwn = resolveAgent((tools) => createAgent({ model: "openai:gpt-4o", tools }), { sandbox });
 */
export function resolveAgent(spec: AgentSpec, opts: { sandbox: Sandbox; capabilities?: CapabilityRuntime }): AgentBuilder {
  if (isTeamSpec(spec)) return resolveTeam(spec, opts);
  const toolOptions = { sandbox: opts.sandbox, ...(opts.capabilities ? { capabilities: opts.capabilities } : {}) };
  if (typeof spec === "function") {
    return async (toolset) => asRunnable(await spec(toolset.toTools(toolOptions)));
  }
  if (!spec || typeof spec !== "object" || (spec.kind !== "tool-calling" && spec.kind !== "react")) {
    const kind = spec && typeof spec === "object" ? (spec as { kind?: unknown }).kind : typeof spec;
    throw new AgentConfigError(
      "E_AGENT_SPEC",
      `agent spec must be { kind: "tool-calling" | "react", model } or a factory (tools) => Runnable; got kind ${JSON.stringify(kind)}`,
      { option: "agent" },
    );
  }
  const model = createModel(spec.model);
  const create = spec.kind === "react" ? createReActAgent : createToolCallingAgent;
  return async (toolset) =>
    create({
      model,
      tools: toolset.toTools(toolOptions),
      sandbox: opts.sandbox,
      // Evaluations run many short, never-checkpointed agent runs: the loop
      // executor spares LangGraph's per-step cost (same nodes, same records).
      executor: "loop",
      ...(spec.codeInterpreter === undefined ? {} : { codeInterpreter: spec.codeInterpreter }),
      ...(spec.maxSteps === undefined ? {} : { maxSteps: spec.maxSteps }),
      ...(spec.systemPrompt === undefined ? {} : { systemPrompt: spec.systemPrompt }),
    });
}

/**
 * An agent as an {@link AgentRunnable}: Runnables pass through; other
 * objects with `invoke` (e.g. `createAgent`'s) are wrapped, forwarding the
 * config so signals and callbacks still reach the inner agent.
 *
 * @example
 * import { createAgent } from "langchain";
 * import { asRunnable } from "toolforge";
 * const agent = asRunnable(createAgent({ model: "openai:gpt-4o", tools: [] }));
 */
export function asRunnable(agent: AgentRunnable | InvokableAgent): AgentRunnable {
  if (Runnable.isRunnable(agent)) return agent as AgentRunnable;
  if (!agent || typeof (agent as InvokableAgent).invoke !== "function") {
    throw new AgentConfigError("E_AGENT_SPEC", "the agent factory must return a Runnable or an object with invoke({ messages })", {
      option: "agent",
    });
  }
  return RunnableLambda.from((input: { messages: BaseMessage[] }, config) => agent.invoke(input, config)).withConfig({
    runName: "user-agent",
  }) as unknown as AgentRunnable;
}
