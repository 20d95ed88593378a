import { availableParallelism } from "node:os";

/**
 * Longest a call keeps the host awake. Waking a sleeping thread costs
 * ~40–55 µs on a virtualised host (the idle vCPU halts), which is most of a
 * short call's round trip but noise next to calls longer than this.
 */
const AWAKE_MS = 1;

/**
 * Keeps the host's event loop turning, without blocking it, while a short
 * call is in flight: a chain of `setImmediate` callbacks stops libuv from
 * sleeping in its poll phase, so the worker's answer is picked up at once
 * instead of after a thread wake-up. I/O and timers run as usual in between.
 *
 * It costs host CPU (at most `AWAKE_MS` per call), so it only runs while a
 * core is free for it: it never competes with busy workers for the CPU.
 *
 * @example
 * import { KeepAwake } from "./keep-awake.js";
 * const awake = new KeepAwake(() => busyWorkers());
 * awake.dispatched(); // after posting a call to a worker
 */
export class KeepAwake {
  private until = 0;
  private running = false;
  private readonly cores = availableParallelism();

  /** @param busy how many workers are running a call right now. */
  constructor(private readonly busy: () => number) {}

  /** A call was just sent to a worker. */
  dispatched(): void {
    this.until = performance.now() + AWAKE_MS;
    if (this.running) return;
    this.running = true;
    setImmediate(this.tick);
  }

  private readonly tick = (): void => {
    const busy = this.busy();
    // The host thread plus every busy worker must fit on the cores.
    if (busy > 0 && busy < this.cores && performance.now() < this.until) setImmediate(this.tick);
    else this.running = false;
  };
}
