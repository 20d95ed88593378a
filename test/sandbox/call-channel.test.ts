import { describe, expect, it } from "vitest";
import { answerCall, HostCallEnd, nextCall } from "../../src/sandbox/call-channel.js";
import type { HostMessage } from "../../src/sandbox/protocol.js";

const call = (id: number): HostMessage => ({ type: "call", id, request: { op: "script", source: String(id), packages: [], timeoutMs: 1000 } });
const result = (id: number) => ({ type: "result" as const, id, result: { ok: true as const, value: id, logs: [], durationMs: 0 }, rebuilding: false });

// Both ends in one thread: a call is sent before nextCall looks, so nextCall never has to sleep.
describe("call channel", () => {
  it("hands calls to the worker end in order and resolves each send with its answer", async () => {
    const host = new HostCallEnd();
    const first = host.send(call(1));
    expect(nextCall(host.worker)).toEqual(call(1));
    answerCall(host.worker, result(1));
    expect(await first).toEqual(result(1));
    const second = host.send(call(2));
    expect(nextCall(host.worker).id).toBe(2);
    answerCall(host.worker, result(2));
    expect((await second)?.id).toBe(2);
    host.close();
  });

  it("closing releases a pending send without an answer", async () => {
    const host = new HostCallEnd();
    const pending = host.send(call(3));
    host.close();
    expect(await pending).toBeUndefined();
    host.close(); // idempotent
    expect(await host.send(call(4))).toBeUndefined();
  });

  it("a send closed after its answer arrived resolves undefined: the caller gave up on it", async () => {
    const host = new HostCallEnd();
    const pending = host.send(call(5));
    expect(nextCall(host.worker).id).toBe(5);
    answerCall(host.worker, result(5));
    host.close();
    expect(await pending).toBeUndefined();
  });

  it("closing twice still releases a send and refuses later ones", async () => {
    const host = new HostCallEnd();
    host.close();
    host.close();
    expect(await host.send(call(6))).toBeUndefined();
  });
});
