import { MessageChannel } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { KeepAwake } from "../../src/sandbox/keep-awake.js";
import { NextCallPoller } from "../../src/sandbox/next-call-poller.js";

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("NextCallPoller (worker side)", () => {
  it("picks up a message that is already waiting, without the event loop", () => {
    const { port1, port2 } = new MessageChannel();
    const poller = new NextCallPoller<{ n: number }>(port2);
    port1.postMessage({ n: 1 });
    expect(poller.poll()).toEqual({ n: 1 });
    port1.close();
  });

  it("stops polling after an empty window until calls come back to back again", () => {
    const { port1, port2 } = new MessageChannel();
    const poller = new NextCallPoller<{ n: number }>(port2);
    poller.answered();
    const t = performance.now();
    expect(poller.poll()).toBeUndefined(); // waited one window
    expect(performance.now() - t).toBeGreaterThanOrEqual(0.2);
    port1.postMessage({ n: 2 });
    expect(poller.poll()).toBeUndefined(); // no longer polling, even with a message waiting
    poller.answered();
    poller.arrivedAsleep(); // a call right after the last answer: poll again
    expect(poller.poll()).toEqual({ n: 2 });
    port1.close();
  });
});

describe("KeepAwake (host side)", () => {
  it("turns the event loop only while a call is running, and briefly", async () => {
    let busy = 1;
    let asked = 0;
    const awake = new KeepAwake(() => {
      asked++;
      return busy;
    });
    awake.dispatched();
    await pause(20);
    const afterWindow = asked;
    expect(afterWindow).toBeGreaterThanOrEqual(1);
    await pause(20);
    expect(asked).toBe(afterWindow); // stopped once its window was over

    busy = 0;
    awake.dispatched();
    await pause(5);
    expect(asked).toBe(afterWindow + 1); // nothing running: one look, then stop
  });

  it("never competes with busy workers for the cores", async () => {
    let asked = 0;
    const awake = new KeepAwake(() => {
      asked++;
      return 1_000_000;
    });
    awake.dispatched();
    await pause(5);
    expect(asked).toBe(1);
  });
});
