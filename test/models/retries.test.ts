import { afterEach, describe, expect, it } from "vitest";
import { createModel, isRetryableModelError, ModelRequestError, RetryingCaller } from "../../src/models/index.js";
import { startFaultProxy, startScriptedServer, scriptedSequence, type FaultKind, type FaultProxy, type ScriptedReply, type ScriptedServer } from "../../src/testing/index.js";

let server: ScriptedServer | undefined;
let proxy: FaultProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await server?.close();
  server = proxy = undefined;
});

async function modelFor(replies: ScriptedReply[], overrides: Parameters<typeof createModel>[1] = {}) {
  server = await startScriptedServer({ respond: scriptedSequence(replies) });
  return createModel({ baseURL: server.baseURL, model: "x" }, { retryBaseDelayMs: 1, ...overrides });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected the call to fail");
}

describe("model retries and faults", () => {
  it("retries a 429 with Retry-After and then succeeds", async () => {
    const model = await modelFor([{ status: 429, headers: { "retry-after": "0" } }, { content: "done" }], { maxRetries: 2 });
    expect((await model.invoke("hi")).content).toBe("done");
    expect(server!.requests).toHaveLength(2);
  });

  it("retries 500 twice and then succeeds, with one HTTP request per attempt", async () => {
    const model = await modelFor([{ status: 500 }, { status: 503 }, { content: "third time" }], { maxRetries: 3 });
    expect((await model.invoke("hi")).content).toBe("third time");
    // The OpenAI SDK's own retries are off: exactly one request per attempt.
    expect(server!.requests).toHaveLength(3);
  });

  it("gives a clear error once retries are exhausted", async () => {
    const model = await modelFor([{ status: 500 }, { status: 500 }, { status: 500 }, { content: "too late" }], { maxRetries: 2 });
    const error = await failure(model.invoke("hi"));
    expect(error).toBeInstanceOf(ModelRequestError);
    expect((error as ModelRequestError).code).toBe("E_MODEL_REQUEST");
    expect(error.message).toContain("after 3 attempt(s)");
    expect(error.message).toContain("HTTP 500");
    expect(error.message).toContain(server!.baseURL);
    expect((error as ModelRequestError).context).toMatchObject({ attempts: 3, status: 500, model: "x" });
    expect(server!.requests).toHaveLength(3);
  });

  it("does not retry non-retryable client errors", async () => {
    const model = await modelFor([{ status: 401, content: "bad key" }, { content: "never" }], { maxRetries: 3 });
    const error = await failure(model.invoke("hi"));
    expect(error.message).toContain("bad key");
    expect(server!.requests).toHaveLength(1);
  });

  it("fails fast when Retry-After is beyond what toolforge waits", async () => {
    const model = await modelFor([{ status: 429, headers: { "retry-after": "3600" } }, { content: "never" }], { maxRetries: 3 });
    const error = await failure(model.invoke("hi"));
    expect((error as ModelRequestError).code).toBe("E_MODEL_RATE_LIMIT");
    expect(server!.requests).toHaveLength(1);
  });

  it("times out a reply delayed beyond timeoutMs", async () => {
    // Replies that would outlast the test: only the client's time-out ends it (a slow machine only times out sooner).
    const model = await modelFor([{ content: "slow", delayMs: 600_000 }, { content: "slow", delayMs: 600_000 }], { maxRetries: 1, timeoutMs: 150 });
    const started = Date.now();
    const error = await failure(model.invoke("hi"));
    expect(error).toBeInstanceOf(ModelRequestError);
    expect(error.message).toMatch(/timed out/i);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(server!.requests).toHaveLength(2);
  });

  it("recovers from a timeout when the retry is fast", async () => {
    // The fast reply must come within timeoutMs even on a busy machine: 5 s is ~1000× a local reply.
    const model = await modelFor([{ content: "slow", delayMs: 600_000 }, { content: "fast" }], { maxRetries: 1, timeoutMs: 5_000 });
    expect((await model.invoke("hi")).content).toBe("fast");
  });

  it("retries a malformed body, then errors (not hangs) naming it", async () => {
    const model = await modelFor([{ rawBody: "{not json" }, { rawBody: "{not json" }, { rawBody: "{not json" }], { maxRetries: 2 });
    const error = await failure(model.invoke("hi"));
    expect((error as ModelRequestError).code).toBe("E_MODEL_RESPONSE");
    expect(error.message).toContain("not valid JSON");
    expect(server!.requests).toHaveLength(3);
  });

  it("errors (not hangs) on a truncated body, and retries it", async () => {
    const model = await modelFor([{ content: "a reply that gets cut", truncate: true }, { content: "a reply that gets cut", truncate: true }], {
      maxRetries: 1,
    });
    const error = await failure(model.invoke("hi"));
    expect(error).toBeInstanceOf(ModelRequestError);
    expect(server!.requests).toHaveLength(2);
  });

  it("errors (not hangs) on a truncated stream", async () => {
    const model = await modelFor([{ content: "a streamed reply that gets cut", truncate: true }], { maxRetries: 0 });
    const error = await failure(
      (async () => {
        for await (const _ of await model.stream("hi"));
      })(),
    );
    expect(error.message).toMatch(/terminated|closed|aborted/i);
  });
});

