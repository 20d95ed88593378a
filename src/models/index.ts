export type * from "./types.js";
export { createModel } from "./create-model.js";
export { createModelCache, ModelCache, type ModelCacheOptions } from "./model-cache.js";
export { describeModel, redactModelSpec, REDACTED } from "./describe-model.js";
export { resolveModelSpec, type ResolvedModelSpec } from "./spec.js";
export { ModelSpecError, ModelRequestError } from "./errors.js";
export { RetryingCaller, isRetryableModelError, type RetryPolicy } from "./retry-caller.js";
export { RequestGate, rateLimitWaitMs, errorHeader, type RequestGateOptions, type GateUsage } from "./request-gate.js";
export { abortableSleep } from "./abortable-sleep.js";
