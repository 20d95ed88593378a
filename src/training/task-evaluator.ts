import { resolveAgent } from "../agents/resolve-agent.js";
import type { CapabilityRuntime } from "../capabilities/index.js";
import type { AgentRunnable, AgentSpec } from "../agents/types.js";
import { runTask } from "../evaluation/run-task.js";
import type { Scorer } from "../evaluation/types.js";
import { Toolset } from "../functions/toolset.js";
import type { ToolsetFile } from "../functions/toolset-file.js";
import type { Sandbox } from "../sandbox/types.js";
import { tracingConfig } from "../tracing/tracing-config.js";
import type { EvaluateTaskFn } from "./types.js";

/**
 * The training graph's `evaluateTask` for an agent spec: builds the agent
 * for each toolset (the last few are kept, so a step's tasks share one
 * build), runs the task as a named, tagged trace under the node's callbacks,
 * and scores it with the train or validation scorer.
 *
 * @example
 * const evaluateTask = createTaskEvaluator({ agent: { kind: "react", model }, sandbox, trainScorer: data.scorer });
 * const graph = createTrainingGraph({ train: data.tasks, evaluateTask, optimizeStep });
 */
export function createTaskEvaluator(options: { agent: AgentSpec; sandbox: Sandbox; trainScorer: Scorer; validationScorer?: Scorer; capabilities?: CapabilityRuntime }): EvaluateTaskFn {
  const build = resolveAgent(options.agent, { sandbox: options.sandbox, ...(options.capabilities ? { capabilities: options.capabilities } : {}) });
  const agents = new Map<string, Promise<AgentRunnable>>();
  const agentFor = (file: ToolsetFile) => {
    const toolset = Toolset.fromJSON(file);
    let built = agents.get(toolset.hash);
    if (!built) {
      if (agents.size >= 8) agents.delete(agents.keys().next().value!);
      built = build(toolset);
      agents.set(toolset.hash, built);
    }
    return built;
  };
  return async ({ toolset, task, phase, step, signal, callbacks }) => {
    // Named, tagged runs nested under the node's callbacks: one readable trace per task.
    const traced = { ...tracingConfig({ role: "agent", step, taskId: task.id, phase }), ...(callbacks ? { callbacks } : {}) };
    const agent = (await agentFor(toolset)).withConfig(traced);
    const scorer = phase === "validation" ? (options.validationScorer ?? options.trainScorer) : options.trainScorer;
    return runTask({ agent, task, scorer, signal });
  };
}
