import { ToolforgeError } from "../errors.js";

/**
 * A mis-configured agent (e.g. a code interpreter without a sandbox, a model
 * that cannot bind tools). Thrown when the agent is built, never mid-run.
 *
 * @example
 * import { AgentConfigError } from "toolforge";
 * try { createToolCallingAgent({ model, tools: [], codeInterpreter: true }); }
 * catch (e) { if (e instanceof AgentConfigError) console.log(e.code, e.context.option); }
 */
export class AgentConfigError extends ToolforgeError {}

/**
 * A model call inside a built-in agent failed (unreachable server, HTTP 5xx,
 * timeout). Code `E_MODEL_CALL`; `context.step` is the model turn that failed.
 * `runTask` turns it into `record.error.kind === "model_error"`.
 *
 * @example
 * import { ModelCallError } from "toolforge";
 * const e = new ModelCallError("E_MODEL_CALL", "model call failed at step 1: ECONNREFUSED", { step: 1 });
 * console.log(e.context.step); // 1
 */
export class ModelCallError extends ToolforgeError {}
