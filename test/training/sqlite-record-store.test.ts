import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDirs } from "../helpers/temp-dirs.js";
import { CheckpointerError } from "../../src/checkpoint/errors.js";
import { SqliteRecordStore, type EvaluationRef } from "../../src/training/index.js";
import { makeTasks, record } from "./helpers.js";

const scratch = tempDirs("toolforge-records-");

const [a, b] = makeTasks(2);
const ref: EvaluationRef = { thread: "run-1", phase: "candidate", step: 2, toolset: "ab12" };

describe("SqliteRecordStore", () => {
  it("keeps each evaluation's records by task index across a reopen, the latest put winning", async () => {
    const file = join(scratch(), "nested", "records.sqlite");
    const store = await SqliteRecordStore.open(file);
    await store.put(ref, 0, record(a!, 0));
    await store.put(ref, 1, record(b!, 1, 42));
    await store.put(ref, 0, record(a!, 1));
    await store.close();
    await expect(store.get(ref)).rejects.toThrow(/not open/);
    await store.close(); // a second close is harmless

    const reopened = await SqliteRecordStore.open(file);
    const got = await reopened.get(ref);
    expect([...got.entries()].sort(([x], [y]) => x - y).map(([i, r]) => [i, r.taskId, r.score, r.usage.totalTokens])).toEqual([
      [0, "t0", 1, 10],
      [1, "t1", 1, 42],
    ]);
    expect(got.get(1)).toEqual(record(b!, 1, 42));
    await reopened.close();
  });

  it("keeps runs, phases, steps and toolsets apart, and has nothing for an evaluation never stored", async () => {
    const store = await SqliteRecordStore.open(join(scratch(), "records.sqlite"));
    await store.put(ref, 0, record(a!, 1));
    for (const other of [{ thread: "run-2" }, { phase: "validation" as const }, { step: 3 }, { toolset: "other-hash" }]) {
      expect((await store.get({ ...ref, ...other })).size, JSON.stringify(other)).toBe(0);
    }
    expect((await store.get(ref)).size).toBe(1);
    await store.close();
  });

  it("lists a thread's evaluations by step, without the other threads'", async () => {
    const store = await SqliteRecordStore.open(join(scratch(), "records.sqlite"));
    await store.put({ ...ref, phase: "validation", step: 1 }, 0, record(a!, 1));
    await store.put({ ...ref, phase: "candidate", step: 1 }, 0, record(a!, 1));
    await store.put({ ...ref, phase: "candidate", step: 1 }, 1, record(b!, 1));
    await store.put({ ...ref, phase: "baseline", step: 0, toolset: "empty" }, 0, record(a!, 0));
    await store.put({ ...ref, thread: "other", phase: "baseline", step: 0 }, 0, record(a!, 0));
    expect(store.evaluations("run-1")).toEqual([
      { thread: "run-1", phase: "baseline", step: 0, toolset: "empty" },
      { thread: "run-1", phase: "candidate", step: 1, toolset: "ab12" },
      { thread: "run-1", phase: "validation", step: 1, toolset: "ab12" },
    ]);
    expect(store.evaluations("nobody")).toEqual([]);
    await store.close();
  });

  it("refuses a file that is not SQLite with a CheckpointerError naming it", async () => {
    const file = join(scratch(), "records.sqlite");
    writeFileSync(file, "not a database, just text ".repeat(200));
    const opening = SqliteRecordStore.open(file);
    await expect(opening).rejects.toBeInstanceOf(CheckpointerError);
    await expect(opening).rejects.toThrow(file);
  });
});
