import { ToolforgeError } from "../errors.js";

/**
 * A run directory cannot be read as a training run (missing directory, no
 * `events.jsonl`, unreadable files). `context.path` names the path.
 *
 * @example
 * import { writeRunReport, RunDirectoryError } from "toolforge";
 * try { await writeRunReport("runs/missing"); }
 * catch (e) { if (e instanceof RunDirectoryError) console.log(e.code, e.context.path); }
 */
export class RunDirectoryError extends ToolforgeError {}
