export type * from "./types.js";
export { ACTION_TOOLS, ACTION_NAMES, ONE_STEP_TOOLS, type ActionToolDefinition } from "./action-tools.js";
export { normalizeSpecArgs, normalizeRemoveArgs, type NormalizedAction } from "./normalize-action.js";
export { smokeRun, sampleCallArgs, CRASH_KINDS, type SmokeRunResult } from "./smoke-run.js";
export { applyAction, type ProposedCall, type ApplyOutcome, type ApplyContext } from "./apply-action.js";
export { readToolCalls } from "./read-tool-calls.js";
export { formatScore, renderStatisticTable, summariseStatisticTable, type PreviousScores } from "./statistic-table.js";
export { countTokens } from "./count-tokens.js";
export { conversationTokens } from "./conversation-tokens.js";
export { renderListB } from "./list-b.js";
export { OPTIMIZER_EXAMPLE_FUNCTION, type PromptMode } from "./prompt-text.js";
export {
  buildOptimizerPrompt,
  type OptimizerPrompt,
  type OptimizerPromptInput,
  type OptimizerPromptOptions,
} from "./optimizer-prompt.js";
export { OptimizerError } from "./errors.js";
export { createOptimizeStepGraph, resolveOptimizerOptions, type OptimizeStepGraphOptions } from "./optimize-step-graph.js";
export { AgentOptimizer, type AgentOptimizerOptions, type OptimizeStepCallOptions } from "./agent-optimizer.js";
export { compactRejectedCalls } from "./compact-rejected-calls.js";
export { teamActionTools, resolveActionRoles } from "./team-actions.js";
export { renderTeamSection } from "./team-prompt.js";
