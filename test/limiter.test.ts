import { describe, expect, it } from "vitest";
import { createLimiter } from "../src/limiter.js";

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
