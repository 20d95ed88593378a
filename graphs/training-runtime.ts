// What a training request needs at run time: its tasks, agent and optimizer,
// bound into the loop's nodes. Built once per distinct request and kept, so
// every node of a run (and a resumed run) finds the same objects.
import { isAbsolute, resolve } from "node:path";
import { type Dataset, loadDataset } from "../src/datasets/index.js";
import { createCapabilities } from "../src/capabilities/index.js";
import { capabilityPolicyOf } from "../src/cli/capability-options.js";
import { ToolforgeError } from "../src/errors.js";
import { createModel } from "../src/models/create-model.js";
import { createModelCache } from "../src/models/model-cache.js";
import { createOptimizeStepGraph } from "../src/optimizer/optimize-step-graph.js";
import { createTrainingNodes } from "../src/training/graph.js";
import { RunDirectory } from "../src/training/run-directory.js";
import { createTaskEvaluator } from "../src/training/task-evaluator.js";
import type { TrainingNodes } from "../src/training/types.js";
import { sharedSandbox } from "./shared-sandbox.js";
import type { TrainingRequest } from "./training-request.js";

const fromRoot = (path: string) => (isAbsolute(path) || !/[\\/]|\.jsonl?$/i.test(path) ? path : resolve(process.cwd(), path));

async function selectTasks(source: string, ids: string[] | undefined, limit: number | undefined, field: string): Promise<Dataset> {
  const dataset = await loadDataset(fromRoot(source), limit !== undefined && !ids ? { limit } : {});
  if (!ids) return dataset;
  const byId = new Map(dataset.tasks.map((task) => [task.id, task]));
  const tasks = ids.map((id) => {
    const task = byId.get(id);
    if (!task) throw new ToolforgeError("E_GRAPH_INPUT", `agent_training: task id "${id}" (${field}) is not in ${source}`, { field, id });
    return task;
  });
  return { ...dataset, tasks: limit !== undefined ? tasks.slice(0, limit) : tasks };
}

/**
 * A request's training nodes and the datasets they train on (what the
 * thread's LangSmith experiments are logged against).
 *
 * @example
 * const { nodes, datasets } = await trainingRuntimeFor(request);
 */
export interface TrainingRuntime {
  nodes: TrainingNodes;
  /** The training set, then the validation set when there is one. */
  datasets: Dataset[];
}

async function buildRuntime(request: TrainingRequest): Promise<TrainingRuntime> {
  const train = await selectTasks(request.dataset, request.taskIds, request.limit, "taskIds");
  const validation = request.validation ? await selectTasks(request.validation, request.validationTaskIds, undefined, "validationTaskIds") : undefined;
  const runDir = request.runDir ? new RunDirectory(fromRoot(request.runDir)).ensure() : undefined;
  const sandbox = await sharedSandbox();
  const cache = createModelCache(runDir ? { file: runDir.modelCache, legacyDir: runDir.legacyModelCache } : {});
  const agentModel = createModel(request.agent.model, { cache });
  const optimizerModel = createModel(request.optimizer.model, { cache });
  const policy = await capabilityPolicyOf(request.capabilities);
  const capabilities = policy ? createCapabilities(policy, runDir ? { runDir: runDir.root } : {}) : undefined;
  const nodes = createTrainingNodes({
    train: train.tasks,
    ...(validation ? { validation: validation.tasks } : {}),
    evaluateTask: createTaskEvaluator({
      agent: { ...request.agent, model: agentModel },
      sandbox,
      trainScorer: train.scorer,
      ...(validation ? { validationScorer: validation.scorer } : {}),
      ...(capabilities ? { capabilities } : {}),
    }),
    optimizeStep: createOptimizeStepGraph({
      model: optimizerModel,
      sandbox,
      ...(request.optimizer.maxActions !== undefined ? { maxActions: request.optimizer.maxActions } : {}),
      ...(request.optimizer.mode !== undefined ? { mode: request.optimizer.mode } : {}),
      ...(capabilities ? { capabilities } : {}),
    }),
    ...(request.maxEpochs !== undefined ? { maxEpochs: request.maxEpochs } : {}),
    ...(request.rollback !== undefined ? { rollback: request.rollback } : {}),
    ...(request.maxSteps !== undefined ? { maxSteps: request.maxSteps } : {}),
    ...(request.earlyStopPatience !== undefined ? { patience: request.earlyStopPatience } : {}),
    ...(request.batchSize !== undefined ? { batchSize: request.batchSize } : {}),
    ...(request.seed !== undefined ? { seed: request.seed } : {}),
    ...(request.concurrency !== undefined ? { concurrency: request.concurrency } : {}),
    ...(runDir ? { runDir: runDir.root } : {}),
    review: request.review === true,
  });
  return { nodes, datasets: validation ? [train, validation] : [train] };
}

/**
 * The request as kept in checkpoints (thread state, `Send` packets): API
 * keys are left out.
 *
 * @example
 * withoutKeys({ ...request, agent: { kind: "react", model: { baseURL, model: "m", apiKey: "sk" } } }).agent.model; // { baseURL, model: "m" }
 */
export function withoutKeys(request: TrainingRequest): TrainingRequest {
  const strip = <M>(model: M): M => (typeof model === "object" && model !== null ? (({ apiKey: _, ...rest }) => rest as M)(model as { apiKey?: string }) : model);
  return { ...request, agent: { ...request.agent, model: strip(request.agent.model) }, optimizer: { ...request.optimizer, model: strip(request.optimizer.model) } };
}

const built = new Map<string, Promise<TrainingRuntime>>();

/**
 * The training nodes and datasets for a request, built on first use and
 * cached by the request without its API keys, so a task packet (which
 * carries no keys) finds the nodes its run built with them. A failed build
 * is forgotten, so a fixed file can be retried.
 *
 * @example
 * const { nodes } = await trainingRuntimeFor(resolveTrainingRequest(state, config.configurable));
 */
export function trainingRuntimeFor(request: TrainingRequest): Promise<TrainingRuntime> {
  const key = JSON.stringify(withoutKeys(request));
  let runtime = built.get(key);
  if (!runtime) {
    runtime = buildRuntime(request);
    runtime.catch(() => built.delete(key));
    built.set(key, runtime);
  }
  return runtime;
}
