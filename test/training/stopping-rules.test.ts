import { describe, expect, it } from "vitest";
import { DEFAULTS } from "../../src/defaults.js";
import { checkTrainingOptions } from "../../src/training/check-options.js";
import { TrainingError } from "../../src/training/index.js";
import { makeTasks, names, outcomes, runScripted as run } from "./helpers.js";

// Accuracy per candidate: index k is the set whose newest function is f<k> (0 = the initial set).
// With 10 tasks, accuracy k/10 solves exactly k more tasks at each step.
const rising = (n: number) => Array.from({ length: n + 1 }, (_, k) => k / 10);

describe("stopping rules: E (maxEpochs), C (patience) and the hard maxSteps cap are separate", () => {
  it("max_epochs: stops after maxEpochs accepted improvements, with steps and patience to spare", async () => {
    // Steps 2 and 4 are worse (rolled back), so 3 improvements take 5 steps.
    const { state, events, optimizer } = await run({ accuracy: [0.1, 0.2, 0.0, 0.3, 0.0, 0.4, 0.5], maxEpochs: 3, patience: 10, maxSteps: 30 });
    expect(outcomes(events)).toEqual(["accepted@1", "rolled_back@2", "accepted@3", "rolled_back@4", "accepted@5", "max_epochs@5"]);
    expect(state.stopReason).toBe("max_epochs");
    expect([state.step, state.epoch]).toEqual([5, 3]);
    expect(optimizer.inputs).toHaveLength(5);
    expect(events).toContainEqual({ type: "max_epochs", step: 5, epochs: 3 });
  });

  it("early_stop: fires after patience consecutive roll-backs, before maxEpochs and maxSteps", async () => {
    const { state, events } = await run({ accuracy: [0.3, 0.5, 0.1, 0.1, 0.6, 0.1, 0.1, 0.1], maxEpochs: 10, patience: 3, maxSteps: 30 });
    expect(outcomes(events)).toEqual([
      "accepted@1", "rolled_back@2", "rolled_back@3", "accepted@4", "rolled_back@5", "rolled_back@6", "rolled_back@7", "early_stop@7",
    ]);
    expect(events.at(-2)).toEqual({ type: "early_stop", step: 7, patience: 3 });
    expect([state.stopReason, state.step, state.epoch]).toEqual(["early_stop", 7, 2]);
  });

  it("max_steps: caps the optimizer steps when improvements keep patience and epochs below their limits", async () => {
    // Accept, roll back, accept, roll back, …: patience never passes 1, epochs grow slowly.
    const { state, events } = await run({ accuracy: [0.1, 0.2, 0, 0.3, 0, 0.4, 0, 0.5], maxEpochs: 10, patience: 2, maxSteps: 6 });
    expect(outcomes(events)).toEqual([
      "accepted@1", "rolled_back@2", "accepted@3", "rolled_back@4", "accepted@5", "rolled_back@6", "max_steps@6",
    ]);
    expect([state.stopReason, state.step, state.epoch, state.patience]).toEqual(["max_steps", 6, 3, 1]);
  });

  it("with the App. G defaults (E = C = 10), early stop is live: 10 straight roll-backs stop before the step cap", async () => {
    expect(DEFAULTS.training.maxSteps).toBeGreaterThan(DEFAULTS.training.patience);
    const { state, events } = await run({ accuracy: [0.5] });
    expect([state.stopReason, state.step]).toEqual(["early_stop", DEFAULTS.training.patience]);
    expect(events.filter((e) => e.type === "rolled_back")).toHaveLength(DEFAULTS.training.patience);
  });

  it("with the defaults, ten improvements in a row stop on max_epochs", async () => {
    const { state } = await run({ accuracy: rising(10) });
    expect([state.stopReason, state.step, state.epoch]).toEqual(["max_epochs", 10, 10]);
  });

  it("rejects bad values with a typed error naming the option", () => {
    const train = makeTasks(1);
    expect(() => checkTrainingOptions({ train, maxEpochs: 0 })).toThrow(/maxEpochs: expected an integer ≥ 1, got 0/);
    expect(() => checkTrainingOptions({ train, rollback: "no" as never })).toThrow(TrainingError);
    expect(() => checkTrainingOptions({ train, rollback: "no" as never })).toThrow(/rollback: expected true or false/);
  });
});

describe("ablation: no roll-back and no early stop (rollback: false)", () => {
  it("keeps every candidate, worse or not, lists no failures, and runs to maxEpochs whatever the patience", async () => {
    // Train losses: 0.5 → 0.4 → 0.8 → 0.6 → 0.9.
    const { state, events, optimizer } = await run({ accuracy: [0.5, 0.6, 0.2, 0.4, 0.1], rollback: false, patience: 1, maxEpochs: 4 });
    expect(outcomes(events)).toEqual(["accepted@1", "accepted@2", "accepted@3", "accepted@4", "max_epochs@4"]);
    expect(events.some((e) => e.type === "rolled_back" || e.type === "early_stop")).toBe(false);
    // Each step starts from the previous candidate, never from a better earlier set.
    expect(optimizer.inputs.map((i) => names(i.best))).toEqual([[], ["f1"], ["f1", "f2"], ["f1", "f2", "f3"]]);
    expect(optimizer.inputs.every((i) => i.failures.length === 0)).toBe(true);
    // The returned set is the last one, with its (worse) loss.
    expect(names(state.best)).toEqual(["f1", "f2", "f3", "f4"]);
    expect(state.bestLoss).toBeCloseTo(0.9);
    expect(state.history.map((s: { accepted: boolean }) => s.accepted)).toEqual([true, true, true, true, true]);
  });

  it("counts an unchanged candidate as a kept epoch", async () => {
    const { state, events } = await run({ accuracy: [0.5, 0.6, 0.7], unchanged: [1], rollback: false, maxEpochs: 2 });
    expect(outcomes(events)).toEqual(["accepted@1", "accepted@2", "max_epochs@2"]);
    expect(state.history[1]).toMatchObject({ step: 1, accepted: true, unchanged: true });
  });

  it("the full method on the same losses rolls back the worse candidates and stops early", async () => {
    const { state, events } = await run({ accuracy: [0.5, 0.6, 0.2, 0.4, 0.1], patience: 1, maxEpochs: 4 });
    expect(outcomes(events)).toEqual(["accepted@1", "rolled_back@2", "early_stop@2"]);
    expect(names(state.best)).toEqual(["f1"]);
  });
});
