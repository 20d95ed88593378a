import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { isScriptedModelSpec } from "../demo/scripted-models.js";
import { createModel } from "../models/create-model.js";
import { describeModel } from "../models/describe-model.js";
import { ProviderChatModel } from "../models/provider-chat-model.js";
import type { ModelSpec } from "../models/types.js";
import { ReproduceError } from "./errors.js";

/**
 * Whether LangChain says a model can call tools: it must have `bindTools`,
 * and its model profile (`model.profile.toolCalling`, from LangChain's
 * provider data) must not say `false`. Unknown models (no profile, e.g. a
 * local server) are assumed able to.
 *
 * @example
 * import { createModel } from "toolforge";
 * import { supportsToolCalling } from "./tool-calling.js";
 * supportsToolCalling(createModel("openai:o1-mini", { apiKey: "sk-…" })); // false
 */
export function supportsToolCalling(model: BaseChatModel): boolean {
  if (typeof (model as { bindTools?: unknown }).bindTools !== "function") return false;
  const profile = (model as { profile?: { toolCalling?: boolean } }).profile;
  return profile?.toolCalling !== false;
}

/**
 * Refuses, before anything is spent, a model that must call tools — the
 * tool-calling ("GPT-4+") agent's, and the optimizer's, whose actions are
 * tool calls — when LangChain says it cannot. `scripted:demo` can. The
 * profile is the provider client's, built (not called) here: `createModel`
 * returns a lazy wrapper that has none of its own.
 *
 * @example
 * import { assertToolCalling } from "./tool-calling.js";
 * await assertToolCalling("openai:gpt-4o", "--model (tool-calling agent)");
 */
export async function assertToolCalling(spec: ModelSpec, role: string): Promise<void> {
  if (isScriptedModelSpec(spec)) return;
  const model = createModel(spec);
  if (supportsToolCalling(model instanceof ProviderChatModel ? await model.client() : model)) return;
  throw new ReproduceError(
    "E_REPRODUCE_TOOLS",
    `${role}: ${describeModel(spec)} does not support tool calling (LangChain's model profile says so); ` +
      `choose a model that does, or run only the ReAct cells (--cells '*.react') with it as the agent`,
    { model: typeof spec === "string" ? spec : spec.model, role },
  );
}
