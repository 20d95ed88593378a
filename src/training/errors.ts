import { ToolforgeError } from "../errors.js";

/**
 * A training run was configured wrongly or cannot continue (bad option,
 * empty training set, a checkpoint that does not match the options).
 *
 * @example
 * import { TrainingError } from "toolforge";
 * try { throw new TrainingError("E_TRAIN_OPTIONS", "train: no tasks", { field: "train" }); }
 * catch (e) { if (e instanceof TrainingError) console.log(e.code, e.context.field); }
 */
export class TrainingError extends ToolforgeError {}
