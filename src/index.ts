// The public API of toolforge: the trainer, toolsets, the sandbox, agents,
// evaluation, datasets, scorers, models, the checkpointer, errors and types.
// Each folder's own index.ts lists everything it has (for the code and tests
// inside this package); only what a user builds on is re-exported here. The
// CLI and the demo are not: the bin imports them by path, the notebooks use
// `toolforge/demo`, and `toolforge/testing` has the scripted server.

// Errors and hyper-parameter defaults.
export * from "./errors.js";
export * from "./defaults.js";

// Toolsets: the learned weights.
export type { FunctionSpec, FunctionSpecInput, FunctionParameters, JSONSchema } from "./functions/function-spec.js";
export { FunctionSpecError, ToolsetFileError, FunctionCallError, type FunctionSpecField } from "./functions/errors.js";
export { validateFunctionSpec, type ValidateFunctionSpecOptions } from "./functions/validate-function-spec.js";
export { Toolset, type ToolsetReadOptions, type ToolsetToolsOptions } from "./functions/toolset.js";
export { TOOLSET_FORMAT, TOOLSET_VERSION, READABLE_TOOLSET_VERSIONS, type ToolsetFile, type ToolsetMetadata } from "./functions/toolset-file.js";
export { diffToolsets, formatToolsetDiff, type ToolsetDiff, type FunctionRevision, type RevisedField } from "./functions/toolset-diff.js";
export { cyclomaticComplexity, toolsetComplexity, type FunctionComplexity } from "./functions/function-complexity.js";
export { handleFunctionCallError } from "./functions/function-call-error-message.js";
export { Toolkit, type ToolkitOptions } from "./functions/toolkit.js";
export { ToolsetStore, ToolsetStoreError, type StoredToolset, type ToolsetProvenance } from "./functions/toolset-store.js";
export type { ToToolsOptions, FunctionToolOutput } from "./functions/emit-tools.js";

// Sandbox and the capabilities learned functions may be granted.
export * from "./sandbox/index.js";
export { createCapabilities, CapabilityRuntime, type CapabilityRuntimeOptions, type CapabilityUsage, type CapabilityCallContext } from "./capabilities/capability-host.js";
export { resolveCapabilityPolicy, CAPABILITY_NAMES, type CapabilityPolicy, type NetPolicy, type ResolvedCapabilityPolicy, type ResolvedAddress } from "./capabilities/capability-policy.js";
export { capabilityGuide, missingCapabilities, assertCapabilitiesGranted } from "./capabilities/capability-guide.js";
export { CapabilityPolicyError, CapabilityError, type CapabilityErrorCode } from "./capabilities/errors.js";
export { FetchStore, type FetchKey } from "./capabilities/fetch-store.js";
export { PARSERS, type ParserName, type ParserInput, type HtmlTable } from "./capabilities/document-parsers.js";
export type { TaskAttachments, Attachment } from "./capabilities/read-attachment.js";

// Models.
export * from "./models/index.js";

// Datasets and scorers.
export { DatasetError } from "./datasets/errors.js";
export { DATASET_PRESETS, isPresetName, type DatasetPreset } from "./datasets/presets.js";
export type { DatasetFormat, FieldMapping, RowOrigin } from "./datasets/formats.js";
export { loadDataset, type Dataset, type LoadDatasetOptions } from "./datasets/load-dataset.js";
export { LANGSMITH_DATASET_PREFIX, LANGSMITH_FIELD_PATHS } from "./datasets/langsmith-dataset.js";
export { sampleTasks, splitTasks } from "./datasets/sample.js";
export { loadGaia, type LoadGaiaOptions } from "./datasets/gaia.js";
export { extractBoxed, extractFinalAnswer } from "./scoring/extract-answer.js";
export { isMathEquivalent } from "./scoring/math-equivalence.js";
export { scoreMath } from "./scoring/score-math.js";
export { scoreTabMWP, type TabMWPScoreOptions } from "./scoring/tabmwp.js";
export { scoreGSM8K } from "./scoring/score-gsm8k.js";
export { scoreExactMatch } from "./scoring/score-exact.js";
export { scoreGaia } from "./scoring/score-gaia.js";

