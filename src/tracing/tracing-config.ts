/**
 * Which part of a training run a traced call belongs to.
 *
 * @example
 * import { tracingConfig, type TracingRole } from "toolforge";
 * const role: TracingRole = "optimizer";
 * tracingConfig({ role, step: 1 }).runName; // "toolforge:optimize step=1 role=optimizer"
 */
export type TracingRole = "train" | "agent" | "optimizer";

/**
 * What a traced call is about; every field is optional except the role.
 *
 * @example
 * import { tracingConfig, type TracingContext } from "toolforge";
 * const context: TracingContext = { role: "agent", step: 0, taskId: "t-1", phase: "baseline" };
 * tracingConfig(context).tags; // ["toolforge", "role:agent", "step:0", "task:t-1", "phase:baseline"]
 */
export interface TracingContext {
  role: TracingRole;
  /** Optimization step (0 = evaluation of the initial toolset). */
  step?: number;
  /** Id of the task the agent is solving. */
  taskId?: string;
  /** Which evaluation: `baseline`, `candidate`, `validation` or `test`. */
  phase?: string;
  /** Thread id of the training run. */
  threadId?: string;
}

/**
 * The part of a LangChain `RunnableConfig` that names and labels a run.
 *
 * @example
 * import { tracingConfig, type TracingConfig } from "toolforge";
 * const config: TracingConfig = tracingConfig({ role: "train", threadId: "run-1" });
 * // await graph.invoke(input, { ...config, configurable: { thread_id: "run-1" } });
 */
export interface TracingConfig {
  runName: string;
  tags: string[];
  metadata: Record<string, string | number>;
}

const VERB: Record<TracingRole, string> = { train: "train", agent: "evaluate", optimizer: "optimize" };

/**
 * Run name, tags and metadata for one traced call of a training run, so a
 * LangSmith trace (or any LangChain callback handler) reads like the run:
 * `toolforge:evaluate step=2 task=gsm8k-12 role=agent`,
 * `toolforge:optimize step=2 role=optimizer`, `toolforge:train run=<thread>`.
 * Tags (`toolforge`, `role:agent`, `step:2`, `task:gsm8k-12`, `phase:candidate`)
 * are inherited by every child run (model and tool calls), so a trace can be
 * filtered by step, task or role. Spread the result into a runnable's config.
 *
 * @example
 * import { tracingConfig } from "toolforge";
 * const config = tracingConfig({ role: "agent", step: 2, taskId: "gsm8k-12", phase: "candidate" });
 * config.runName; // "toolforge:evaluate step=2 task=gsm8k-12 role=agent"
 * // await agent.invoke({ messages }, { ...config, signal });
 */
export function tracingConfig(context: TracingContext): TracingConfig {
  const parts = [`toolforge:${VERB[context.role]}`];
  const tags = ["toolforge", `role:${context.role}`];
  const metadata: Record<string, string | number> = { toolforge_role: context.role };
  if (context.threadId !== undefined) {
    parts.push(`run=${context.threadId}`);
    tags.push(`run:${context.threadId}`);
    metadata.toolforge_thread_id = context.threadId;
  }
  if (context.step !== undefined) {
    parts.push(`step=${context.step}`);
    tags.push(`step:${context.step}`);
    metadata.toolforge_step = context.step;
  }
  if (context.taskId !== undefined) {
    parts.push(`task=${context.taskId}`);
    tags.push(`task:${context.taskId}`);
    metadata.toolforge_task_id = context.taskId;
  }
  if (context.phase !== undefined) {
    tags.push(`phase:${context.phase}`);
    metadata.toolforge_phase = context.phase;
  }
  if (context.role !== "train") parts.push(`role=${context.role}`);
  return { runName: parts.join(" "), tags, metadata };
}

/**
 * `config` with {@link tracingConfig}'s run name, tags and metadata merged
 * in (tags appended, metadata keys added), leaving callbacks, signal and
 * `configurable` untouched — for passing a node's config on to a subgraph.
 *
 * @example
 * import { withTracing } from "toolforge";
 * const traced = withTracing({ tags: ["mine"] }, { role: "optimizer", step: 1 });
 * traced.runName; // "toolforge:optimize step=1 role=optimizer"
 * traced.tags;    // ["mine", "toolforge", "role:optimizer", "step:1"]
 */
export function withTracing<C extends object>(config: C, context: TracingContext): C & TracingConfig {
  const traced = tracingConfig(context);
  const base = config as { tags?: unknown; metadata?: unknown };
  const tags = Array.isArray(base.tags) ? (base.tags as string[]) : [];
  const metadata = typeof base.metadata === "object" && base.metadata !== null ? (base.metadata as Record<string, string | number>) : {};
  return {
    ...config,
    runName: traced.runName,
    tags: [...tags, ...traced.tags.filter((tag) => !tags.includes(tag))],
    metadata: { ...metadata, ...traced.metadata },
  };
}
