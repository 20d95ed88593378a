import type { BaseCache } from "@langchain/core/caches";
import type { RequestGate } from "./request-gate.js";

/**
 * How to reach a chat model: `"<provider>:<model>"` as LangChain's
 * `initChatModel` writes it (`"openai:gpt-4o"`, `"anthropic:…"`,
 * `"google-genai:…"`, `"ollama:…"` for `ChatOllama`, …),
 * `"openai-compatible:<model>@<baseURL>"` or `{ baseURL, model, apiKey? }`
 * for any OpenAI-compatible server (vLLM, llama.cpp, LM Studio...), or
 * `{ provider, model, baseURL?, apiKey? }` for a provider's client at a host
 * of your own.
 *
 * @example
 * import type { ModelSpec } from "toolforge";
 * const a: ModelSpec = "openai:gpt-4o";
 * const b: ModelSpec = "ollama:llama3.1";
 * const c: ModelSpec = "openai-compatible:Qwen/Qwen2.5-7B-Instruct@http://localhost:8000/v1";
 * const d: ModelSpec = { baseURL: "http://localhost:8000/v1", model: "Qwen/Qwen2.5-7B-Instruct", apiKey: process.env.VLLM_KEY };
 */
export type ModelSpec =
  | string
  | {
      /** A provider prefix of `MODEL_PROVIDERS` or `"openai-compatible"` (the default, which needs `baseURL`). */
      provider?: string;
      /** Where the client sends its requests; an inline `apiKey` goes only here. */
      baseURL?: string;
      model: string;
      apiKey?: string;
      temperature?: number;
      seed?: number;
      timeoutMs?: number;
      maxRetries?: number;
    };

/**
 * Per-use settings layered over a {@link ModelSpec} by `createModel`, e.g. a
 * different temperature for the optimizer than for the agent.
 *
 * @example
 * import { createModel, type ModelOverrides } from "toolforge";
 * const overrides: ModelOverrides = { temperature: 0.7, seed: 1, maxRetries: 2 };
 * const optimizer = createModel("ollama:llama3.1", overrides);
 */
export interface ModelOverrides {
  temperature?: number;
  seed?: number;
  /** Per-request timeout; a timed-out request counts as a retryable failure. */
  timeoutMs?: number;
  /** Retries after the first attempt (429, 5xx, timeouts, connection errors). */
  maxRetries?: number;
  /** First backoff wait; doubles per retry. Mostly useful to keep tests fast. */
  retryBaseDelayMs?: number;
  /** Response cache (see `createModelCache`): identical requests are answered from it. */
  cache?: BaseCache;
  /** API key; wins over the spec's key and the environment. Never logged or cached. */
  apiKey?: string;
  /** Concurrency and rate limits shared with other models (see `RequestGate`). */
  requestGate?: RequestGate;
}
