import { afterEach, describe, expect, it } from "vitest";
import { createModel, isRetryableModelError, ModelRequestError, RetryingCaller } from "../../src/models/index.js";
import { startScriptedServer, scriptedSequence, type ScriptedReply, type ScriptedServer } from "../../src/testing/index.js";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
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

  it("errors (not hangs) on a malformed body", async () => {
    const model = await modelFor([{ rawBody: "{not json" }], { maxRetries: 2 });
    const error = await failure(model.invoke("hi"));
    expect((error as ModelRequestError).code).toBe("E_MODEL_RESPONSE");
    expect(error.message).toContain("not valid JSON");
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
