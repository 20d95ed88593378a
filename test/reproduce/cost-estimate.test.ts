import { describe, expect, it } from "vitest";
import { DEFAULTS } from "../../src/defaults.js";
import { estimateCell, formatEstimate, totalEstimate } from "../../src/reproduce/cost-estimate.js";
import { experimentCells } from "../../src/reproduce/experiments.js";
import { MODEL_PRICES, priceOfSpec } from "../../src/reproduce/model-prices.js";

const E = DEFAULTS.reproduce.estimate;
const gpt4o = { inputPerMTok: 2.5, outputPerMTok: 10 };

describe("dry-run arithmetic", () => {
  const cells = Object.fromEntries(experimentCells("table3", { types: ["algebra"] }).map((c) => [c.cellId.split(".")[1]!, c]));

  it("a training cell: train set once per step plus the initial set, test set for the initial and the trained set", () => {
    const e = estimateCell(cells.full!, { trainTasks: 20, testTasks: 80, agentPrice: gpt4o, optimizerPrice: gpt4o, concurrency: 4 });
    const steps = Math.min(DEFAULTS.reproduce.maxSteps, E.stepsPerCell);
    const taskRuns = 20 * (1 + steps) + 80 * 2;
    expect(e.steps).toBe(steps);
    expect(e.agentCalls).toBe(taskRuns * E.agentCallsPerTask);
    expect(e.optimizerCalls).toBe(steps * E.optimizerCallsPerStep);
    const agentIn = e.agentCalls * E.agentInputTokensPerCall;
    const agentOut = e.agentCalls * E.agentOutputTokensPerCall;
    const optIn = e.optimizerCalls * E.optimizerInputTokensPerCall;
    const optOut = e.optimizerCalls * E.optimizerOutputTokensPerCall;
    expect(e.inputTokens).toBe(agentIn + optIn);
    expect(e.outputTokens).toBe(agentOut + optOut);
    expect(e.usd).toBeCloseTo(((agentIn + optIn) * 2.5 + (agentOut + optOut) * 10) / 1e6, 9);
    expect(e.seconds).toBeCloseTo((e.agentCalls * E.secondsPerAgentCall) / 4 + e.optimizerCalls * E.secondsPerOptimizerCall, 9);
  });

  it("with the defaults, one table1 cell on gpt-4o is 1440 agent and 60 optimizer calls, about $167 for all 14", () => {
    const cell = experimentCells("table1")[0]!;
    const e = estimateCell(cell, { trainTasks: 20, testTasks: 80, agentPrice: gpt4o, optimizerPrice: gpt4o, concurrency: 4 });
    expect([e.agentCalls, e.optimizerCalls]).toEqual([1440, 60]);
    // 1440 × (1500·2.5 + 300·10)/1e6 + 60 × (12000·2.5 + 800·10)/1e6 = 9.72 + 2.28
    expect(e.usd).toBeCloseTo(12, 9);
    expect(totalEstimate(experimentCells("table1").map(() => e)).usd).toBeCloseTo(168, 9);
  });

  it("no roll-back runs exactly maxEpochs steps; one-step asks the optimizer once per step; evaluation-only cells score the test set once", () => {
    const o = { trainTasks: 20, testTasks: 80, agentPrice: gpt4o, optimizerPrice: gpt4o, concurrency: 1 };
    expect(estimateCell(cells["no-rollback"]!, o).steps).toBe(10);
    expect(estimateCell(cells["one-step"]!, o).optimizerCalls).toBe(estimateCell(cells["one-step"]!, o).steps);
    const none = estimateCell(cells["no-training"]!, o);
    expect([none.trainTasks, none.steps, none.agentCalls, none.optimizerCalls]).toEqual([0, 0, 80 * E.agentCallsPerTask, 0]);
  });

  it("an unknown price makes the dollars unknown, in the cell and the total", () => {
    const e = estimateCell(cells.full!, { trainTasks: 2, testTasks: 2, agentPrice: gpt4o, optimizerPrice: undefined, concurrency: 1 });
    expect(e.usd).toBeUndefined();
    expect(totalEstimate([e]).usd).toBeUndefined();
    expect(formatEstimate([e])).toMatch(/unknown \(no price; pass --prices\)/);
  });
});

describe("model prices", () => {
  it("the table, local models free, overrides first, unknown models unknown", () => {
    expect(priceOfSpec("openai:gpt-4o")).toEqual(MODEL_PRICES["gpt-4o"]);
    expect(priceOfSpec("ollama:llama3.1")).toEqual({ inputPerMTok: 0, outputPerMTok: 0 });
    expect(priceOfSpec({ baseURL: "http://127.0.0.1:8000/v1", model: "m" })).toEqual({ inputPerMTok: 0, outputPerMTok: 0 });
    expect(priceOfSpec({ baseURL: "https://api.together.xyz/v1", model: "m" })).toBeUndefined();
    expect(priceOfSpec("openai:gpt-4o", { "gpt-4o": { inputPerMTok: 1, outputPerMTok: 2 } })).toEqual({ inputPerMTok: 1, outputPerMTok: 2 });
    expect(priceOfSpec("scripted:demo", { "scripted:demo": { inputPerMTok: 5, outputPerMTok: 5 } })).toEqual({ inputPerMTok: 5, outputPerMTok: 5 });
    expect(priceOfSpec("openai:gpt-9-unreleased")).toBeUndefined();
  });
});
