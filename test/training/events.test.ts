import { describe, expect, it } from "vitest";
import { isTrainingEvent, type TrainingEvent } from "../../src/training/index.js";

describe("isTrainingEvent", () => {
  it("accepts training events and rejects other custom-stream chunks", () => {
    const accepted: TrainingEvent = { type: "accepted", step: 1, trainLoss: 0.2, previousLoss: 0.5, toolsetHash: "h" };
    expect(isTrainingEvent(accepted)).toBe(true);
    expect(isTrainingEvent({ type: "task_done", step: 0, phase: "baseline", taskId: "t", index: 0, done: 1, total: 1, score: 1 })).toBe(true);
    for (const other of [null, undefined, 3, "accepted", {}, { type: 7 }, { type: "my_progress" }, { type: "toString" }]) {
      expect(isTrainingEvent(other), JSON.stringify(other)).toBe(false);
    }
  });
});
