// LangGraph server entry (graphs/langgraph.json → "agent_training"): a
// training run configured through the run's input and config.
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import { Annotation, END, type LangGraphRunnableConfig, START, StateGraph } from "@langchain/langgraph";
import { createCheckpointer } from "../src/checkpoint/index.js";
import { capabilityPolicyOf } from "../src/cli/capability-options.js";
import { type Dataset, loadDataset } from "../src/datasets/index.js";
import { ToolforgeError } from "../src/errors.js";
import type { ToolsetFile } from "../src/functions/toolset-file.js";
import type { StepSummary, TrainingStopReason, UsageByRole } from "../src/training/index.js";
import { trainAgent } from "../src/training/index.js";
import { resolveTrainingRequest, type TrainingRequest } from "./training-request.js";

const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));

const value = <T>() => Annotation<T>({ reducer: (_, next) => next, default: () => undefined as T });

/**
 * State of the `agent_training` graph: the {@link TrainingRequest} fields as
 * input, the training result as output.
 *
 * @example
 * import { AgentTrainingState } from "./agent-training.js";
 * type Output = Pick<typeof AgentTrainingState.State, "toolset" | "steps" | "stopReason">;
 */
export const AgentTrainingState = Annotation.Root({
  dataset: value<string | undefined>(),
  capabilities: value<TrainingRequest["capabilities"] | undefined>(),
  taskIds: value<string[] | undefined>(),
  limit: value<number | undefined>(),
  validation: value<string | undefined>(),
  validationTaskIds: value<string[] | undefined>(),
  agent: value<TrainingRequest["agent"] | undefined>(),
  optimizer: value<TrainingRequest["optimizer"] | undefined>(),
  maxSteps: value<number | undefined>(),
  patience: value<number | undefined>(),
  batchSize: value<number | undefined>(),
  seed: value<number | undefined>(),
  concurrency: value<number | undefined>(),
  runDir: value<string | undefined>(),
  checkpointer: value<string | undefined>(),
  /** The trained toolset (JSON form). */
  toolset: value<ToolsetFile | undefined>(),
  steps: value<StepSummary[] | undefined>(),
  bestTrainLoss: value<number | undefined>(),
  bestValidationLoss: value<number | undefined>(),
  stopReason: value<TrainingStopReason | undefined>(),
  usage: value<UsageByRole | undefined>(),
  threadId: value<string | undefined>(),
});

const fromRoot = (path: string) => (isAbsolute(path) || !/[\\/]|\.jsonl?$/i.test(path) ? path : resolve(REPO_ROOT, path));

async function selectTasks(source: string, ids: string[] | undefined, limit: number | undefined): Promise<Dataset> {
  const dataset = await loadDataset(fromRoot(source), limit !== undefined && !ids ? { limit } : {});
  if (!ids) return dataset;
  const byId = new Map(dataset.tasks.map((task) => [task.id, task]));
  const tasks = ids.map((id) => {
    const task = byId.get(id);
    if (!task) throw new ToolforgeError("E_GRAPH_INPUT", `agent_training: task id "${id}" is not in ${source}`, { field: "taskIds", id });
    return task;
  });
  return { ...dataset, tasks: limit !== undefined ? tasks.slice(0, limit) : tasks };
}

async function train(state: typeof AgentTrainingState.State, config: LangGraphRunnableConfig): Promise<typeof AgentTrainingState.Update> {
  const request = resolveTrainingRequest(state as Record<string, unknown>, (config.configurable ?? {}) as Record<string, unknown>);
  const trainSet = await selectTasks(request.dataset, request.taskIds, request.limit);
  const validation = request.validation ? await selectTasks(request.validation, request.validationTaskIds, undefined) : undefined;
  const runDir = request.runDir ? fromRoot(request.runDir) : undefined;
  const policy = await capabilityPolicyOf(request.capabilities);
  const opened = await createCheckpointer(request.checkpointer, runDir ? { runDir } : {});
  const threadId = typeof config.configurable?.thread_id === "string" ? config.configurable.thread_id : undefined;
  try {
    // trainAgent runs its own checkpointed graph: it must not inherit this
    // node's checkpoint namespace (its getState would read an empty subgraph
    // state). Only the callbacks pass through, so traces still nest here.
    const result = await AsyncLocalStorageProviderSingleton.runWithConfig({ callbacks: config.callbacks }, () => trainAgent({
      agent: request.agent,
      optimizer: request.optimizer,
      train: trainSet,
      ...(validation ? { validation } : {}),
      ...(request.maxSteps !== undefined ? { maxSteps: request.maxSteps } : {}),
      ...(request.patience !== undefined ? { patience: request.patience } : {}),
      ...(request.batchSize !== undefined ? { batchSize: request.batchSize } : {}),
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
      ...(request.concurrency !== undefined ? { concurrency: request.concurrency } : {}),
      ...(runDir ? { runDir } : {}),
      ...(threadId ? { threadId } : {}),
      checkpointer: opened.checkpointer,
      ...(policy ? { capabilities: policy } : {}),
      ...(config.signal ? { signal: config.signal } : {}),
      // Training progress goes out on this graph's `custom` stream.
      onEvent: (event) => config.writer?.(event),
    }));
    return {
      toolset: result.toolset.toJSON(),
      steps: result.steps,
      bestTrainLoss: result.bestTrainLoss,
      ...(result.bestValidationLoss !== undefined ? { bestValidationLoss: result.bestValidationLoss } : {}),
      stopReason: result.stopReason,
      usage: { agent: result.usage.agent, optimizer: result.usage.optimizer },
      threadId: result.threadId,
    };
  } finally {
    await opened.close();
  }
}

/**
 * The `agent_training` graph: one `train` node that runs `trainAgent` with
 * the run's input merged over `config.configurable`, forwards every
 * `TrainingEvent` to the `custom` stream, and returns the trained toolset,
 * step summaries, losses and usage as the final state.
 *
 * @example
 * // With `langgraphjs dev --config graphs/langgraph.json` running:
 * import { Client } from "@langchain/langgraph-sdk";
 * const client = new Client({ apiUrl: "http://127.0.0.1:8123" });
 * const thread = await client.threads.create();
 * for await (const part of client.runs.stream(thread.thread_id, "agent_training", {
 *   input: { dataset: "gsm8k:train", limit: 8, agent: { kind: "tool-calling", model: "openai:gpt-4o-mini" }, optimizer: { model: "openai:gpt-4o" } },
 *   streamMode: ["custom"],
 * })) console.log(part.event, part.data);
 */
export const graph = new StateGraph(AgentTrainingState).addNode("train", train).addEdge(START, "train").addEdge("train", END).compile({ name: "agent_training" });
