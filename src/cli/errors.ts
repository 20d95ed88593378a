import { ToolforgeError } from "../errors.js";

/**
 * A problem with what the user asked for (bad flag value, missing file,
 * existing run directory...). The CLI prints the message and exits with
 * code 2 without touching any existing file.
 *
 * @example
 * import { CliUsageError } from "toolforge";
 * throw new CliUsageError("E_CLI_RUN_DIR_EXISTS", "runs/a already exists; pass --force to overwrite it", { path: "runs/a" });
 */
export class CliUsageError extends ToolforgeError {}

/**
 * Exit codes of the CLI: 0 success, 1 unexpected failure, 2 bad input or usage, 130 interrupted.
 *
 * @example
 * import { EXIT } from "toolforge";
 * if (code === EXIT.usage) console.error("bad input");
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;
