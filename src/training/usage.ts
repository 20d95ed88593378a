import type { TokenUsage } from "../evaluation/types.js";
import type { ModelPrice, TrainingBudget, UsageByRole, UsageRole } from "./types.js";

/**
 * Zero usage for both roles.
 *
 * @example
 * import { emptyUsage } from "toolforge";
 * emptyUsage().agent.totalTokens; // 0
 */
export function emptyUsage(): UsageByRole {
  return { agent: zero(), optimizer: zero() };
}

function zero(): TokenUsage {
  return { inputTokens: 0, outputTokens: 0, totalTokens: 0, cachedTokens: 0 };
}

function add(a: TokenUsage, b: Partial<TokenUsage> | undefined): TokenUsage {
  return {
    inputTokens: a.inputTokens + (b?.inputTokens ?? 0),
    outputTokens: a.outputTokens + (b?.outputTokens ?? 0),
    totalTokens: a.totalTokens + (b?.totalTokens ?? (b?.inputTokens ?? 0) + (b?.outputTokens ?? 0)),
    cachedTokens: (a.cachedTokens ?? 0) + (b?.cachedTokens ?? 0),
  };
}

/**
 * Adds per-role usage (the reducer of the graph's `usage` channel).
 *
 * @example
 * import { addUsage, emptyUsage } from "toolforge";
 * addUsage(emptyUsage(), { agent: { inputTokens: 3, outputTokens: 2, totalTokens: 5 } }).agent.totalTokens; // 5
 */
export function addUsage(a: UsageByRole, b: Partial<Record<UsageRole, Partial<TokenUsage>>>): UsageByRole {
  return { agent: add(a.agent, b.agent), optimizer: add(a.optimizer, b.optimizer) };
}

/** The price of a model by its spec text or bare name (`"anthropic:claude-x"`, then `"claude-x"`; `"openai-compatible:m@http://…"`, then `"m"`). */
export function priceOf(prices: Record<string, ModelPrice> | undefined, model: string | undefined): ModelPrice | undefined {
  if (!prices || !model) return undefined;
  // A spec such as "openai:gpt-4o" is priced by its full text first, then by the bare model name.
  const bare = model.slice(model.indexOf(":") + 1).replace(/@https?:\/\/[^@]*$/i, "");
  return prices[model] ?? prices[bare];
}

/**
 * USD cost of the usage, or `undefined` when no role has a known price.
 *
 * @example
 * import { costOf } from "toolforge";
 * costOf({ agent: { inputTokens: 1e6, outputTokens: 0, totalTokens: 1e6 }, optimizer: { inputTokens: 0, outputTokens: 0, totalTokens: 0 } },
 *   { "gpt-4o": { inputPerMTok: 2.5, outputPerMTok: 10 } }, { agent: "gpt-4o" }); // 2.5
 */
export function costOf(
  usage: UsageByRole,
  prices: Record<string, ModelPrice> | undefined,
  modelNames: Partial<Record<UsageRole, string>> = {},
): number | undefined {
  let cost: number | undefined;
  for (const role of ["agent", "optimizer"] as const) {
    const price = priceOf(prices, modelNames[role]);
    if (!price) continue;
    const u = usage[role];
    cost = (cost ?? 0) + (u.inputTokens * price.inputPerMTok + u.outputTokens * price.outputPerMTok) / 1e6;
  }
  return cost;
}

/**
 * True when the usage has reached the budget's token or cost limit.
 *
 * @example
 * import { budgetExceeded, emptyUsage } from "toolforge";
 * budgetExceeded(emptyUsage(), { maxTokens: 0 }); // true
 */
export function budgetExceeded(
  usage: UsageByRole,
  budget: TrainingBudget | undefined,
  modelNames: Partial<Record<UsageRole, string>> = {},
): boolean {
  if (!budget) return false;
  const tokens = usage.agent.totalTokens + usage.optimizer.totalTokens;
  if (budget.maxTokens !== undefined && tokens >= budget.maxTokens) return true;
  if (budget.maxCostUsd !== undefined) {
    const cost = costOf(usage, budget.prices, modelNames);
    if (cost !== undefined && cost >= budget.maxCostUsd) return true;
  }
  return false;
}
