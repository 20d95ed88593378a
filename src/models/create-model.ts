import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { DEFAULTS } from "../defaults.js";
import { ModelSpecError } from "./errors.js";
import { ProviderChatModel } from "./provider-chat-model.js";
import { assertProviderInstalled, providerInfo } from "./providers.js";
import { resolveModelSpec, type ResolvedModelSpec } from "./spec.js";
import type { ModelOverrides, ModelSpec } from "./types.js";

/** Sent to servers that need no key, so no SDK falls back to its environment key and leaks it to another host. */
const NO_KEY = "not-needed";

function isChatModel(value: unknown): value is BaseChatModel {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as BaseChatModel).invoke === "function" &&
    typeof (value as BaseChatModel)._generate === "function"
  );
}

function specLabel(spec: ModelSpec, resolved: ResolvedModelSpec): string {
  return typeof spec === "string" ? spec.trim() : `${resolved.provider}:${resolved.model}`;
}

/**
 * The key to hand the client. A spec with its own `baseURL` gets only its
 * inline key (or none): a provider's environment key belongs to that
 * provider's host. Otherwise the client reads its own variable, which is
 * checked here so a missing key fails before any work.
 */
function apiKeyFor(resolved: ResolvedModelSpec, overrides: ModelOverrides, label: string): string | undefined {
  const given = overrides.apiKey ?? resolved.apiKey;
  if (given) return given;
  const envBaseURL = resolved.provider === "openai" && resolved.baseURL !== undefined;
  if (resolved.baseURL !== undefined && !envBaseURL) return NO_KEY;
  const keyEnv = providerInfo(resolved.provider)?.keyEnv;
  if (!keyEnv) return undefined;
  const found = keyEnv.map((name) => process.env[name]?.trim()).find(Boolean);
  if (found) return found;
  if (envBaseURL) return NO_KEY;
  throw new ModelSpecError(
    "E_MODEL_API_KEY",
    `Model "${label}" needs an API key: set the ${keyEnv.join(" or ")} environment variable or pass { apiKey } to createModel`,
    { spec: label, env: keyEnv[0] },
  );
}

/**
 * Builds a LangChain chat model from a {@link ModelSpec}.
 *
 * - `"<provider>:<model>"` with the provider prefixes of LangChain's
 *   `initChatModel` (`MODEL_PROVIDERS`): `openai` → `ChatOpenAI` (the Chat
 *   Completions client at `OPENAI_BASE_URL` when that is set), `anthropic`
 *   → `ChatAnthropic`, `google-genai` → `ChatGoogleGenerativeAI`, `ollama`
 *   → `ChatOllama` (`OLLAMA_BASE_URL`, default `http://127.0.0.1:11434`), …
 *   Their packages are optional peer dependencies: a missing one is a
 *   `ModelSpecError` (`E_MODEL_PROVIDER_PACKAGE`) naming the package to install.
 * - `"openai-compatible:<model>@<baseURL>"` or `{ baseURL, model, apiKey? }`
 *   → Chat Completions client for any OpenAI-compatible server (vLLM,
 *   llama.cpp, LM Studio, Ollama's `/v1`).
 * - `{ provider, model, baseURL?, apiKey? }` → that provider's client at
 *   your own host (openai, anthropic, google-genai, ollama).
 * - an already-built `BaseChatModel` is returned unchanged.
 *
 * The result is a {@link ProviderChatModel}: the provider's package is
 * imported on the first request, not here (the spec, the key and the
 * package's presence are checked here). Requests time out after
 * `timeoutMs` and are retried (429 honouring `Retry-After`, 5xx, timeouts,
 * dropped connections) up to `maxRetries` times with exponential backoff;
 * then a `ModelRequestError` is thrown. Overrides win over the spec, which
 * wins over `DEFAULTS.model`.
 *
 * @example
 * import { createModel } from "toolforge";
 * const agentModel = createModel("openai-compatible:llama3.1@http://localhost:11434/v1");
 * const optimizerModel = createModel({ baseURL: "http://localhost:8000/v1", model: "Qwen/Qwen2.5-72B-Instruct" }, { temperature: 0.7 });
 * const reply = await agentModel.invoke("What is 2 + 2?");
 */
export function createModel(spec: ModelSpec | BaseChatModel, overrides: ModelOverrides = {}): BaseChatModel {
  if (isChatModel(spec)) return spec;
  const resolved = resolveModelSpec(spec);
  const label = specLabel(spec, resolved);
  assertProviderInstalled(resolved.provider, label);
  const maxRetries = overrides.maxRetries ?? resolved.maxRetries ?? DEFAULTS.model.maxRetries;
  return new ProviderChatModel({
    settings: {
      resolved,
      label,
      apiKey: apiKeyFor(resolved, overrides, label),
      temperature: overrides.temperature ?? resolved.temperature ?? DEFAULTS.model.temperature,
      seed: overrides.seed ?? resolved.seed,
      timeoutMs: overrides.timeoutMs ?? resolved.timeoutMs ?? DEFAULTS.model.timeoutMs,
      maxRetries,
    },
    retry: {
      baseDelayMs: overrides.retryBaseDelayMs ?? DEFAULTS.model.retryBaseDelayMs,
      maxDelayMs: DEFAULTS.model.retryMaxDelayMs,
      maxRetryAfterMs: DEFAULTS.model.maxRetryAfterMs,
      label: { model: resolved.model, baseURL: resolved.baseURL },
      ...(overrides.requestGate && { gate: overrides.requestGate }),
    },
    cache: overrides.cache,
  });
}
