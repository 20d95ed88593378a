import { randomUUID } from "node:crypto";
import type { Client } from "langsmith";
import { LANGSMITH_DATASET_PREFIX } from "../datasets/langsmith-dataset.js";
import type { Task } from "../evaluation/types.js";
import type { EvaluationPhase, TrainingEvent } from "../training/events.js";

/**
 * A dataset whose evaluations may become LangSmith experiments: one loaded
 * with `loadDataset("langsmith:<name>")` (others are ignored).
 *
 * @example
 * import { loadDataset, type ExperimentDataset } from "toolforge";
 * const data: ExperimentDataset = await loadDataset("langsmith:gsm8k-eval");
 */
export interface ExperimentDataset {
  name: string;
  tasks: readonly Task[];
}

/**
 * Options of {@link logLangSmithExperiments}.
 *
 * @example
 * import type { LangSmithExperimentsOptions } from "toolforge";
 * const options: LangSmithExperimentsOptions = { datasets: [data], prefix: "gsm8k-tools" };
 */
export interface LangSmithExperimentsOptions {
  /** The run's datasets; evaluations of tasks from `langsmith:` datasets are logged. */
  datasets: ReadonlyArray<ExperimentDataset | undefined>;
  /** Default: a client from `LANGSMITH_ENDPOINT` / `LANGSMITH_API_KEY`, sending each run and score as it is logged. */
  client?: Client;
  /** Start of every experiment name (default `"toolforge"`). */
  prefix?: string;
  /** Where logging failures go (they never fail the training run); default `console.warn`. */
  onError?: (error: Error) => void;
  /** The run's id in experiment names until a `run_start` event names it (a run resumed in a new process sees none); default `"run"`. */
  runId?: string;
}

/**
 * An experiment created by {@link logLangSmithExperiments}.
 *
 * @example
 * import type { LoggedExperiment } from "toolforge";
 * const names = (logged: LoggedExperiment[]) => logged.map((e) => `${e.name}: ${e.runs} runs`);
 */
export interface LoggedExperiment {
  /** LangSmith project (experiment) id and name. */
  id: string;
  name: string;
  datasetId: string;
  datasetName: string;
  step: number;
  phase: EvaluationPhase;
  /** Runs logged in it, one per task of the dataset, each with `score` feedback. */
  runs: number;
}

/**
 * The event listener of {@link logLangSmithExperiments}.
 *
 * @example
 * import type { LangSmithExperiments } from "toolforge";
 * const done = async (x: LangSmithExperiments) => { await x.flush(); return x.experiments; };
 */
export interface LangSmithExperiments {
  /** Feed it every `TrainingEvent` of the run. */
  onEvent(event: TrainingEvent): void;
  /** Resolves once everything seen so far is sent. */
  flush(): Promise<void>;
  readonly experiments: readonly LoggedExperiment[];
}

interface PendingEvaluation {
  step: number;
  phase: EvaluationPhase;
  loss?: number;
  accuracy?: number;
  /** By task id: a task run again (its first run was cut short) counts once, with its last result. */
  results: Map<string, { taskId: string; score: number; error?: string; at: number }>;
}

/** The example a task came from: its id (the default mapping), or the unmapped `id` kept in `meta` when another field named the task. */
function exampleIdOf(task: Task): string {
  return typeof task.meta?.id === "string" ? task.meta.id : task.id;
}

const isLangSmithDataset = (d: ExperimentDataset | undefined): d is ExperimentDataset => typeof d?.name === "string" && d.name.startsWith(LANGSMITH_DATASET_PREFIX);

/**
 * Logs the evaluations of a training run as LangSmith **experiments** on the
 * LangSmith datasets the tasks came from, so initial and trained toolsets
 * can be compared side by side in LangSmith's UI: the baseline, every
 * accepted step's candidate (rolled-back candidates are not logged),
 * validation and test evaluations each become an experiment (a project
 * whose `reference_dataset_id` is the dataset) named
 * `<prefix> run=<thread> step=<n> <phase>`, with one run per task linked to
 * its example (`reference_example_id`; inputs: the question, outputs: score
 * and error) and the task's score as `score` feedback. `trainAgent` (and
 * the served `agent_training` graph) does this by itself when LangSmith
 * tracing is on and `train` or `validation` is a `langsmith:` dataset; use
 * this for your own loop.
 *
 * @example
 * import { loadDataset, logLangSmithExperiments, trainAgent } from "toolforge";
 * const data = await loadDataset("langsmith:gsm8k-eval");
 * const experiments = logLangSmithExperiments({ datasets: [data] });
 * await trainAgent({ agent, optimizer, train: data, onEvent: experiments.onEvent });
 * await experiments.flush();
 */
