export type * from "./types.js";
export { ACTION_TOOLS, ACTION_NAMES, type ActionToolDefinition } from "./action-tools.js";
export { normalizeSpecArgs, normalizeRemoveArgs, type NormalizedAction } from "./normalize-action.js";
export { smokeRun, sampleCallArgs, CRASH_KINDS, type SmokeRunResult } from "./smoke-run.js";
export { applyAction, type ProposedCall, type ApplyOutcome, type ApplyContext } from "./apply-action.js";
export { readToolCalls } from "./read-tool-calls.js";
export { formatScore, renderStatisticTable } from "./statistic-table.js";
export {
  buildOptimizerPrompt,
  estimateTokens,
  type OptimizerPrompt,
  type OptimizerPromptInput,
  type OptimizerPromptOptions,
} from "./optimizer-prompt.js";
export { OptimizerError } from "./errors.js";
export { createOptimizeStepGraph, resolveOptimizerOptions, type OptimizeStepGraphOptions } from "./optimize-step-graph.js";
export { AgentOptimizer, type AgentOptimizerOptions, type OptimizeStepCallOptions } from "./agent-optimizer.js";
export { teamActionTools, resolveActionRoles } from "./team-actions.js";
export { renderTeamSection } from "./team-prompt.js";
