import { describe, expect, it } from "vitest";
import { Toolset } from "../../src/functions/toolset.js";
import { MemoryRecordStore, type EvaluationRef } from "../../src/training/index.js";
import { makeTasks, record } from "./helpers.js";

const [a, b] = makeTasks(2);
const ref: EvaluationRef = { thread: "run-1", phase: "candidate", step: 2, toolset: Toolset.empty().hash };

describe("MemoryRecordStore", () => {
  it("keeps each evaluation's records by task index, the latest put winning", async () => {
    const store = new MemoryRecordStore();
    await store.put(ref, 0, record(a!, 0));
    await store.put(ref, 1, record(b!, 1));
    await store.put(ref, 0, record(a!, 1));
    const got = await store.get(ref);
    expect([...got.entries()].map(([i, r]) => [i, r.taskId, r.score])).toEqual([
      [0, "t0", 1],
      [1, "t1", 1],
    ]);
  });

  it("keeps runs, phases, steps and toolsets apart, and has nothing for an evaluation never stored", async () => {
    const store = new MemoryRecordStore();
    await store.put(ref, 0, record(a!, 1));
    for (const other of [{ thread: "run-2" }, { phase: "validation" as const }, { step: 3 }, { toolset: "other-hash" }]) {
      expect((await store.get({ ...ref, ...other })).size, JSON.stringify(other)).toBe(0);
    }
  });

  it("hands out a copy: changing it does not change the store", async () => {
    const store = new MemoryRecordStore();
    await store.put(ref, 0, record(a!, 1));
    (await store.get(ref)).delete(0);
    expect((await store.get(ref)).size).toBe(1);
  });
});