// Agents and teams.
export type * from "./agents/types.js";
export { AgentConfigError, ModelCallError } from "./agents/errors.js";
export { AgentState, type AgentStateType, type AgentRunError } from "./agents/agent-state.js";
export { createCodeInterpreterTool, CODE_INTERPRETER_NAME } from "./agents/code-interpreter.js";
export { ANSWER_FORMAT_RULES, TOOL_CALLING_SYSTEM_PROMPT } from "./agents/answer-format.js";
export { createToolCallingAgent, type ToolCallingAgentOptions } from "./agents/tool-calling-agent.js";
export { createReActAgent, type ReActAgentOptions } from "./agents/react-agent.js";
export { resolveAgent, type AgentBuilder } from "./agents/resolve-agent.js";
export type { BuiltinAgentOptions } from "./agents/agent-options.js";
export { createToolsetAgent, type ToolsetAgent, type ToolsetAgentOptions } from "./agents/toolset-agent.js";
export * from "./teams/index.js";

// Evaluation, execution records and run reports.
export type * from "./evaluation/types.js";
export { wilsonInterval } from "./evaluation/wilson.js";
export { EvaluationAbortedError, EvaluationConfigError, InfrastructureFailureError } from "./evaluation/errors.js";
export { isInfrastructureFailure, type InfrastructureFailurePolicy } from "./evaluation/infrastructure.js";
export { messagesToDict, messagesFromDict, sumUsage, type StoredMessage } from "./evaluation/records.js";
export { runTask, type RunTaskOptions } from "./evaluation/run-task.js";
export { evaluate, summarise, type EvaluateOptions, type EvaluationProgress } from "./evaluation/evaluate.js";
export { renderTranscript, type TranscriptOptions } from "./evaluation/transcript.js";
export { recordToJSON, recordFromJSON, RecordFormatError } from "./evaluation/record-json.js";
export { mcnemarTest, pairedMcNemar, type McNemarMethod, type McNemarResult } from "./report/mcnemar.js";
export { learningCurveSpec, renderLearningCurveSvg, type CurvePoint, type CurveSplit } from "./report/learning-curve.js";
export { summarizeRun, type RunSummary, type ReportStep, type ReportAction, type ReportEvaluation } from "./report/run-summary.js";
export { RunDirectoryError } from "./report/errors.js";
export { writeRunReport, readRunEvents, REPORT_FILES, type RunReportFiles, type RunReportOptions } from "./report/write-run-report.js";

// The optimizer and the trainer.
export type * from "./optimizer/types.js";
export { OptimizerError } from "./optimizer/errors.js";
export { buildOptimizerPrompt, type OptimizerPrompt, type OptimizerPromptInput, type OptimizerPromptOptions } from "./optimizer/optimizer-prompt.js";
export { createOptimizeStepGraph, type OptimizeStepGraphOptions } from "./optimizer/optimize-step-graph.js";
export { AgentOptimizer, type AgentOptimizerOptions, type OptimizeStepCallOptions } from "./optimizer/agent-optimizer.js";
export type * from "./training/events.js";
export { isTrainingEvent } from "./training/events.js";
export type * from "./training/types.js";
export { createLimiter, runPulled } from "./limiter.js";
export { createTrainingGraph } from "./training/graph.js";
export { TrainingState, type TrainingStateType } from "./training/state.js";
export { RunDirectory, type RunInfo } from "./training/run-directory.js";
export { MemoryRecordStore, type EvaluationRef, type ExecutionRecordStore } from "./training/record-store.js";
export { SqliteRecordStore } from "./training/sqlite-record-store.js";
export { LangGraphRecordStore } from "./training/langgraph-record-store.js";
export { RunLockedError, TrainingError } from "./training/errors.js";
export { budgetExceeded, costOf, emptyUsage } from "./training/usage.js";
export { trainAgent, resumeTraining, checkTrainAgentOptions } from "./training/train-agent.js";
export { trainingProvenance, type TrainingProvenance, type ProvenanceContext } from "./training/provenance.js";
export { parseReviewDecision, ReviewDecisionError, type ReviewDecision, type ReviewRequest } from "./training/review.js";

// Checkpointer and tracing.
export * from "./checkpoint/index.js";
export * from "./tracing/index.js";

// Types of the paper-reproduction experiments.
export * from "./reproduce/index.js";
