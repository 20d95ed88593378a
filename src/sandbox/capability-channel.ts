import type { MessagePort } from "node:worker_threads";

/**
 * Host side of one capability call of a learned function: takes the
 * guest's JSON request (`{ name, args }`) and an `AbortSignal` that fires
 * when the calling function's time limit is spent; resolves with the JSON
 * reply (`{ ok: true, value }` or `{ ok: false, error: { code, message } }`).
 *
 * @example
 * const handler: import("toolforge").CapabilityHandler = async (request) => JSON.stringify({ ok: true, value: JSON.parse(request).args[0] });
 */
export type CapabilityHandler = (request: string, signal: AbortSignal) => Promise<string>;

/** A capability request from a worker: the reply goes to `reply`, then `flag` is raised. */
export interface CapabilityRequestMessage {
  type: "capability";
  request: string;
  reply: MessagePort;
  flag: Int32Array;
}

/**
 * Answers one worker request with the running call's handler (or a refusal
 * when the call has none). The handler's signal aborts after `timeLeftMs`.
 */
export function serveCapability(message: CapabilityRequestMessage, handler: CapabilityHandler | undefined, timeLeftMs: number): void {
  const answer = (text: string): void => {
    try {
      message.reply.postMessage(text);
      message.reply.close();
    } finally {
      Atomics.store(message.flag, 0, 1);
      Atomics.notify(message.flag, 0);
    }
  };
  if (!handler) {
    answer(JSON.stringify({ ok: false, error: { code: "E_CAP_NOT_GRANTED", message: "no capability is granted to this call (pass a capability policy)" } }));
    return;
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), Math.max(0, timeLeftMs));
  handler(message.request, controller.signal)
    .catch((e: unknown) => JSON.stringify({ ok: false, error: { code: "E_CAP_TOOL", message: `capability host failed: ${(e as Error)?.message ?? String(e)}` } }))
    .then(answer, () => undefined)
    .finally(() => clearTimeout(timer));
}
