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

/**
 * Another writer holds the run directory (`E_RUN_LOCKED`), or its lock file
 * cannot be read (`E_RUN_LOCK_UNREADABLE`). `context.holder` names the holding
 * process (pid, host, command, since when); the CLI exits with code 2.
 *
 * @example
 * import { RunLock, RunLockedError } from "toolforge";
 * try { RunLock.acquire("runs/math"); }
 * catch (e) { if (e instanceof RunLockedError) console.log(e.message); } // "… is in use by process 4242 …"
 */
export class RunLockedError extends ToolforgeError {}
