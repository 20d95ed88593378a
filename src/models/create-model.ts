import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ChatOpenAI, ChatOpenAICompletions, ChatOpenAIResponses, type BaseChatOpenAI } from "@langchain/openai";
import { DEFAULTS } from "../defaults.js";
import { ModelSpecError } from "./errors.js";
import { attachResponseCache } from "./response-cache.js";
import { RetryingCaller } from "./retry-caller.js";
import { resolveModelSpec, type ResolvedModelSpec } from "./spec.js";
import type { ModelOverrides, ModelSpec } from "./types.js";

/** Sent to servers that need no key, so the SDK never falls back to OPENAI_API_KEY and leaks it elsewhere. */
const NO_KEY = "not-needed";

function isChatModel(value: unknown): value is BaseChatModel {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as BaseChatModel).invoke === "function" &&
    typeof (value as BaseChatModel)._generate === "function"
  );
}

function apiKeyFor(resolved: ResolvedModelSpec, overrides: ModelOverrides): string {
  const key = overrides.apiKey ?? resolved.apiKey;
  if (key) return key;
  if (resolved.provider === "openai" && resolved.baseURL === undefined) {
    throw new ModelSpecError(
      "E_MODEL_API_KEY",
      `Model "openai:${resolved.model}" needs an OpenAI API key: set the OPENAI_API_KEY environment variable or pass { apiKey } to createModel`,
      { spec: `openai:${resolved.model}`, env: "OPENAI_API_KEY" },
    );
  }
  return NO_KEY;
}

/**
 * Builds a LangChain chat model from a {@link ModelSpec}.
 *
 * - `"openai:<model>"` → `ChatOpenAI` (key from `OPENAI_API_KEY` or `overrides.apiKey`);
 *   if `OPENAI_BASE_URL` is set, the Chat Completions client at that URL instead.
 * - `"ollama:<model>"` → Chat Completions client at `OLLAMA_BASE_URL` or `http://localhost:11434/v1`.
 * - `{ baseURL, model, apiKey? }` → Chat Completions client for any OpenAI-compatible
 *   server (vLLM, llama.cpp, LM Studio). `ChatOpenAI` is avoided there because it
 *   silently switches to the Responses API for some model names.
 * - an already-built `BaseChatModel` is returned unchanged.
 *
 * Requests time out after `timeoutMs` and are retried (429 honouring
 * `Retry-After`, 5xx, timeouts, dropped connections) up to `maxRetries` times
 * with exponential backoff; then a `ModelRequestError` is thrown. Temperature
 * and seed are sent with every request. Overrides win over the spec, which
 * wins over `DEFAULTS.model`.
 *
 * @example
 * import { createModel } from "toolforge";
 * const agentModel = createModel("ollama:llama3.1");
 * const optimizerModel = createModel({ baseURL: "http://localhost:8000/v1", model: "Qwen/Qwen2.5-72B-Instruct" }, { temperature: 0.7 });
 * const reply = await agentModel.invoke("What is 2 + 2?");
 */
export function createModel(spec: ModelSpec | BaseChatModel, overrides: ModelOverrides = {}): BaseChatModel {
  if (isChatModel(spec)) return spec;
  const resolved = resolveModelSpec(spec);
  const apiKey = apiKeyFor(resolved, overrides);
  const temperature = overrides.temperature ?? resolved.temperature ?? DEFAULTS.model.temperature;
  const seed = overrides.seed ?? resolved.seed;
  const maxRetries = overrides.maxRetries ?? resolved.maxRetries ?? DEFAULTS.model.maxRetries;
  const timeout = overrides.timeoutMs ?? resolved.timeoutMs ?? DEFAULTS.model.timeoutMs;
  const fields = {
    model: resolved.model,
    apiKey,
    temperature,
    timeout,
    maxRetries,
    configuration: resolved.baseURL ? { baseURL: resolved.baseURL } : {},
  };
  const caller = () =>
    new RetryingCaller({
      maxRetries,
      baseDelayMs: overrides.retryBaseDelayMs ?? DEFAULTS.model.retryBaseDelayMs,
      maxDelayMs: DEFAULTS.model.retryMaxDelayMs,
      maxRetryAfterMs: DEFAULTS.model.maxRetryAfterMs,
      label: { model: resolved.model, baseURL: resolved.baseURL },
      ...(overrides.requestGate && { gate: overrides.requestGate }),
    });

  let model: BaseChatOpenAI<any>;
  if (resolved.provider === "openai" && resolved.baseURL === undefined) {
    // OpenAI proper may need the Responses API for some models; both inner
    // clients get the retrying caller because ChatOpenAI delegates to them.
    // The Responses API has no seed parameter, so only the completions side gets it.
    const completions = new ChatOpenAICompletions({ ...fields, modelKwargs: seed !== undefined ? { seed } : undefined });
    const responses = new ChatOpenAIResponses(fields);
    completions.caller = caller();
    responses.caller = caller();
    model = new ChatOpenAI({ ...fields, completions, responses });
  } else {
    model = new ChatOpenAICompletions({ ...fields, modelKwargs: seed !== undefined ? { seed } : undefined });
  }
  model.caller = caller();
  if (overrides.cache) attachResponseCache(model, overrides.cache, resolved.baseURL);
  return model;
}
