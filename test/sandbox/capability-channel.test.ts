import { MessageChannel, receiveMessageOnPort } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { serveCapability, type CapabilityHandler, type CapabilityRequestMessage } from "../../src/sandbox/capability-channel.js";

/** A request as a worker sends it, and a way to wait for its answer as the worker does (flag raised, reply on the port). */
function request(text: string) {
  const { port1, port2 } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const message: CapabilityRequestMessage = { type: "capability", request: text, reply: port2, flag };
  const answered = async (): Promise<unknown> => {
    const waited = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number): { async: boolean; value: Promise<string> | string } }).waitAsync(flag, 0, 0);
    if (waited.async) await waited.value;
    const reply = receiveMessageOnPort(port1);
    port1.close();
    return JSON.parse(String(reply?.message));
  };
  return { message, flag, answered };
}

describe("serveCapability", () => {
  it("refuses every request of a call that was granted no capability", async () => {
    const { message, answered, flag } = request('{"name":"web_search","args":["x"]}');
    serveCapability(message, undefined, 1000);
    expect(await answered()).toEqual({ ok: false, error: { code: "E_CAP_NOT_GRANTED", message: "no capability is granted to this call (pass a capability policy)" } });
    expect(Atomics.load(flag, 0)).toBe(1);
  });

  it("passes the request to the handler and its JSON reply back", async () => {
    const seen: string[] = [];
    const handler: CapabilityHandler = async (text, signal) => {
      seen.push(text);
      return JSON.stringify({ ok: true, value: { echoed: JSON.parse(text).args[0], aborted: signal.aborted } });
    };
    const { message, answered } = request('{"name":"echo","args":[42]}');
    serveCapability(message, handler, 60_000);
    expect(await answered()).toEqual({ ok: true, value: { echoed: 42, aborted: false } });
    expect(seen).toEqual(['{"name":"echo","args":[42]}']);
  });

  it("turns a failing handler into an E_CAP_TOOL error with its message", async () => {
    const { message, answered } = request('{"name":"boom","args":[]}');
    serveCapability(message, async () => {
      throw new Error("upstream unreachable");
    }, 60_000);
    expect(await answered()).toEqual({ ok: false, error: { code: "E_CAP_TOOL", message: "capability host failed: upstream unreachable" } });
    const thrownValue = request("{}");
    serveCapability(thrownValue.message, () => Promise.reject("plain string"), 60_000);
    expect(await thrownValue.answered()).toEqual({ ok: false, error: { code: "E_CAP_TOOL", message: "capability host failed: plain string" } });
    // A handler rejecting with nothing at all still gets an answer (the worker is waiting for one).
    const nothing = request("{}");
    serveCapability(nothing.message, () => Promise.reject(undefined), 60_000);
    expect(await nothing.answered()).toEqual({ ok: false, error: { code: "E_CAP_TOOL", message: "capability host failed: undefined" } });
  });

  it("aborts the handler's signal once the call's time is spent, and not before", async () => {
    const events: string[] = [];
    const waitForAbort: CapabilityHandler = (_text, signal) =>
      new Promise((resolve) => {
        events.push(`aborted at start: ${signal.aborted}`);
        signal.addEventListener("abort", () => resolve(JSON.stringify({ ok: false, error: { code: "E_CAP_TIMEOUT", message: "aborted" } })));
      });
    // No time left (a negative remainder is treated as none): aborted at once.
    const spent = request("{}");
    serveCapability(spent.message, waitForAbort, -5);
    expect(await spent.answered()).toMatchObject({ error: { code: "E_CAP_TIMEOUT" } });
    // Plenty left: the signal stays quiet while the handler answers.
    const quick = request("{}");
    let signalOfQuick: AbortSignal | undefined;
    serveCapability(quick.message, async (_t, signal) => {
      signalOfQuick = signal;
      return JSON.stringify({ ok: true, value: 1 });
    }, 50);
    expect(await quick.answered()).toEqual({ ok: true, value: 1 });
    // The timer was cleared once the handler answered: its signal never fires.
    await new Promise((r) => setTimeout(r, 200));
    expect(signalOfQuick?.aborted).toBe(false);
    expect(events).toEqual(["aborted at start: false"]);
  });
});
