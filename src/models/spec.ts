import { DEFAULTS } from "../defaults.js";
import { ModelSpecError } from "./errors.js";
import type { ModelSpec } from "./types.js";

/**
 * A ModelSpec after parsing and environment lookup.
 *
 * @example
 * import { resolveModelSpec, type ResolvedModelSpec } from "toolforge";
 * const r: ResolvedModelSpec = resolveModelSpec("ollama:llama3.1"); // { provider: "ollama", model: "llama3.1", ... }
 */
export interface ResolvedModelSpec {
  provider: "openai" | "ollama" | "openai-compatible";
  model: string;
  /** Undefined only for OpenAI proper (the SDK's default endpoint). */
  baseURL?: string;
  apiKey?: string;
  temperature?: number;
  seed?: number;
  timeoutMs?: number;
  maxRetries?: number;
}

const ACCEPTED =
  'accepted forms are "openai:<model>", "ollama:<model>", or { baseURL, model, apiKey? } for any OpenAI-compatible server';

function envValue(name: string): string | undefined {
  const v = process.env[name];
  return v === undefined || v.trim() === "" ? undefined : v.trim();
}

/**
 * Parses a {@link ModelSpec} and fills in what the environment provides
 * (`OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OLLAMA_BASE_URL`). Does not check
 * API keys; `createModel` does that when it builds the client.
 *
 * @example
 * import { resolveModelSpec } from "toolforge";
 * resolveModelSpec("ollama:llama3.1").baseURL; // "http://localhost:11434/v1" unless OLLAMA_BASE_URL is set
 */
export function resolveModelSpec(spec: ModelSpec): ResolvedModelSpec {
  if (typeof spec === "string") {
    const match = /^([a-z][a-z0-9-]*):(.+)$/i.exec(spec.trim());
    const provider = match?.[1]!.toLowerCase();
    const model = match?.[2]!.trim();
    if (provider === "openai" && model) {
      return { provider, model, baseURL: envValue("OPENAI_BASE_URL"), apiKey: envValue("OPENAI_API_KEY") };
    }
    if (provider === "ollama" && model) {
      return { provider, model, baseURL: envValue("OLLAMA_BASE_URL") ?? DEFAULTS.model.ollamaBaseURL, apiKey: "ollama" };
    }
    throw new ModelSpecError("E_MODEL_SPEC", `Unknown model spec "${spec}": ${ACCEPTED}`, { spec });
  }
  if (typeof spec !== "object" || spec === null) {
    throw new ModelSpecError("E_MODEL_SPEC", `Model spec must be a string or an object, got ${typeof spec}: ${ACCEPTED}`, {
      spec: String(spec),
    });
  }
  for (const field of ["baseURL", "model"] as const) {
    if (typeof spec[field] !== "string" || spec[field].trim() === "") {
      throw new ModelSpecError("E_MODEL_SPEC", `Model spec object is missing "${field}" (a non-empty string): ${ACCEPTED}`, {
        field,
        spec: { ...spec, apiKey: spec.apiKey === undefined ? undefined : "[redacted]" },
      });
    }
  }
  try {
    new URL(spec.baseURL);
  } catch {
    throw new ModelSpecError("E_MODEL_SPEC", `Model spec baseURL "${spec.baseURL}" is not a valid URL (expected e.g. http://localhost:8000/v1)`, {
      field: "baseURL",
      baseURL: spec.baseURL,
    });
  }
  const { baseURL, model, apiKey, temperature, seed, timeoutMs, maxRetries } = spec;
  return { provider: "openai-compatible", baseURL: baseURL.replace(/\/+$/, ""), model, apiKey, temperature, seed, timeoutMs, maxRetries };
}
