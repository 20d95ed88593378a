import { isScriptedModelSpec } from "../demo/scripted-models.js";
import { resolveModelSpec } from "../models/spec.js";
import type { ModelSpec } from "../models/types.js";
import type { ModelPrice } from "../training/types.js";
import { priceOf } from "../training/usage.js";

/**
 * The one table of model prices `toolforge reproduce` estimates and budgets
 * with: USD per million input / output tokens, OpenAI's list prices as of
 * 2025 (check https://openai.com/api/pricing before trusting a budget on
 * them). `--prices gpt-4o=2.5/10,…` overrides or extends it. Local servers
 * (`ollama:`, a JSON spec on localhost / 127.x / ::1) and `scripted:demo`
 * cost nothing; any other model without a price has an unknown cost.
 *
 * @example
 * import { MODEL_PRICES } from "toolforge";
 * console.log(MODEL_PRICES["gpt-4o"]); // { inputPerMTok: 2.5, outputPerMTok: 10 }
 */
export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  "gpt-4-1106-preview": { inputPerMTok: 10, outputPerMTok: 30 },
  "gpt-4-turbo": { inputPerMTok: 10, outputPerMTok: 30 },
  "gpt-4": { inputPerMTok: 30, outputPerMTok: 60 },
  "gpt-3.5-turbo-1106": { inputPerMTok: 1, outputPerMTok: 2 },
  "gpt-3.5-turbo": { inputPerMTok: 0.5, outputPerMTok: 1.5 },
  "gpt-4o": { inputPerMTok: 2.5, outputPerMTok: 10 },
  "gpt-4o-mini": { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  "gpt-4.1": { inputPerMTok: 2, outputPerMTok: 8 },
  "gpt-4.1-mini": { inputPerMTok: 0.4, outputPerMTok: 1.6 },
  "gpt-4.1-nano": { inputPerMTok: 0.1, outputPerMTok: 0.4 },
  "o3-mini": { inputPerMTok: 1.1, outputPerMTok: 4.4 },
};

const FREE: ModelPrice = { inputPerMTok: 0, outputPerMTok: 0 };

function isLocalURL(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
    return host === "localhost" || host === "::1" || /^127\./.test(host);
  } catch {
    return false;
  }
}

/**
 * The price of a model spec: `overrides` (by spec text or bare model name)
 * first, then free for local and scripted models, then {@link MODEL_PRICES};
 * `undefined` when unknown.
 *
 * @example
 * import { priceOfSpec } from "toolforge";
 * priceOfSpec("openai:gpt-4o");   // { inputPerMTok: 2.5, outputPerMTok: 10 }
 * priceOfSpec("ollama:llama3.1"); // { inputPerMTok: 0, outputPerMTok: 0 }
 */
export function priceOfSpec(spec: ModelSpec, overrides: Record<string, ModelPrice> = {}): ModelPrice | undefined {
  const given = priceOf(overrides, typeof spec === "string" ? spec.trim() : spec.model);
  if (given) return given;
  if (isScriptedModelSpec(spec)) return FREE;
  const resolved = resolveModelSpec(spec);
  if (resolved.provider === "ollama" || isLocalURL(resolved.baseURL)) return FREE;
  return MODEL_PRICES[resolved.model];
}

/**
 * The model name a spec's requests carry (what the request gate reports), for pricing live usage.
 *
 * @example
 * import { modelNameOf } from "./model-prices.js";
 * modelNameOf("openai:gpt-4o"); // "gpt-4o"
 */
export function modelNameOf(spec: ModelSpec): string {
  return isScriptedModelSpec(spec) ? spec.trim() : resolveModelSpec(spec).model;
}
