/**
 * Worker side of the capability bridge. Guest code calls the synchronous
 * host function installed here; it posts the request to the host thread
 * with a private reply port and sleeps on a shared flag (`Atomics.wait`)
 * until the host answers or the call's own deadline passes. The QuickJS
 * runtime is synchronous, so blocking the worker is what keeps one guest
 * call one synchronous `execute`; the time limit still bounds it.
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten-core";
import { GUEST_CAPABILITIES_SOURCE } from "./guest-capabilities.js";
import type { CapabilityRequestMessage } from "./capability-channel.js";

/** Requests one guest call may make before the worker refuses without asking the host. */
const HARD_CALL_CAP = 10_000;
let hostPort: { postMessage(message: unknown, transfer?: readonly MessagePort[]): void } | undefined;

/** Where capability requests go (the worker's parent port). */
export function attachCapabilityPort(port: { postMessage(message: unknown, transfer?: readonly MessagePort[]): void }): void {
  hostPort = port;
}

const reply = (code: string, message: string): string => JSON.stringify({ ok: false, error: { code, message } });

/**
 * The host function guest capability calls reach. `deadline` reads the
 * running call's deadline (ms since the epoch).
 */
export function capabilityHostFunction(ctx: QuickJSContext, deadline: () => number): (request: QuickJSHandle) => QuickJSHandle {
  let callDeadline = 0;
  let calls = 0;
  return (request) => {
    const until = deadline();
    // A new deadline means a new guest call.
    if (until !== callDeadline) {
      callDeadline = until;
      calls = 0;
    }
    calls += 1;
    const text = calls > HARD_CALL_CAP ? reply("E_CAP_BUDGET", `more than ${HARD_CALL_CAP} capability calls in one function call`) : ask(ctx.getString(request), until);
    return ctx.newString(text);
  };
}

/** Installs `__toolforge` in a fresh context (before the realm is frozen), calling `hostFunction` (see capabilityHostFunction). */
export function installCapabilityBridge(ctx: QuickJSContext, hostFunction: (request: QuickJSHandle) => QuickJSHandle): void {
  const host = ctx.newFunction("hostCapability", hostFunction);
  const installer = ctx.evalCode(GUEST_CAPABILITIES_SOURCE, "capabilities.js");
  if (installer.error) {
    const detail = JSON.stringify(ctx.dump(installer.error));
    installer.error.dispose();
    host.dispose();
    throw new Error(`capability bridge setup failed: ${detail}`);
  }
  const done = ctx.callFunction(installer.value, ctx.undefined, host);
  installer.value.dispose();
  host.dispose();
  if (done.error) {
    const detail = JSON.stringify(ctx.dump(done.error));
    done.error.dispose();
    throw new Error(`capability bridge setup failed: ${detail}`);
  }
  done.value.dispose();
}

function ask(request: string, until: number): string {
  const remaining = until - Date.now();
  if (!Number.isFinite(remaining) || remaining <= 0) return reply("E_CAP_TIMEOUT", "the function's time limit is spent; no capability call can start");
  if (!hostPort) return reply("E_CAP_NOT_GRANTED", "capabilities are not available in this runtime");
  const { port1, port2 } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const message: CapabilityRequestMessage = { type: "capability", request, reply: port2, flag };
  hostPort.postMessage(message, [port2]);
  try {
    for (;;) {
      const left = until - Date.now();
      if (left <= 0) return reply("E_CAP_TIMEOUT", "the capability call did not finish within the function's time limit");
      Atomics.wait(flag, 0, 0, left);
      const answer = receiveMessageOnPort(port1);
      if (answer) return answer.message as string;
      // Woken without a message yet: it was posted just before the flag was set; look again shortly.
      if (Atomics.load(flag, 0) === 1) Atomics.wait(flag, 0, 1, 1);
    }
  } finally {
    port1.close();
  }
}
