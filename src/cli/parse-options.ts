import { InvalidArgumentError } from "commander";
import { providerInfo } from "../models/providers.js";
import type { ModelSpec } from "../models/types.js";

/**
 * A commander argument parser for integers ≥ `min`, so `--max-steps abc`
 * fails as a usage error (exit 2) naming the flag and the value.
 *
 * @example
 * import { Command } from "commander";
 * import { integerOption } from "toolforge";
 * new Command().option("--max-steps <n>", "steps", integerOption(1));
 */
export function integerOption(min: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`expected an integer, got "${value}".`);
    if (n < min) throw new InvalidArgumentError(`expected an integer ≥ ${min}, got ${n}.`);
    return n;
  };
}

/**
 * A commander argument parser for positive numbers (budgets in USD or tokens).
 *
 * @example
 * import { positiveNumberOption } from "toolforge";
 * positiveNumberOption("0.5"); // 0.5
 */
export function positiveNumberOption(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected a positive number, got "${value}".`);
  return n;
}

/**
 * Parses a `--model` value: `"<provider>:<model>"` (LangChain's
 * `initChatModel` prefixes), `"openai-compatible:<model>@<baseURL>"`, a JSON
 * object `{ "baseURL": ..., "model": ... }` (or `{ "provider", "model", … }`),
 * or `"scripted:demo"` (the offline scripted models). Full validation
 * (known provider, installed package, API key) happens in `createModel`.
 *
 * @example
 * import { modelSpecOption } from "toolforge";
 * modelSpecOption('{"baseURL":"http://127.0.0.1:8000/v1","model":"m"}'); // { baseURL: ..., model: "m" }
 */
export function modelSpecOption(value: string): ModelSpec {
  const v = value.trim();
  if (v.startsWith("{")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      throw new InvalidArgumentError(`not valid JSON: ${value}`);
    }
    const fields = parsed as { baseURL?: unknown; model?: unknown; provider?: unknown } | null;
    const located = typeof fields?.baseURL === "string" || typeof fields?.provider === "string";
    if (typeof parsed !== "object" || fields === null || !located || typeof fields.model !== "string") {
      throw new InvalidArgumentError(`a JSON model spec needs string fields "baseURL" (or "provider") and "model".`);
    }
    return parsed as ModelSpec;
  }
  // scripted:demo is the CLI's offline stand-in (src/demo/scripted-models.ts), resolved by the command.
  const provider = /^([a-z][a-z0-9_-]*):\S+$/i.exec(v)?.[1]?.toLowerCase();
  if (v !== "scripted:demo" && (provider === undefined || providerInfo(provider) === undefined)) {
    throw new InvalidArgumentError(
      `expected "<provider>:<model>" (e.g. "openai:gpt-4o", "anthropic:claude-sonnet-4-5", "ollama:llama3.1"), "openai-compatible:<model>@<baseURL>", a JSON object {"baseURL","model"}, or "scripted:demo" (offline, scripted), got "${value}".`,
    );
  }
  return v;
}

/**
 * A budget flag: `<n>` tokens, `<n>tok`, or `$<x>` / `<x>usd` dollars.
 *
 * @example
 * import { budgetOption } from "toolforge";
 * budgetOption("200000"); // { maxTokens: 200000 }
 * budgetOption("$2.5");  // { maxCostUsd: 2.5 }
 */
export function budgetOption(value: string): { maxTokens?: number; maxCostUsd?: number } {
  const v = value.trim().toLowerCase();
  const usd = /^\$(\d+(?:\.\d+)?)$/.exec(v) ?? /^(\d+(?:\.\d+)?)\s*usd$/.exec(v);
  if (usd) return { maxCostUsd: positiveNumberOption(usd[1]!) };
  const tok = /^(\d+)\s*(?:tok|tokens)?$/.exec(v);
  if (tok) return { maxTokens: integerOption(1)(tok[1]!) };
  throw new InvalidArgumentError(`expected a token count (e.g. 200000) or a dollar amount (e.g. $2.50), got "${value}".`);
}

/**
 * A repeatable `--price <model>=<input>/<output>` flag (USD per million
 * tokens), accumulated into the `prices` map of a training budget.
 *
 * @example
 * import { priceOption } from "toolforge";
 * priceOption("gpt-4o=2.5/10", {}); // { "gpt-4o": { inputPerMTok: 2.5, outputPerMTok: 10 } }
 */
export function priceOption(value: string, previous: Record<string, { inputPerMTok: number; outputPerMTok: number }> = {}): Record<string, { inputPerMTok: number; outputPerMTok: number }> {
  const m = /^([^=\s]+)=(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError(`expected <model>=<input $/Mtok>/<output $/Mtok>, e.g. gpt-4o=2.5/10, got "${value}".`);
  return { ...previous, [m[1]!]: { inputPerMTok: Number(m[2]), outputPerMTok: Number(m[3]) } };
}
