import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { ModelSpec } from "./types.js";

/**
 * What a secret is replaced with in stored configs and logs.
 *
 * @example
 * import { REDACTED } from "toolforge";
 * console.log(REDACTED); // "[redacted]"
 */
export const REDACTED = "[redacted]";

function isChatModel(value: unknown): value is BaseChatModel {
  return typeof value === "object" && value !== null && typeof (value as BaseChatModel).invoke === "function" && typeof (value as BaseChatModel)._llmType === "function";
}

/**
 * A copy of a spec that is safe to write into run configs and logs: the API
 * key, if any, is replaced by `"[redacted]"`. String specs carry no secrets
 * and come back unchanged.
 *
 * @example
 * import { redactModelSpec } from "toolforge";
 * redactModelSpec({ baseURL: "http://localhost:8000/v1", model: "m", apiKey: "sk-123" });
 * // { baseURL: "http://localhost:8000/v1", model: "m", apiKey: "[redacted]" }
 */
export function redactModelSpec(spec: ModelSpec): ModelSpec {
  if (typeof spec === "string") return spec;
  return spec.apiKey === undefined ? { ...spec } : { ...spec, apiKey: REDACTED };
}

/**
 * One-line rendering of a spec (or an already-built chat model) for logs and
 * progress output. Never contains an API key.
 *
 * @example
 * import { describeModel } from "toolforge";
 * describeModel("openai:gpt-4o"); // "openai:gpt-4o"
 * describeModel({ baseURL: "http://localhost:8000/v1", model: "qwen", apiKey: "sk-1" });
 * // "qwen @ http://localhost:8000/v1 (apiKey: [redacted])"
 */
export function describeModel(spec: ModelSpec | BaseChatModel): string {
  if (typeof spec === "string") return spec;
  if (isChatModel(spec)) {
    const name = (spec as unknown as { model?: unknown }).model;
    return typeof name === "string" ? `${spec._llmType()}:${name}` : spec._llmType();
  }
  const extras = [
    spec.apiKey !== undefined ? `apiKey: ${REDACTED}` : undefined,
    spec.temperature !== undefined ? `temperature: ${spec.temperature}` : undefined,
    spec.seed !== undefined ? `seed: ${spec.seed}` : undefined,
  ].filter(Boolean);
  const where = spec.baseURL ?? "its default endpoint";
  const provider = spec.provider !== undefined && spec.provider !== "openai-compatible" ? `${spec.provider}:` : "";
  return `${provider}${spec.model} @ ${where}${extras.length ? ` (${extras.join(", ")})` : ""}`;
}
