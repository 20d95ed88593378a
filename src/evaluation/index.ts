export type * from "./types.js";
export { wilsonInterval } from "./wilson.js";
export { EvaluationAbortedError, EvaluationConfigError, InfrastructureFailureError } from "./errors.js";
export { isInfrastructureFailure, runWithTaskRetries, infrastructureFailure, type InfrastructureFailurePolicy } from "./infrastructure.js";
export { messagesToDict, messagesFromDict, extractFunctionCalls, sumUsage, messageUsage, type StoredMessage } from "./records.js";
export { runTask, classifyRunError, type RunTaskOptions } from "./run-task.js";
export { evaluate, summarise, type EvaluateOptions, type EvaluationProgress } from "./evaluate.js";
export { renderTranscript, truncateText, type TranscriptOptions } from "./transcript.js";
export { recordToJSON, recordFromJSON, RecordFormatError } from "./record-json.js";
