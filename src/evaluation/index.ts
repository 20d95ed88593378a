export type * from "./types.js";
export { wilsonInterval } from "./wilson.js";
export { checkUniqueTaskIds } from "./task-ids.js";
export { EvaluationAbortedError, EvaluationConfigError } from "./errors.js";
export { messagesToDict, messagesFromDict, extractFunctionCalls, sumUsage, type StoredMessage } from "./records.js";
export { runTask, classifyRunError, type RunTaskOptions } from "./run-task.js";
export { evaluate, summarise, type EvaluateOptions, type EvaluationProgress } from "./evaluate.js";
export { renderTranscript, truncateText, type TranscriptOptions } from "./transcript.js";
export { recordToJSON, recordFromJSON, RecordFormatError } from "./record-json.js";
