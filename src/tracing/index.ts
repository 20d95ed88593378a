export { tracingConfig, withTracing, type TracingConfig, type TracingContext, type TracingRole } from "./tracing-config.js";
export { langsmithTracingEnabled } from "./langsmith-env.js";
export { RunRecorder, type RecordedRun } from "./run-recorder.js";
export {
  logLangSmithExperiments,
  type ExperimentDataset,
  type LangSmithExperiments,
  type LangSmithExperimentsOptions,
  type LoggedExperiment,
} from "./langsmith-experiments.js";
