import { describe, expect, it } from "vitest";
import { createLimiter, runPulled } from "../src/limiter.js";

/** A promise with its resolve/reject, so the test decides when each call ends (no timers). */
function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}
const settle = () => new Promise((r) => setImmediate(r));

describe("createLimiter (the one concurrency primitive)", () => {
  it("never runs more than `limit` calls at once, starts the rest in call order, and frees a slot on failure", async () => {
    const limit = createLimiter(2);
    const gates = [0, 1, 2, 3].map(() => deferred());
    const started: number[] = [];
    let active = 0;
    let peak = 0;
    const results = gates.map((gate, i) =>
      limit(async () => {
        started.push(i);
        peak = Math.max(peak, ++active);
        try {
          await gate.promise;
          return i;
        } finally {
          active--;
        }
      }).catch((e: Error) => e.message),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    gates[1]!.reject(new Error("boom"));
    await settle();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.resolve();
    gates[2]!.resolve();
    gates[3]!.resolve();
    expect(await Promise.all(results)).toEqual([0, "boom", 2, 3]);
    expect(started).toEqual([0, 1, 2, 3]);
    expect(peak).toBe(2);
  });
});

describe("runPulled (bounded work over many indices)", () => {
  it("starts indices in order with at most `workers` in flight, and only as many pending calls as workers", async () => {
    const gates = Array.from({ length: 7 }, () => deferred());
    const started: number[] = [];
    let active = 0;
    let peak = 0;
    const done = runPulled(7, 3, async (i) => {
      started.push(i);
      peak = Math.max(peak, ++active);
      await gates[i]!.promise;
      active--;
    });
    await settle();
    // Only three calls exist: the others have not been created yet.
    expect(started).toEqual([0, 1, 2]);
    gates[1]!.resolve();
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const g of gates) g.resolve();
    const settled = await done;
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(peak).toBe(3);
    expect(settled).toHaveLength(3);
    expect(settled.every((s) => s.status === "fulfilled")).toBe(true);
  });

  it("starts nothing new once stopped, lets started calls finish, and reports a worker's failure", async () => {
    let stop = false;
    const started: number[] = [];
    const gate = deferred();
    const done = runPulled(
      10,
      2,
      async (i) => {
        started.push(i);
        if (i === 1) throw new Error("task 1 failed");
        await gate.promise;
      },
      () => stop,
    );
    await settle();
    // Worker 2 failed on index 1 and stopped; worker 1 still waits on index 0.
    expect(started).toEqual([0, 1]);
    stop = true;
    gate.resolve();
    const settled = await done;
    expect(started).toEqual([0, 1]);
    expect(settled.map((s) => s.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((settled.find((s) => s.status === "rejected") as PromiseRejectedResult).reason.message).toBe("task 1 failed");
  });

  it("does nothing for no indices or no workers", async () => {
    let calls = 0;
    expect(await runPulled(0, 4, async () => void calls++)).toEqual([]);
    expect(await runPulled(3, 0, async () => void calls++)).toEqual([]);
    expect(calls).toBe(0);
  });
});
