import { describe, expect, it } from "vitest";
import type { ExecutionRecord } from "../../src/evaluation/types.js";
import { pairedLosses, scoredLoss } from "../../src/training/scored-loss.js";
import { makeTasks, record } from "./helpers.js";

const [a, b, c] = makeTasks(3);
const down = (r: ExecutionRecord): ExecutionRecord => ({ ...r, score: 0, finalAnswer: null, error: { kind: "model_error", message: "HTTP 503" } });

describe("scoredLoss", () => {
  it("is 1 − the mean score of the scored runs, leaving out infrastructure failures", () => {
    expect(scoredLoss([record(a!, 1), record(b!, 0.5)])).toBe(0.25);
    expect(scoredLoss([record(a!, 1), down(record(b!, 0))])).toBe(0);
    // An agent's own failure is scored (0), not left out.
    expect(scoredLoss([record(a!, 1), { ...record(b!, 0), error: { kind: "step_limit", message: "too many steps" } }])).toBe(0.5);
  });

  it("is null when nothing was scored", () => {
    expect(scoredLoss([])).toBeNull();
    expect(scoredLoss([down(record(a!, 0))])).toBeNull();
  });
});

describe("pairedLosses", () => {
  it("compares only the tasks scored on both sides", () => {
    const best = [record(a!, 1), down(record(b!, 0)), record(c!, 0)];
    const candidate = [record(a!, 1), record(b!, 1), record(c!, 1)];
    // b is left out on both sides: its best run was not scored.
    expect(pairedLosses(candidate, best)).toEqual({ candidate: 0, best: 0.5, common: 2 });
    expect(pairedLosses([down(record(a!, 0)), record(c!, 0)], best)).toEqual({ candidate: 1, best: 1, common: 1 });
  });

  it("leaves out a task the best set has no record of, and gives null losses when nothing is in common", () => {
    expect(pairedLosses([record(a!, 1), record(b!, 0)], [record(a!, 0)])).toEqual({ candidate: 0, best: 1, common: 1 });
    expect(pairedLosses([record(b!, 1)], [record(a!, 0)])).toEqual({ candidate: null, best: null, common: 0 });
  });
});
