import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { CallbackManager } from "@langchain/core/callbacks/manager";
import { AIMessage } from "@langchain/core/messages";
import { RunnableLambda } from "@langchain/core/runnables";
import { fakeModel } from "@langchain/core/testing";
import { describe, expect, it } from "vitest";
import { withUsageCounter } from "../../src/training/index.js";

const reply = (input: number, output: number, cache?: string) =>
  new AIMessage({
    content: "ok",
    usage_metadata: { input_tokens: input, output_tokens: output, total_tokens: input + output },
    ...(cache ? { response_metadata: { toolforge_cache: cache } } : {}),
  });

/** A handler that counts the model calls it saw end. */
class Ends extends BaseCallbackHandler {
  name = "ends";
  count = 0;
  override handleLLMEnd(): void {
    this.count++;
  }
}

describe("withUsageCounter", () => {
  it("sums the tokens of every model call made under the config, counting cache hits apart, even inside other runnables", async () => {
    const model = fakeModel().respond(reply(10, 2)).respond(reply(5, 1, "hit")).respond(new AIMessage("no usage reported")).respond(reply(1, 1));
    const { config, usage } = withUsageCounter({});
    await model.invoke("a", config);
    await model.invoke("b", config);
    await model.invoke("c", config);
    // A model called from inside a chain still reports to the counter.
    await RunnableLambda.from(async (x: string, inner) => model.invoke(x, inner)).invoke("d", config);
    expect(usage()).toEqual({ inputTokens: 11, outputTokens: 3, totalTokens: 14, cachedTokens: 6 });
  });

  it("keeps the caller's callbacks, given as a list or as a manager, without changing them", async () => {
    const listed = new Ends();
    const fromList = withUsageCounter({ callbacks: [listed] });
    await fakeModel().respond(reply(3, 1)).invoke("a", fromList.config);
    expect(listed.count).toBe(1);
    expect(fromList.usage().totalTokens).toBe(4);

    const managed = new Ends();
    const manager = new CallbackManager();
    manager.addHandler(managed, true);
    const fromManager = withUsageCounter({ callbacks: manager });
    const model = fakeModel().respond(reply(2, 2)).respond(reply(7, 0));
    await RunnableLambda.from(async (x: string, inner) => model.invoke(x, inner)).invoke("a", fromManager.config);
    expect(managed.count).toBe(1);
    expect(fromManager.usage().totalTokens).toBe(4);
    // The caller's own manager does not count into this counter.
    expect(manager.handlers).toEqual([managed]);
    await model.invoke("b", { callbacks: manager });
    expect(fromManager.usage().totalTokens).toBe(4);
  });

  it("hands out copies of the usage", async () => {
    const { config, usage } = withUsageCounter({});
    await fakeModel().respond(reply(1, 1)).invoke("a", config);
    const first = usage();
    first.totalTokens = 1000;
    expect(usage().totalTokens).toBe(2);
  });
});
