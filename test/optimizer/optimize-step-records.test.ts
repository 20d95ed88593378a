import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { fakeModel } from "@langchain/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOptimizeStepGraph, OptimizerError } from "../../src/optimizer/index.js";
import { OPTIMIZER_RECORDS_KEY, readsRecordsFromConfig } from "../../src/optimizer/optimize-step-graph.js";
import { createSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { addArgs, baseToolset, makeRecord } from "./fixtures.js";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ workers: 1 });
});
afterAll(async () => {
  await sandbox?.close();
});

const humanOf = (messages: readonly BaseMessage[]) => messages.filter((m) => HumanMessage.isInstance(m)).map((m) => m.text).join("\n");

describe("optimize step: records handed over in the config", () => {
  it("builds every turn's prompt from the config's records and previous scores, not the input's", async () => {
    const model = fakeModel()
      .respondWithTools([{ id: "a1", name: "add_function", args: addArgs("inc") }])
      .respond(new AIMessage("TERMINATE"));
    const graph = createOptimizeStepGraph({ model, sandbox });
    expect(readsRecordsFromConfig(graph)).toBe(true);
    const records = [makeRecord("from-config", 0, { calls: [{ name: "double", args: { x: 5 }, result: "10" }] })];
    const out = await graph.invoke(
      { step: 1, best: baseToolset().toJSON(), bestScore: 0, records: [makeRecord("from-input", 0)], failures: [] },
      { configurable: { [OPTIMIZER_RECORDS_KEY]: { records, previousScores: { "from-config": 1 } } } },
    );
    expect(out.stopReason).toBe("terminate");
    expect(model.calls).toHaveLength(2);
    for (const call of model.calls) {
      const human = humanOf(call.messages);
      expect(human).toContain("### Task from-config");
      expect(human).toContain("from-config | 0 | was 1");
      expect(human).not.toContain("from-input");
    }
  });

  it("is recognised only on graphs made by createOptimizeStepGraph", () => {
    expect(readsRecordsFromConfig({})).toBe(false);
    expect(readsRecordsFromConfig(null)).toBe(false);
    expect(readsRecordsFromConfig("graph")).toBe(false);
    expect(readsRecordsFromConfig({ [Symbol.for("toolforge.optimizer.recordsByConfig")]: "yes" })).toBe(false);
  });
});

describe("optimize step: usage, previous scores and bad input", () => {
  it("adds up the tokens of every model reply of the step", async () => {
    const usage = { input_tokens: 100, output_tokens: 20, total_tokens: 120 };
    const model = fakeModel()
      .respond(new AIMessage({ content: "", tool_calls: [{ id: "a1", name: "add_function", args: addArgs("inc"), type: "tool_call" }], usage_metadata: usage }))
      .respond(new AIMessage({ content: "TERMINATE", usage_metadata: usage }));
    const out = await createOptimizeStepGraph({ model, sandbox }).invoke({ step: 1, best: baseToolset().toJSON(), bestScore: 0, records: [], failures: [] });
    expect(out.usage).toEqual({ inputTokens: 200, outputTokens: 40, totalTokens: 240, cachedTokens: 0 });
  });

  it("marks tasks whose score changed since the previous best set, from the input's previous scores", async () => {
    const model = fakeModel().respond(new AIMessage("TERMINATE"));
    const records = [makeRecord("t1", 0), makeRecord("t2", 1)];
    await createOptimizeStepGraph({ model, sandbox }).invoke({ step: 1, best: baseToolset().toJSON(), bestScore: 0.5, records, failures: [], previousScores: { t1: 1, t2: 1 } });
    const human = humanOf(model.calls[0]!.messages);
    expect(human).toContain("t1 | 0 | was 1");
    expect(human).toContain("\nt2 | 1\n");
  });

  it("refuses an input without a best toolset", async () => {
    const graph = createOptimizeStepGraph({ model: fakeModel(), sandbox });
    await expect(graph.invoke({ step: 1, bestScore: 0, records: [], failures: [] } as never)).rejects.toThrow(OptimizerError);
    await expect(graph.invoke({ step: 1, bestScore: 0, records: [], failures: [] } as never)).rejects.toThrow("optimize step input has no `best` toolset");
  });

  it("tells the model what each applied action did to List B", async () => {
    const model = fakeModel()
      .respondWithTools([
        { id: "a1", name: "add_function", args: addArgs("inc") },
        { id: "r1", name: "revise_function", args: addArgs("double") },
        { id: "d1", name: "remove_function", args: { name: "double" } },
      ])
      .respond(new AIMessage("TERMINATE"));
    const out = await createOptimizeStepGraph({ model, sandbox, maxActions: 4 }).invoke({ step: 1, best: baseToolset().toJSON(), bestScore: 0, records: [], failures: [] });
    expect(out.stopReason).toBe("terminate");
    const answers = model.calls[1]!.messages.filter((m) => m.getType() === "tool").map((m) => m.text);
    expect(answers).toEqual([
      'add_function applied: "inc" added (action 1 of 4). List B now has 2 function(s): double, inc.',
      'revise_function applied: "double" revised (action 2 of 4). List B now has 2 function(s): double, inc.',
      'remove_function applied: "double" removed (action 3 of 4). List B now has 1 function(s): inc.',
    ]);
    expect(out.actions.map((a) => [a.action, a.name, a.toolCallId, a.turn, a.spec?.name])).toEqual([
      ["add_function", "inc", "a1", 1, "inc"],
      ["revise_function", "double", "r1", 1, "double"],
      ["remove_function", "double", "d1", 1, undefined],
    ]);
  });
});
