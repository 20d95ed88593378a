import { ToolforgeError } from "../errors.js";

/**
 * The optimizer was configured wrongly (a model that cannot call tools, a
 * non-positive `maxActions`, …) or its input is unusable. Problems in what
 * the optimizer *model* sends never throw: they are rejected actions.
 *
 * Codes: `E_OPTIMIZER_MODEL`, `E_OPTIMIZER_OPTION`, `E_OPTIMIZER_INPUT`.
 *
 * @example
 * import { AgentOptimizer, OptimizerError } from "toolforge";
 * try { new AgentOptimizer({ model, sandbox, maxActions: 0 }); }
 * catch (e) { if (e instanceof OptimizerError) console.log(e.code); } // E_OPTIMIZER_OPTION
 */
export class OptimizerError extends ToolforgeError {}
