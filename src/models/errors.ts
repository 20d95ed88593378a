import { ToolforgeError } from "../errors.js";

/**
 * A model spec that cannot be turned into a model: unknown provider prefix,
 * missing model name or base URL, or a missing API key.
 * `code` is `E_MODEL_SPEC` or `E_MODEL_API_KEY`.
 *
 * @example
 * import { createModel, ModelSpecError } from "toolforge";
 * try { createModel("anthropic:claude"); }
 * catch (e) { if (e instanceof ModelSpecError) console.log(e.code, e.context.spec); }
 */
export class ModelSpecError extends ToolforgeError {}

/**
 * A model request that kept failing with retryable errors (429, 5xx,
 * timeouts, connection errors) until its retries ran out, or whose server
 * asked to wait longer than `DEFAULTS.model.maxRetryAfterMs`. Non-retryable
 * errors (400, 401, aborts...) are passed through unchanged. Code
 * `E_MODEL_REQUEST` (retries exhausted), `E_MODEL_RATE_LIMIT` (Retry-After too
 * long) or `E_MODEL_RESPONSE` (the response body was not valid JSON). `context` holds `model`, `baseURL`, `attempts` and `status`
 * (when the server answered); `cause` holds the last underlying error.
 *
 * @example
 * import { ModelRequestError } from "toolforge";
 * try { await model.invoke("hi"); }
 * catch (e) { if (e instanceof ModelRequestError) console.log(e.context.attempts, e.context.status); }
 */
export class ModelRequestError extends ToolforgeError {}
