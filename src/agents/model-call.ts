import type { BaseMessage } from "@langchain/core/messages";
import type { AIMessage } from "@langchain/core/messages";
import type { Runnable, RunnableConfig } from "@langchain/core/runnables";
import { ModelCallError } from "./errors.js";

/**
 * Calls the model, turning failures into a {@link ModelCallError} (so that a
 * dead server is a recorded task failure, not a crash). Aborts pass through.
 */
export async function callModel(
  model: Runnable<BaseMessage[], AIMessage>,
  messages: BaseMessage[],
  config: RunnableConfig | undefined,
  step: number,
): Promise<AIMessage> {
  try {
    return await model.invoke(messages, config);
  } catch (e) {
    if (config?.signal?.aborted) throw e;
    const reason = e instanceof Error ? e.message : String(e);
    throw new ModelCallError("E_MODEL_CALL", `model call failed at step ${step}: ${reason}`, { step }, { cause: e });
  }
}
