import { receiveMessageOnPort, type MessagePort } from "node:worker_threads";

/**
 * How long a worker keeps polling for the next call after answering one.
 * Waking a sleeping thread costs ~40 µs per direction on a virtualised host
 * (the idle vCPU halts), more than a whole trivial call; the host's own
 * turnaround (wake up, resolve, send the next call) takes ~50–100 µs, so the
 * window must cover that.
 */
export const POLL_MS = 0.3;
/**
 * Polling only pays when calls come back to back (evaluation loops, a queue
 * of calls): after a poll that caught nothing, the worker polls again only
 * once a call has arrived within this long of the previous answer.
 */
const BACK_TO_BACK_MS = 1;

/**
 * Bounded, adaptive busy-poll of a worker's port between calls. It only
 * moves *when* the worker notices the next message (without a sleep/wake
 * round trip); messages, order and handling are unchanged, and an idle
 * worker burns at most one poll window before it sleeps in its event loop.
 *
 * @example
 * import { NextCallPoller } from "./next-call-poller.js";
 * const poller = new NextCallPoller(parentPort!);
 * parentPort!.on("message", (m) => { poller.arrivedAsleep(); handle(m); poller.answered(); const next = poller.poll(); });
 */
export class NextCallPoller<T> {
  private answeredAt = -Infinity;
  private polling = true;

  constructor(private readonly port: MessagePort) {}

  /** Whether poll() will wait for a next call (false: it returns at once). */
  get willPoll(): boolean {
    return this.polling;
  }

  /** Records that a call was answered (its result posted). */
  answered(): void {
    this.answeredAt = performance.now();
  }

  /** A message reached the event loop while the worker slept: poll again if it came soon after the last answer. */
  arrivedAsleep(): void {
    this.polling = performance.now() - this.answeredAt < BACK_TO_BACK_MS;
  }

  /** The next message if one arrives within the poll window; undefined lets the worker sleep. */
  poll(): T | undefined {
    if (!this.polling) return undefined;
    const until = performance.now() + POLL_MS;
    do {
      const got = receiveMessageOnPort(this.port);
      if (got) return got.message as T;
    } while (performance.now() < until);
    this.polling = false;
    return undefined;
  }
}