export function logLangSmithExperiments(options: LangSmithExperimentsOptions): LangSmithExperiments {
  const datasets = options.datasets.filter(isLangSmithDataset).map((d) => ({ name: d.name.slice(LANGSMITH_DATASET_PREFIX.length), tasks: new Map(d.tasks.map((t) => [t.id, t])) }));
  const prefix = options.prefix ?? "toolforge";
  const onError = options.onError ?? ((error: Error) => console.warn(`toolforge: LangSmith experiment not logged: ${error.message}`));
  const experiments: LoggedExperiment[] = [];
  const datasetIds = new Map<string, Promise<string>>();
  let client: Promise<Client> | undefined;
  let runId = options.runId ?? "run";
  let current: PendingEvaluation | undefined;
  let candidate: PendingEvaluation | undefined;
  let work: Promise<void> = Promise.resolve();

  const clientOf = () => (client ??= options.client ? Promise.resolve(options.client) : import("langsmith").then(({ Client }) => new Client({ autoBatchTracing: false })));
  const datasetId = (api: Client, name: string) => {
    let id = datasetIds.get(name);
    if (!id) datasetIds.set(name, (id = api.readDataset({ datasetName: name }).then((d) => d.id)));
    return id;
  };

  async function log(evaluation: PendingEvaluation): Promise<void> {
    const api = await clientOf();
    for (const dataset of datasets) {
      const results = [...evaluation.results.values()].filter((r) => dataset.tasks.has(r.taskId));
      if (results.length === 0) continue;
      const referenceDatasetId = await datasetId(api, dataset.name);
      const name = `${prefix} run=${runId} step=${evaluation.step} ${evaluation.phase}`;
      const metadata = { toolforge_run: runId, toolforge_step: evaluation.step, toolforge_phase: evaluation.phase, loss: evaluation.loss, accuracy: evaluation.accuracy };
      const project = await api.createProject({ projectName: name, referenceDatasetId, metadata, description: `toolforge training run ${runId}: ${evaluation.phase} evaluation at step ${evaluation.step}` });
      for (const result of results) {
        const task = dataset.tasks.get(result.taskId)!;
        const id = randomUUID();
        await api.createRun({
          id,
          name: `toolforge:evaluate step=${evaluation.step} task=${task.id}`,
          run_type: "chain",
          inputs: { question: task.question },
          outputs: { score: result.score, ...(result.error ? { error: result.error } : {}) },
          reference_example_id: exampleIdOf(task),
          project_name: name,
          start_time: result.at,
          end_time: result.at,
          ...(result.error ? { error: result.error } : {}),
        });
        await api.createFeedback({ runId: id, sessionId: project.id, key: "score", score: result.score });
      }
      experiments.push({ id: project.id, name, datasetId: referenceDatasetId, datasetName: dataset.name, step: evaluation.step, phase: evaluation.phase, runs: results.length });
    }
  }

  const enqueue = (evaluation: PendingEvaluation) => {
    work = work.then(() => log(evaluation)).catch((error: unknown) => onError(error instanceof Error ? error : new Error(String(error))));
  };

  return {
    experiments,
    flush: () => work,
    onEvent(event: TrainingEvent): void {
      if (datasets.length === 0) return;
      switch (event.type) {
        case "run_start":
          runId = event.runId;
          break;
        case "evaluation_start":
          current = { step: event.step, phase: event.phase, results: new Map() };
          break;
        case "task_done":
          current?.results.set(event.taskId, { taskId: event.taskId, score: event.score, ...(event.error ? { error: event.error } : {}), at: Date.now() });
          break;
        case "evaluation_end":
          if (!current) break;
          Object.assign(current, { loss: event.loss, accuracy: event.accuracy });
          // A candidate counts once the loop keeps it.
          if (current.phase === "candidate") candidate = current;
          else enqueue(current);
          current = undefined;
          break;
        case "accepted":
          if (candidate?.step === event.step) enqueue(candidate);
          candidate = undefined;
          break;
        case "rolled_back":
          candidate = undefined;
          break;
      }
    },
  };
}
