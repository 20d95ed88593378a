import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";
import { importProviderClass } from "./providers.js";
import type { ResolvedModelSpec } from "./spec.js";

/** What `createModel` settled for one client: the spec plus overrides and defaults. */
export interface ClientSettings {
  resolved: ResolvedModelSpec;
  /** The spec text for error messages (no secrets). */
  label: string;
  /** Undefined: let the client read its own environment variable. */
  apiKey?: string;
  temperature: number;
  seed?: number;
  timeoutMs: number;
  maxRetries: number;
}

/** A built provider client and how its requests look on the wire (the response cache keys by that). */
export interface BuiltClient {
  client: BaseChatModel;
  /** Every LangChain client whose requests go through its AsyncCaller (all but ChatOllama). */
  callers: BaseChatModel[];
  wireMessages: (messages: BaseMessage[]) => unknown;
}

type Ctor = new (fields: Record<string, unknown>) => BaseChatModel;

/** Provider-neutral rendering of messages: what the model is told, without LangGraph's random message ids. */
function neutralMessages(messages: BaseMessage[]): unknown {
  return messages.map((m) => {
    const { tool_calls, tool_call_id, name } = m as { tool_calls?: { name: string; args: unknown; id?: string }[]; tool_call_id?: string; name?: string };
    return {
      type: m.getType(),
      content: m.content,
      ...(tool_calls?.length && { tool_calls: tool_calls.map((c) => ({ name: c.name, args: c.args, id: c.id })) }),
      ...(tool_call_id !== undefined && { tool_call_id }),
      ...(name !== undefined && { name }),
    };
  });
}

async function buildOpenAI(s: ClientSettings): Promise<BuiltClient> {
  const { ChatOpenAI, ChatOpenAICompletions, ChatOpenAIResponses, convertMessagesToCompletionsMessageParams } = await import("@langchain/openai");
  const { resolved } = s;
  const fields = {
    model: resolved.model,
    apiKey: s.apiKey,
    temperature: s.temperature,
    timeout: s.timeoutMs,
    maxRetries: s.maxRetries,
    configuration: resolved.baseURL ? { baseURL: resolved.baseURL } : {},
  };
  const modelKwargs = s.seed !== undefined ? { seed: s.seed } : undefined;
  const wireMessages = (messages: BaseMessage[]) => convertMessagesToCompletionsMessageParams({ messages, model: resolved.model });
  if (resolved.provider === "openai" && resolved.baseURL === undefined) {
    // OpenAI proper may need the Responses API for some models; ChatOpenAI
    // delegates to these two, so both carry the retry policy. The Responses
    // API has no seed parameter, so only the completions side gets it.
    const completions = new ChatOpenAICompletions({ ...fields, modelKwargs });
    const responses = new ChatOpenAIResponses(fields);
    const client = new ChatOpenAI({ ...fields, completions, responses });
    return { client, callers: [client, completions, responses], wireMessages };
  }
  // Other servers always get Chat Completions: ChatOpenAI silently switches
  // to the Responses API for some model names, which they do not implement.
  const client = new ChatOpenAICompletions({ ...fields, modelKwargs });
  return { client, callers: [client], wireMessages };
}

/**
 * A client that takes the usual LangChain fields and sends its requests
 * through its AsyncCaller; `extra` holds the provider's own fields (where
 * its base URL goes, its timeout).
 */
async function buildStandard(s: ClientSettings, extra: Record<string, unknown> = {}): Promise<BuiltClient> {
  const Client = await importProviderClass<Ctor>(s.resolved.provider, s.label);
  const client = new Client({
    model: s.resolved.model,
    temperature: s.temperature,
    maxRetries: s.maxRetries,
    ...(s.apiKey !== undefined && { apiKey: s.apiKey }),
    ...extra,
  });
  return { client, callers: [client], wireMessages: neutralMessages };
}

/** Per-request timeout for ChatOllama, which has no timeout setting but takes a fetch. */
function fetchWithTimeout(ms: number): typeof fetch {
  return (input, init) => {
    const signals = [AbortSignal.timeout(ms), ...(init?.signal ? [init.signal] : [])];
    return fetch(input, { ...init, signal: AbortSignal.any(signals) });
  };
}

async function buildOllama(s: ClientSettings): Promise<BuiltClient> {
  const ChatOllama = await importProviderClass<Ctor>("ollama", s.label);
  // OLLAMA_BASE_URL used to point at the OpenAI-compatible /v1 API; ChatOllama wants the server root.
  const envURL = process.env.OLLAMA_BASE_URL?.trim().replace(/\/+$/, "").replace(/\/v1$/, "");
  const baseUrl = s.resolved.baseURL ?? (envURL || undefined);
  const client = new ChatOllama({
    model: s.resolved.model,
    temperature: s.temperature,
    ...(s.seed !== undefined && { seed: s.seed }),
    ...(baseUrl !== undefined && { baseUrl }),
    ...(s.apiKey !== undefined && { headers: { Authorization: `Bearer ${s.apiKey}` } }),
    fetch: fetchWithTimeout(s.timeoutMs),
  });
  return { client, callers: [], wireMessages: neutralMessages };
}

/**
 * Imports the provider's package and builds its LangChain client. Called on
 * a model's first request, never at import time.
 */
export function buildClient(s: ClientSettings): Promise<BuiltClient> {
  switch (s.resolved.provider) {
    case "openai":
    case "openai-compatible":
      return buildOpenAI(s);
    case "anthropic":
      return buildStandard(s, { ...(s.resolved.baseURL !== undefined && { anthropicApiUrl: s.resolved.baseURL }), clientOptions: { timeout: s.timeoutMs } });
    case "google-genai":
      return buildStandard(s, s.resolved.baseURL !== undefined ? { baseUrl: s.resolved.baseURL } : {});
    case "ollama":
      return buildOllama(s);
    default:
      return buildStandard(s);
  }
}
