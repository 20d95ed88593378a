// LangSmith experiments of served training runs: the logger `trainAgent`
// uses, switched on the same way (LANGSMITH_TRACING, client from
// LANGSMITH_ENDPOINT / LANGSMITH_API_KEY) and fed the same TrainingEvents,
// taken from the nodes' custom-stream writes instead of `onEvent`.
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { langsmithTracingEnabled } from "../src/tracing/langsmith-env.js";
import { type LangSmithExperiments, logLangSmithExperiments } from "../src/tracing/langsmith-experiments.js";
import { isTrainingEvent } from "../src/training/events.js";
import type { TrainingRequest } from "./training-request.js";
import { trainingRuntimeFor } from "./training-runtime.js";

// One logger per thread, kept across the runs of a thread in this process:
// an evaluation cut by a cancel is logged whole once the thread resumes it.
const loggers = new Map<string, Promise<LangSmithExperiments>>();

const threadOf = (config: LangGraphRunnableConfig): string | undefined => {
  const id = config.configurable?.thread_id;
  return typeof id === "string" && id !== "" ? id : undefined;
};

/**
 * `config` for one of the loop's nodes, its `writer` also feeding the
 * thread's LangSmith experiments when tracing is on (else `config` as is).
 *
 * @example
 * const traced = await withExperiments(config, request);
 * await nodes.compareLoss(state, traced);
 */
export async function withExperiments(config: LangGraphRunnableConfig, request: TrainingRequest): Promise<LangGraphRunnableConfig> {
  const threadId = threadOf(config);
  if (!threadId || !langsmithTracingEnabled()) return config;
  let logger = loggers.get(threadId);
  if (!logger) {
    logger = trainingRuntimeFor(request).then(({ datasets }) => logLangSmithExperiments({ datasets, runId: threadId }));
    logger.catch(() => loggers.delete(threadId));
    loggers.set(threadId, logger);
  }
  const experiments = await logger;
  const writer = config.writer;
  return {
    ...config,
    writer: (chunk: unknown) => {
      writer?.(chunk);
      if (isTrainingEvent(chunk)) experiments.onEvent(chunk);
    },
  };
}

/**
 * Waits until the thread's experiments are sent, then forgets its logger
 * (the run is over).
 *
 * @example
 * await flushExperiments(config); // in the graph's last node
 */
export async function flushExperiments(config: LangGraphRunnableConfig): Promise<void> {
  const threadId = threadOf(config);
  const logger = threadId ? loggers.get(threadId) : undefined;
  if (!logger) return;
  loggers.delete(threadId!);
  await (await logger).flush();
}