describe("infrastructure faults (fault proxy)", () => {
  const answer: ScriptedReply = { toolCalls: [{ name: "add", arguments: { a: 1, b: 2 } }] };

  async function throughProxy(faults: (FaultKind | undefined)[], overrides: Parameters<typeof createModel>[1] = {}) {
    server = await startScriptedServer({ respond: () => answer });
    proxy = await startFaultProxy({ target: server.baseURL, fault: ({ index }) => faults[index] });
    return createModel({ baseURL: proxy.baseURL, model: "x" }, { retryBaseDelayMs: 1, maxRetries: 3, ...overrides });
  }

  it.each<FaultKind>(["rate_limit", "rate_limit_retry_after", "server_error", "reset", "refused", "cut_body", "malformed_tool_args"])(
    "retries a request hit by %s and returns the clean reply",
    async (kind) => {
      const model = await throughProxy([kind, kind]);
      const reply = await model.invoke("hi");
      expect(reply.tool_calls).toEqual([expect.objectContaining({ name: "add", args: { a: 1, b: 2 } })]);
      expect(proxy!.log.map((e) => e.fault)).toEqual([kind, kind, undefined]);
    },
  );

  it("retries a request that hangs past the timeout", async () => {
    // The hung attempt only ends by the client's timeout; 2 s leaves the clean retry ample time on a loaded machine.
    const model = await throughProxy(["hang"], { timeoutMs: 2_000 });
    expect((await model.invoke("hi")).tool_calls).toHaveLength(1);
    expect(proxy!.log.map((e) => e.fault)).toEqual(["hang", undefined]);
  });

  it("names the model, the URL and the cause when connections keep being refused", async () => {
    const model = await throughProxy(["refused", "refused", "refused"], { maxRetries: 2 });
    const error = await failure(model.invoke("hi"));
    expect(error).toBeInstanceOf(ModelRequestError);
    expect((error as ModelRequestError).code).toBe("E_MODEL_REQUEST");
    expect(error.message).toContain('model "x"');
    expect(error.message).toContain(proxy!.baseURL);
    expect(error.message).toContain("ECONNREFUSED");
    expect(error.message).toContain("after 3 attempt(s)");
    expect(proxy!.log).toHaveLength(3);
  });

  it("passes persistently malformed tool-call arguments on to the agent once retries are spent", async () => {
    const model = await throughProxy(["malformed_tool_args", "malformed_tool_args"], { maxRetries: 1 });
    const reply = await model.invoke("hi");
    expect(reply.tool_calls ?? []).toHaveLength(0);
    expect(reply.invalid_tool_calls).toHaveLength(1);
    expect(proxy!.log).toHaveLength(2);
  });
});

describe("RetryingCaller", () => {
  const policy = { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 60_000, label: { model: "m" } };
  const httpError = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status });

  it("classifies retryable errors", () => {
    expect(isRetryableModelError(httpError(429))).toBe(true);
    expect(isRetryableModelError(httpError(502))).toBe(true);
    expect(isRetryableModelError(Object.assign(new Error("Request timed out."), { name: "TimeoutError" }))).toBe(true);
    expect(isRetryableModelError(httpError(400))).toBe(false);
    expect(isRetryableModelError(httpError(404))).toBe(false);
    expect(isRetryableModelError(Object.assign(new Error("stop"), { name: "AbortError" }))).toBe(false);
    expect(isRetryableModelError(Object.assign(httpError(429), { code: "insufficient_quota" }))).toBe(false);
  });

  it("retries refused and reset connections, whose error name is plain Error", async () => {
    const waits: number[] = [];
    const caller = new RetryingCaller({ ...policy, sleep: async (ms) => void waits.push(ms), random: () => 0 });
    const refused = new Error("Connection error.", { cause: new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }) }) });
    const reset = new Error("Connection error.", { cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }) });
    expect(refused.name).toBe("Error");
    const failures = [refused, reset];
    let attempts = 0;
    const value = await caller.call(async () => {
      attempts++;
      const next = failures.shift();
      if (next) throw next;
      return "ok";
    });
    expect(value).toBe("ok");
    expect(attempts).toBe(3);
    // Exponential backoff from baseDelayMs (jitter pinned to its lower half by random = 0).
    expect(waits).toEqual([0.5, 1]);
  });

  it("waits as long as Retry-After asks", async () => {
    const waits: number[] = [];
    const caller = new RetryingCaller({ ...policy, sleep: async (ms) => void waits.push(ms) });
    let attempts = 0;
    await caller.call(async () => {
      if (attempts++ === 0) throw Object.assign(httpError(429), { headers: { "retry-after": "7" } });
      return "ok";
    });
    expect(waits).toEqual([7_000]);
  });

  it("does not retry a name-resolution failure or a quota 429", async () => {
    const caller = new RetryingCaller(policy);
    let attempts = 0;
    const dns = new Error("Connection error.", { cause: Object.assign(new Error("getaddrinfo ENOTFOUND nowhere"), { code: "ENOTFOUND" }) });
    await expect(caller.call(async () => { attempts++; throw dns; })).rejects.toBe(dns);
    await expect(caller.call(async () => { attempts++; throw Object.assign(httpError(429), { message: "You exceeded your current quota, please check your plan and billing details" }); })).rejects.toThrow(/quota/);
    expect(attempts).toBe(2);
  });

  it("honours per-call maxRetries", async () => {
    const caller = new RetryingCaller(policy);
    let attempts = 0;
    await expect(caller.callWithOptions({ maxRetries: 1 }, async () => { attempts++; throw httpError(503); })).rejects.toThrow(/after 2 attempt/);
    expect(attempts).toBe(2);
  });

  it("stops backing off when the signal aborts", async () => {
    const caller = new RetryingCaller({ ...policy, baseDelayMs: 10_000, maxDelayMs: 10_000 });
    const controller = new AbortController();
    let attempts = 0;
    const pending = caller.callWithOptions({ signal: controller.signal }, async () => { attempts++; throw httpError(503); });
    setTimeout(() => controller.abort(new Error("user stop")), 20);
    await expect(pending).rejects.toThrow("user stop");
    expect(attempts).toBe(1);
  });
});
