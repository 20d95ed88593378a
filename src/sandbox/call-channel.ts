/**
 * The hand-off of calls between the pool (host thread) and one worker.
 *
 * A `postMessage` wake-up goes through the receiving thread's event loop
 * (an eventfd, epoll, libuv's async handles), twice per call. Here the payloads
 * still travel over a private `MessagePort`, but nobody listens on it: each
 * side reads it synchronously (`receiveMessageOnPort`) when a counter in a
 * shared control block says something was sent. An idle worker sleeps in
 * `Atomics.wait` on the request counter (a futex: no CPU, woken directly by
 * `Atomics.notify`); the host awaits the result counter with
 * `Atomics.waitAsync`, so its event loop stays free. Nothing spins.
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import type { HostMessage, WorkerMessage } from "./protocol.js";

// Node 20 has Atomics.waitAsync; the project's TypeScript lib (ES2023) does not declare it.
type WaitAsync = (array: Int32Array, index: number, value: number) => { async: false; value: string } | { async: true; value: Promise<string> };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

/** Slots of the control block. */
const REQUESTS = 0;
const RESULTS = 1;

/** What the worker receives in its `workerData` to serve calls. */
export interface WorkerCallEnd {
  control: Int32Array;
  port: MessagePort;
}

/**
 * Host end of a call channel; `worker` goes to the worker (its port in the transfer list).
 *
 * @example
 * import { HostCallEnd } from "./call-channel.js";
 * const channel = new HostCallEnd();
 * new Worker(entry, { workerData: { calls: channel.worker }, transferList: [channel.worker.port] });
 */
export class HostCallEnd {
  readonly worker: WorkerCallEnd;
  private readonly control = new Int32Array(new SharedArrayBuffer(8));
  private readonly port: MessagePort;
  private closed = false;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    // Read synchronously only: the port must never hold the event loop open.
    this.port.unref();
    this.worker = { control: this.control, port: port2 };
  }

  /**
   * Sends one call and resolves with the worker's answer, or with
   * `undefined` when the channel is closed first (worker killed or replaced)
   * or already.
   */
  send(message: HostMessage): Promise<Extract<WorkerMessage, { type: "result" }> | undefined> {
    // Nobody would ever move the result counter again.
    if (this.closed) return Promise.resolve(undefined);
    const answered = Atomics.load(this.control, RESULTS);
    this.port.postMessage(message);
    // The message is queued before the counter moves, so the woken worker finds it.
    Atomics.add(this.control, REQUESTS, 1);
    Atomics.notify(this.control, REQUESTS);
    const wait = waitAsync(this.control, RESULTS, answered);
    const settled = wait.async ? wait.value : Promise.resolve();
    return settled.then(() => {
      // A closed port still hands out a reply queued before the close: the
      // caller gave up on this call (worker killed or replaced), so drop it.
      if (this.closed) return undefined;
      const reply = receiveMessageOnPort(this.port);
      return reply?.message as Extract<WorkerMessage, { type: "result" }> | undefined;
    });
  }

  /** Releases a pending `send` (it resolves `undefined`) and closes the port; closing twice is harmless. */
  close(): void {
    this.closed = true;
    Atomics.add(this.control, RESULTS, 1);
    Atomics.notify(this.control, RESULTS);
    this.port.close();
  }
}

/**
 * Worker side: blocks (without CPU) until the host sends a call, and returns it.
 *
 * @example
 * const message = nextCall(workerData.calls); // blocks until the host sends one
 */
export function nextCall(end: WorkerCallEnd): HostMessage {
  for (;;) {
    const sent = Atomics.load(end.control, REQUESTS);
    const received = receiveMessageOnPort(end.port);
    if (received) return received.message as HostMessage;
    // Nothing queued: sleep until the counter moves past what was seen.
    Atomics.wait(end.control, REQUESTS, sent);
  }
}

/** Worker side: sends the answer to the call being served and wakes the host. */
export function answerCall(end: WorkerCallEnd, message: Extract<WorkerMessage, { type: "result" }>): void {
  end.port.postMessage(message);
  Atomics.add(end.control, RESULTS, 1);
  Atomics.notify(end.control, RESULTS);
}
