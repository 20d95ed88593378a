import { ModelSpecError } from "./errors.js";
import { providerInfo, type ModelProviderName } from "./providers.js";
import type { ModelSpec } from "./types.js";

/**
 * A ModelSpec after parsing and environment lookup.
 *
 * @example
 * import { resolveModelSpec, type ResolvedModelSpec } from "toolforge";
 * const r: ResolvedModelSpec = resolveModelSpec("anthropic:claude-sonnet-4-5"); // { provider: "anthropic", model: "claude-sonnet-4-5" }
 */
export interface ResolvedModelSpec {
  provider: ModelProviderName;
  model: string;
  /** Set for `openai-compatible` (always), for an object spec that names one, and for `openai:` when `OPENAI_BASE_URL` is set. */
  baseURL?: string;
  /** An inline key (object specs): sent only to `baseURL`. */
  apiKey?: string;
  temperature?: number;
  seed?: number;
  timeoutMs?: number;
  maxRetries?: number;
}

const ACCEPTED =
  'accepted forms are "<provider>:<model>" as in LangChain\'s initChatModel (e.g. "openai:gpt-4o", "anthropic:claude-sonnet-4-5", "google-genai:gemini-2.5-flash", "ollama:llama3.1"), ' +
  '"openai-compatible:<model>@<baseURL>", or { baseURL, model, apiKey? } for any OpenAI-compatible server';

function envValue(name: string): string | undefined {
  const v = process.env[name];
  return v === undefined || v.trim() === "" ? undefined : v.trim();
}

function checkedURL(baseURL: string, spec: unknown): string {
  try {
    new URL(baseURL);
  } catch {
    throw new ModelSpecError("E_MODEL_SPEC", `Model spec baseURL "${baseURL}" is not a valid URL (expected e.g. http://localhost:8000/v1)`, {
      field: "baseURL",
      baseURL,
      spec: typeof spec === "string" ? spec : undefined,
    });
  }
  return baseURL.replace(/\/+$/, "");
}

/** `"<model>@<baseURL>"`: the model may itself contain "@", the URL starts at the last "@http". */
function splitCompatible(rest: string, spec: string): { model: string; baseURL: string } {
  const at = rest.search(/@https?:\/\/[^@]*$/i);
  const model = at > 0 ? rest.slice(0, at).trim() : "";
  if (!model) {
    throw new ModelSpecError("E_MODEL_SPEC", `Model spec "${spec}" must be "openai-compatible:<model>@<baseURL>", e.g. "openai-compatible:qwen2.5@http://localhost:8000/v1"`, {
      spec,
    });
  }
  return { model, baseURL: checkedURL(rest.slice(at + 1).trim(), spec) };
}

function resolveString(spec: string): ResolvedModelSpec {
  const match = /^([a-z][a-z0-9_-]*):(.+)$/i.exec(spec.trim());
  const provider = match?.[1]!.toLowerCase();
  const rest = match?.[2]!.trim();
  if (!provider || !rest || !providerInfo(provider)) throw new ModelSpecError("E_MODEL_SPEC", `Unknown model spec "${spec}": ${ACCEPTED}`, { spec });
  if (provider === "openai-compatible") return { provider, ...splitCompatible(rest, spec) };
  // OPENAI_BASE_URL moves OpenAI (and its key) to another host, as the OpenAI SDK does.
  if (provider === "openai") return { provider, model: rest, baseURL: envValue("OPENAI_BASE_URL") };
  return { provider: provider as ModelProviderName, model: rest };
}

/**
 * Parses a {@link ModelSpec}. Strings are `"<provider>:<model>"` with the
 * provider prefixes of LangChain's `initChatModel` (see `MODEL_PROVIDERS`),
 * or `"openai-compatible:<model>@<baseURL>"`; objects are `{ baseURL, model,
 * apiKey? }` (an OpenAI-compatible server) or `{ provider, model, baseURL?,
 * apiKey? }`. Does not check API keys or installed packages; `createModel`
 * does that.
 *
 * @example
 * import { resolveModelSpec } from "toolforge";
 * resolveModelSpec("openai-compatible:qwen@http://localhost:8000/v1"); // { provider: "openai-compatible", model: "qwen", baseURL: "http://localhost:8000/v1" }
 */
export function resolveModelSpec(spec: ModelSpec): ResolvedModelSpec {
  if (typeof spec === "string") return resolveString(spec);
  if (typeof spec !== "object" || spec === null) {
    throw new ModelSpecError("E_MODEL_SPEC", `Model spec must be a string or an object, got ${typeof spec}: ${ACCEPTED}`, {
      spec: String(spec),
    });
  }
  const redacted = { ...spec, apiKey: spec.apiKey === undefined ? undefined : "[redacted]" };
  const provider = (spec.provider ?? "openai-compatible") as ModelProviderName;
  const info = typeof provider === "string" ? providerInfo(provider) : undefined;
  if (!info) throw new ModelSpecError("E_MODEL_SPEC", `Model spec object has an unknown "provider" ${JSON.stringify(spec.provider)}: ${ACCEPTED}`, { field: "provider", spec: redacted });
  const required = provider === "openai-compatible" ? (["baseURL", "model"] as const) : (["model"] as const);
  for (const field of required) {
    if (typeof spec[field] !== "string" || spec[field]!.trim() === "") {
      throw new ModelSpecError("E_MODEL_SPEC", `Model spec object is missing "${field}" (a non-empty string): ${ACCEPTED}`, { field, spec: redacted });
    }
  }
  if (spec.baseURL !== undefined && !info.baseURL) {
    throw new ModelSpecError("E_MODEL_SPEC", `Model spec object: provider "${provider}" takes no "baseURL" here (supported for openai, openai-compatible, anthropic, google-genai and ollama)`, {
      field: "baseURL",
      spec: redacted,
    });
  }
  const { model, apiKey, temperature, seed, timeoutMs, maxRetries } = spec;
  const baseURL = spec.baseURL === undefined ? undefined : checkedURL(spec.baseURL, spec);
  return { provider, model, baseURL, apiKey, temperature, seed, timeoutMs, maxRetries };
}
