import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { CallbackManager } from "@langchain/core/callbacks/manager";
import type { AIMessage } from "@langchain/core/messages";
import type { LLMResult } from "@langchain/core/outputs";
import type { RunnableConfig } from "@langchain/core/runnables";
import { addUsage, messageUsage } from "../evaluation/records.js";
import type { TokenUsage } from "../evaluation/types.js";

/** Sums the billed (and, apart, the cached) token usage of every chat-model call it sees. */
class UsageCounter extends BaseCallbackHandler {
  name = "toolforge_usage_counter";
  usage: TokenUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0, cachedTokens: 0 };

  override handleLLMEnd(output: LLMResult): void {
    for (const generations of output.generations) {
      for (const generation of generations) {
        const message = (generation as { message?: AIMessage }).message;
        if (message?.usage_metadata) this.usage = addUsage(this.usage, messageUsage(message.usage_metadata, message.response_metadata));
      }
    }
  }
}

/**
 * A copy of `config` whose callbacks also count the tokens of every model
 * call made under it (from `usage_metadata`), keeping the parent's
 * callbacks (tracing, streaming) intact. Used to attribute optimizer tokens.
 *
 * @example
 * import { withUsageCounter } from "toolforge";
 * const { config, usage } = withUsageCounter({});
 * await model.invoke("hi", config);
 * console.log(usage().totalTokens);
 */
export function withUsageCounter<C extends RunnableConfig>(config: C): { config: C; usage: () => TokenUsage } {
  const counter = new UsageCounter();
  const callbacks = config.callbacks;
  let merged: RunnableConfig["callbacks"];
  if (!callbacks) merged = [counter];
  else if (Array.isArray(callbacks)) merged = [...callbacks, counter];
  else {
    const manager = (callbacks as CallbackManager).copy();
    manager.addHandler(counter, true);
    merged = manager;
  }
  return { config: { ...config, callbacks: merged }, usage: () => ({ ...counter.usage }) };
}
