import type { StructuredToolInterface } from "@langchain/core/tools";
import type { AgentRunnable, InvokableAgent } from "../agents/types.js";

/**
 * One member of a multi-agent team: its name (the LangGraph agent `name`,
 * which labels its messages) and a short description the optimizer reads.
 *
 * @example
 * const role: import("toolforge").TeamRole = { name: "calculator", description: "Does arithmetic with tools." };
 */
export interface TeamRole {
  name: string;
  description: string;
}

/**
 * The learned tools of each role, keyed by role name.
 *
 * @example
 * const create = (tools: import("toolforge").TeamTools) => tools.calculator.map((t) => t.name);
 */
export type TeamTools = Record<string, StructuredToolInterface[]>;

/**
 * Builds the team's runnable (over `{ messages }`) from each role's tools,
 * e.g. a `createSupervisor` graph over `createReactAgent` workers, or a
 * `createSwarm`. Called again for every candidate toolset.
 *
 * @example
 * import { createReactAgent } from "@langchain/langgraph/prebuilt";
 * import { createSupervisor } from "@langchain/langgraph-supervisor";
 * const create: import("toolforge").TeamFactory = (tools) => createSupervisor({
 *   llm, outputMode: "full_history",
 *   agents: [createReactAgent({ llm, name: "researcher", tools: tools.researcher }),
 *            createReactAgent({ llm, name: "calculator", tools: tools.calculator })],
 * }).compile();
 */
export type TeamFactory = (tools: TeamTools) => AgentRunnable | InvokableAgent | Promise<AgentRunnable | InvokableAgent>;

/**
 * A trainable team: its roles and the factory of its runnable. Pass it as
 * `agent` to `trainAgent` / `evaluate`. Learned functions may name the
 * roles that get them (`FunctionSpec.roles`); none means every role.
 *
 * @example
 * import { defineTeam } from "toolforge";
 * const team = defineTeam({
 *   roles: [{ name: "researcher", description: "Finds facts." }, { name: "calculator", description: "Computes." }],
 *   create: (tools) => buildSupervisor(tools),
 * });
 */
export interface TeamSpec {
  kind: "team";
  roles: readonly TeamRole[];
  create: TeamFactory;
}
