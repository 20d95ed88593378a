import { ToolforgeError } from "../errors.js";

/**
 * A checkpointer spec could not be understood or its store could not be
 * opened. `context.spec` holds the spec with any password masked.
 *
 * @example
 * import { createCheckpointer, CheckpointerError } from "toolforge";
 * try { await createCheckpointer("mysql://db/x"); }
 * catch (e) { if (e instanceof CheckpointerError) console.log(e.code); } // "E_CHECKPOINTER_SPEC"
 */
export class CheckpointerError extends ToolforgeError {}
