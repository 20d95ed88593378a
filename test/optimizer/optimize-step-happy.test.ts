import { AIMessage, ToolMessage } from "@langchain/core/messages";
import { fakeModel } from "@langchain/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Toolset } from "../../src/functions/index.js";
import { AgentOptimizer, createOptimizeStepGraph, OptimizerError } from "../../src/optimizer/index.js";
import { readsRecordsFromConfig } from "../../src/optimizer/optimize-step-graph.js";
import { createSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import type { TrainingEvent } from "../../src/training/events.js";
import { addArgs, baseRecords, baseToolset } from "./fixtures.js";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ workers: 1 });
});
afterAll(async () => {
  await sandbox?.close();
});

const input = (best = baseToolset()) => ({ step: 2, best: best.toJSON(), bestScore: 0.5, records: baseRecords(), failures: [] });

describe("optimize step: applied actions", () => {
  it("adds a function given in the paper's form (schema as a JSON string, packages as a string) and runs it", async () => {
    const model = fakeModel()
      .respondWithTools([{
        id: "add1",
        name: "add_function",
        args: {
          name: "evaluate_expression",
          description: "Evaluate an arithmetic expression.",
          arguments: JSON.stringify({ expression: { type: "string", description: "The expression." } }),
          packages: "mathjs",
          code: 'function evaluate_expression({ expression }) { const math = require("mathjs"); return math.evaluate(expression); }',
        },
      }])
      .respondWithTools([{ name: "terminate", args: {} }]);
    const out = await new AgentOptimizer({ model, sandbox }).step(input());
    expect(out.stopReason).toBe("terminate");
    expect(out.rejected).toEqual([]);
    const candidate = Toolset.fromJSON(out.candidate);
    expect(candidate.functions.map((f) => f.name)).toEqual(["double", "evaluate_expression"]);
    const added = candidate.get("evaluate_expression")!;
    expect(added.parameters).toEqual({ type: "object", properties: { expression: { type: "string", description: "The expression." } } });
    expect(added.packages).toEqual(["mathjs"]);
    expect(out.actions).toEqual([expect.objectContaining({ action: "add_function", name: "evaluate_expression", toolCallId: "add1", turn: 1, hashAfter: candidate.hash })]);
    // The added function really works in the sandbox.
    const result = await sandbox.run({ code: added.code, entry: added.name, packages: added.packages, args: { expression: "2 * (3 + 4)" } });
    expect(result).toMatchObject({ ok: true, value: 14 });
    // The optimizer was told what happened.
    const reply = model.calls[1]!.messages.find((m) => ToolMessage.isInstance(m)) as ToolMessage;
    expect(reply.content).toBe('add_function applied: "evaluate_expression" added (action 1 of 3). List B now has 2 function(s): double, evaluate_expression.');
  });

  it("revises and removes functions across turns, then stops on a TERMINATE text reply", async () => {
    const model = fakeModel()
      .respondWithTools([{ name: "revise_function", args: addArgs("double", { code: "const double = ({ x }) => x * 2;", description: "Twice x." }) }])
      .respondWithTools([{ name: "add_function", args: addArgs("inc") }])
      .respondWithTools([{ name: "remove_function", args: { name: "double" } }])
      .respond(new AIMessage("TERMINATE"));
    const out = await createOptimizeStepGraph({ model, sandbox, maxActions: 5 }).invoke(input());
    expect(out.stopReason).toBe("terminate");
    expect(out.actions.map((a) => [a.action, a.name, a.turn])).toEqual([
      ["revise_function", "double", 1],
      ["add_function", "inc", 2],
      ["remove_function", "double", 3],
    ]);
    expect(out.actions[0]!.spec?.description).toBe("Twice x.");
    expect(out.actions[2]!.spec).toBeUndefined();
    expect(Toolset.fromJSON(out.candidate).functions.map((f) => f.name)).toEqual(["inc"]);
    expect(model.callCount).toBe(4);
  });

  it("applies at most maxActions calls of one reply and reports max_actions", async () => {
    const model = fakeModel().respondWithTools(["f1", "f2", "f3", "f4"].map((n) => ({ name: "add_function", args: addArgs(n), id: `id_${n}` })));
    const out = await createOptimizeStepGraph({ model, sandbox }).invoke(input());
    expect(out.stopReason).toBe("max_actions");
    expect(out.actions.map((a) => a.name)).toEqual(["f1", "f2", "f3"]);
    expect(out.rejected.map((r) => [r.toolCallId, r.code])).toEqual([["id_f4", "limit_reached"]]);
    expect(Toolset.fromJSON(out.candidate).size).toBe(4);
    expect(model.callCount).toBe(1);
  });

  it("stops on terminate alone without changing anything", async () => {
    const model = fakeModel().respondWithTools([{ name: "terminate", args: {} }]);
    const best = baseToolset();
    const out = await createOptimizeStepGraph({ model, sandbox }).invoke(input(best));
    // The fake model reports no usage, so the step's own (checkpointed) count stays at zero.
    const usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0, cachedTokens: 0 };
    expect(out).toEqual({ candidate: best.toJSON(), actions: [], rejected: [], stopReason: "terminate", usage });
  });

  it("reports no_call for an empty or blank reply", async () => {
    for (const text of ["", "  \n\t "]) {
      const model = fakeModel().respond(new AIMessage(text));
      const out = await createOptimizeStepGraph({ model, sandbox }).invoke(input());
      expect(out.stopReason, JSON.stringify(text)).toBe("no_call");
    }
  });

  it("is a graph named optimize_step that reads its records from the config; other values are not", () => {
    const graph = createOptimizeStepGraph({ model: fakeModel(), sandbox });
    expect(graph.getName()).toBe("optimize_step");
    for (const other of [undefined, null, "optimize_step", {}, () => graph]) expect(readsRecordsFromConfig(other)).toBe(false);
  });

  it("lets the optimizer correct a rejected call in the next turn", async () => {
    const model = fakeModel()
      .respondWithTools([{ name: "add_function", args: addArgs("inc", { code: "function inc({ x }) { return x +; }" }) }])
      .respondWithTools([{ name: "add_function", args: addArgs("inc") }])
      .respondWithTools([{ name: "terminate", args: {} }]);
    const out = await createOptimizeStepGraph({ model, sandbox }).invoke(input());
    expect(out.rejected.map((r) => [r.turn, r.code])).toEqual([[1, "invalid_spec"]]);
    expect(out.actions.map((a) => [a.turn, a.name])).toEqual([[2, "inc"]]);
    // The second turn saw the first rejection.
    const seen = model.calls[1]!.messages.filter((m) => ToolMessage.isInstance(m)).map((m) => m.content);
    expect(seen).toEqual([out.rejected[0]!.reason]);
  });

  it("accepts a revision that throws on the recorded arguments (a thrown error is not a crash)", async () => {
    const model = fakeModel()
      .respondWithTools([{ name: "revise_function", args: addArgs("double", { code: 'function double({ x }) { throw new Error("not yet"); }' }) }])
      .respondWithTools([{ name: "terminate", args: {} }]);
    const out = await createOptimizeStepGraph({ model, sandbox }).invoke(input());
    expect(out.actions.map((a) => a.name)).toEqual(["double"]);
    expect(out.rejected).toEqual([]);
  });

  it("emits action_proposed / action_applied / action_rejected / optimizer_done events", async () => {
    const model = fakeModel()
      .respondWithTools([
        { name: "add_function", args: addArgs("inc") },
        { name: "remove_function", args: { name: "ghost" } },
      ])
      .respondWithTools([{ name: "terminate", args: {} }]);
    const events: TrainingEvent[] = [];
    await new AgentOptimizer({ model, sandbox }).step({ ...input(), step: 7 }, { onEvent: (e) => events.push(e) });
    expect(events.map((e) => e.type)).toEqual([
      "action_proposed",
      "action_proposed",
      "action_applied",
      "action_rejected",
      "action_proposed",
      "optimizer_done",
    ]);
    expect(events[2]).toEqual({ type: "action_applied", step: 7, action: "add_function", name: "inc", actionsUsed: 1 });
    expect(events[3]).toMatchObject({ type: "action_rejected", step: 7, action: "remove_function", name: "ghost" });
    expect(events.at(-1)).toEqual({ type: "optimizer_done", step: 7, reason: "terminate" });
    // terminate names no function: its event has no name key at all.
    expect(Object.keys(events[4]!).sort()).toEqual(["action", "step", "type"]);
  });

  it("rejects bad hyper-parameters and models without tool calling", () => {
    const model = fakeModel();
    expect(() => new AgentOptimizer({ model, sandbox, maxActions: 0 })).toThrow(OptimizerError);
    expect(() => new AgentOptimizer({ model, sandbox, maxActions: 0 })).toThrow('optimizer option "maxActions" must be a positive integer, got 0');
    expect(() => createOptimizeStepGraph({ model: {} as never, sandbox })).toThrow(
      "the optimizer model must be a chat model that supports tool calling (bindTools)",
    );
    for (const bad of [{}, undefined]) {
      expect(() => createOptimizeStepGraph({ model: bad as never, sandbox })).toThrow(expect.objectContaining({ name: "OptimizerError", code: "E_OPTIMIZER_MODEL" }));
    }
    const optimizer = new AgentOptimizer({ model, sandbox, maxActions: 2 });
    expect([optimizer.maxActions, optimizer.maxTurns]).toEqual([2, 5]);
  });
});
