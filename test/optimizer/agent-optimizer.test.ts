import { AIMessage } from "@langchain/core/messages";
import { fakeModel } from "@langchain/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULTS } from "../../src/defaults.js";
import { Toolset } from "../../src/functions/index.js";
import { AgentOptimizer, OptimizerError, resolveOptimizerOptions } from "../../src/optimizer/index.js";
import { createSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { addArgs, baseRecords, baseToolset } from "./fixtures.js";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ workers: 1 });
});
afterAll(async () => {
  await sandbox?.close();
});

const input = () => ({ step: 1, best: baseToolset().toJSON(), bestScore: 0.5, records: baseRecords(), failures: [] });

describe("resolveOptimizerOptions", () => {
  it("takes the defaults, with maxActions + extraTurns model turns", () => {
    expect(resolveOptimizerOptions({})).toEqual({
      maxActions: DEFAULTS.training.maxActions,
      maxTurns: DEFAULTS.training.maxActions + DEFAULTS.optimizer.extraTurns,
      promptTokenBudget: DEFAULTS.training.promptTokenBudget,
      smokeTimeoutMs: DEFAULTS.optimizer.smokeTimeoutMs,
      mode: DEFAULTS.optimizer.mode,
    });
    expect(resolveOptimizerOptions({ maxActions: 1, maxTurns: 1, promptTokenBudget: 1, smokeTimeoutMs: 1, mode: "one-step" })).toEqual({
      maxActions: 1,
      maxTurns: 1,
      promptTokenBudget: 1,
      smokeTimeoutMs: 1,
      mode: "one-step",
    });
  });

  it("refuses each option that is not a positive integer, and an unknown mode, naming the option and value", () => {
    for (const option of ["maxActions", "maxTurns", "promptTokenBudget", "smokeTimeoutMs"] as const) {
      for (const value of [0, -1, 1.5, Number.NaN]) {
        let error: unknown;
        try {
          resolveOptimizerOptions({ [option]: value });
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(OptimizerError);
        expect((error as OptimizerError).code).toBe("E_OPTIMIZER_OPTION");
        expect((error as Error).message).toContain(`optimizer option "${option}" must be a positive integer, got ${value}`);
      }
    }
    expect(() => resolveOptimizerOptions({ mode: "greedy" as never })).toThrow('optimizer option "mode" must be "progressive" or "one-step", got "greedy"');
  });
});

describe("AgentOptimizer", () => {
  it("needs a sandbox", () => {
    expect(() => new AgentOptimizer({ model: fakeModel() } as never)).toThrow(OptimizerError);
    expect(() => new AgentOptimizer({ model: fakeModel() } as never)).toThrow("AgentOptimizer needs a `sandbox` to smoke-run proposed functions (see createSandbox)");
    expect(() => new AgentOptimizer({ model: fakeModel() } as never)).toThrow(expect.objectContaining({ code: "E_OPTIMIZER_OPTION" }));
    // No options at all is the same typed error, not a TypeError.
    expect(() => new AgentOptimizer(undefined as never)).toThrow(expect.objectContaining({ name: "OptimizerError", code: "E_OPTIMIZER_OPTION" }));
  });

  it("exposes its resolved hyper-parameters, model and sandbox", () => {
    const model = fakeModel();
    const optimizer = new AgentOptimizer({ model, sandbox, maxActions: 4, promptTokenBudget: 9_000, smokeTimeoutMs: 3_000, mode: "one-step" });
    expect([optimizer.maxActions, optimizer.maxTurns, optimizer.promptTokenBudget, optimizer.smokeTimeoutMs, optimizer.mode]).toEqual([4, 4 + DEFAULTS.optimizer.extraTurns, 9_000, 3_000, "one-step"]);
    expect(optimizer.model).toBe(model);
    expect(optimizer.sandbox).toBe(sandbox);
  });

  it("returns the step's candidate, actions, rejections, stop reason and the tokens its calls used", async () => {
    const used = (input_tokens: number, output_tokens: number) => ({ input_tokens, output_tokens, total_tokens: input_tokens + output_tokens });
    const model = fakeModel()
      .respond(new AIMessage({ content: "", tool_calls: [{ id: "a1", name: "add_function", args: addArgs("inc"), type: "tool_call" }], usage_metadata: used(1_000, 50) }))
      .respond(new AIMessage({ content: "", tool_calls: [{ id: "d1", name: "remove_function", args: { name: "ghost" }, type: "tool_call" }], usage_metadata: used(1_200, 20) }))
      .respond(new AIMessage({ content: "TERMINATE", usage_metadata: used(1_300, 5) }));
    const out = await new AgentOptimizer({ model, sandbox }).step(input());
    expect(Object.keys(out).sort()).toEqual(["actions", "candidate", "rejected", "stopReason", "usage"]);
    expect(out.usage).toMatchObject({ inputTokens: 3_500, outputTokens: 75, totalTokens: 3_575 });
    expect(out.stopReason).toBe("terminate");
    expect(Toolset.fromJSON(out.candidate).functions.map((f) => f.name)).toEqual(["double", "inc"]);
    expect(out.actions.map((a) => [a.action, a.name, a.toolCallId])).toEqual([["add_function", "inc", "a1"]]);
    expect(out.rejected.map((r) => [r.action, r.name, r.code])).toEqual([["remove_function", "ghost", "missing"]]);
  });

  it("stops when its signal is aborted", async () => {
    const model = fakeModel().respond(new AIMessage("TERMINATE"));
    const controller = new AbortController();
    controller.abort(new Error("user stop"));
    await expect(new AgentOptimizer({ model, sandbox }).step(input(), { signal: controller.signal })).rejects.toThrow();
    expect(model.callCount).toBe(0);
  });
});
