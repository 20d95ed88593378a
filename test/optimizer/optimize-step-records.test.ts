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

/** The tool answers the step's apply node wrote into the conversation (the step's output leaves the conversation out). */
async function toolAnswers(graph: ReturnType<typeof createOptimizeStepGraph>): Promise<string[]> {
  const answers: string[] = [];
  const stream = await graph.stream({ step: 1, best: baseToolset().toJSON(), bestScore: 0, records: [], failures: [] }, { streamMode: "updates" });
  for await (const update of stream) {
    const messages = (update as { apply?: { messages?: BaseMessage[] } }).apply?.messages ?? [];
    for (const m of messages) if (m.getType() === "tool" && !answers.includes(m.text)) answers.push(m.text);
  }
  return answers;
}
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
    await expect(graph.invoke({ step: 1, bestScore: 0, records: [], failures: [] } as never)).rejects.toMatchObject({ code: "E_OPTIMIZER_INPUT" });
  });

  it("refuses a corrupted best toolset before any model call, naming where it came from", async () => {
    const model = fakeModel().respond(new AIMessage("TERMINATE"));
    const graph = createOptimizeStepGraph({ model, sandbox });
    const corrupted = { ...baseToolset().toJSON(), functions: [{ name: "3 bad name" }] };
    const error = await graph.invoke({ step: 1, best: corrupted, bestScore: 0, records: [], failures: [] } as never).catch((e: unknown) => e);
    expect((error as Error).message).toContain("optimize-step input `best`");
    expect(model.calls).toHaveLength(0);
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

  it("says when List B is left empty, and counts one-step actions without a limit", async () => {
    const emptying = fakeModel()
      .respondWithTools([{ id: "d1", name: "remove_function", args: { name: "double" } }])
      .respond(new AIMessage("TERMINATE"));
    await createOptimizeStepGraph({ model: emptying, sandbox }).invoke({ step: 1, best: baseToolset().toJSON(), bestScore: 0, records: [], failures: [] });
    expect(emptying.calls[1]!.messages.filter((m) => m.getType() === "tool").map((m) => m.text)).toEqual([
      'remove_function applied: "double" removed (action 1 of 3). List B now has 0 function(s): (none).',
    ]);
    const oneStep = fakeModel()
      .respondWithTools([
        { id: "a1", name: "add_function", args: addArgs("inc") },
        { id: "d1", name: "remove_function", args: { name: "inc" } },
      ])
      .respond(new AIMessage("TERMINATE"));
    const oneStepGraph = createOptimizeStepGraph({ model: oneStep, sandbox, mode: "one-step" });
    expect(await toolAnswers(oneStepGraph)).toEqual([
      'add_function applied: "inc" added (action 1). List B now has 1 function(s): inc.',
      "remove_function not applied: in one-step generation the new set is written with add_function calls only.",
    ]);
  });

  it("answers a lone terminate, and refuses one sent beside other calls, applying none of them", async () => {
    const alone = fakeModel().respondWithTools([{ id: "t1", name: "terminate", args: {} }]);
    expect(await toolAnswers(createOptimizeStepGraph({ model: alone, sandbox }))).toEqual(["terminated: the function update of this step is finished."]);
    const mixed = fakeModel()
      .respondWithTools([
        { id: "a1", name: "add_function", args: addArgs("inc") },
        { id: "t1", name: "terminate", args: {} },
      ])
      .respond(new AIMessage("TERMINATE"));
    const out = await createOptimizeStepGraph({ model: mixed, sandbox }).invoke({ step: 1, best: baseToolset().toJSON(), bestScore: 0, records: [], failures: [] });
    expect(out.actions).toEqual([]);
    expect(out.rejected.map((r) => [r.action, r.code, r.reason])).toEqual(
      ["add_function", "terminate"].map((name) => [
        name,
        "terminate_mixed",
        `${name} not applied: terminate must be the only tool call in a reply, but this reply has 2 calls, so none of them was applied. Send the actions you want first, then terminate alone in a later reply.`,
      ]),
    );
  });
});
