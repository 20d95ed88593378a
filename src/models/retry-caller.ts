import { getRetryable } from "@langchain/core/errors";
import { AsyncCaller, classifyRateLimitError, parseRetryAfterMs, type AsyncCallerCallOptions } from "@langchain/core/utils/async_caller";
import { ModelRequestError } from "./errors.js";
import { describeFailure, isConnectionFailure, statusOf } from "./failure-cause.js";
import { malformedToolCall } from "./malformed-response.js";
import { errorHeader, type RequestGate } from "./request-gate.js";
import { abortableSleep } from "./abortable-sleep.js";

/**
 * Settings of {@link RetryingCaller}.
 *
 * @example
 * import type { RetryPolicy } from "toolforge";
 * const policy: RetryPolicy = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 60_000, label: { model: "m" } };
 */
export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  /** Names the endpoint in error messages (never contains secrets). */
  label: { model: string; baseURL?: string };
  /** Waits between attempts; injectable so tests never depend on the clock. Default: a timer that stops on abort. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Source of jitter in [0, 1); default `Math.random`. */
  random?: () => number;
  /** Shared concurrency and rate limits every attempt passes (see `RequestGate`). */
  gate?: RequestGate;
}

const RETRYABLE_NAMES = new Set(["TimeoutError", "APIConnectionError", "APIConnectionTimeoutError", "InternalServerError", "RateLimitError"]);

function retryAfterMsOf(error: unknown): number | undefined {
  return parseRetryAfterMs(errorHeader(error, "retry-after"));
}

/**
 * Whether a failed model request is worth repeating: rate limits, server
 * errors, timeouts, refused and reset connections (recognised by the codes
 * in the error's `cause` chain, since the OpenAI SDK names them plain
 * `"Error"`) and bodies cut short are; client errors, aborts and quota
 * exhaustion are not.
 *
 * @example
 * import { isRetryableModelError } from "toolforge";
 * isRetryableModelError(Object.assign(new Error("busy"), { status: 429 })); // true
 * isRetryableModelError(new Error("Connection error.", { cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }) })); // true
 * isRetryableModelError(Object.assign(new Error("bad"), { status: 400 }));  // false
 */
export function isRetryableModelError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { name?: string; code?: unknown; error?: { code?: unknown } };
  // A LangChain integration that stamped the failure permanent (401, 404, bad tool results…) is believed, as core's own handler does.
  if (getRetryable(error) === false) return false;
  if (e.name === "AbortError" || e.name === "APIUserAbortError") return false;
  if (e.code === "insufficient_quota" || e.error?.code === "insufficient_quota") return false;
  const status = statusOf(error);
  if (status !== undefined) {
    if (status === 429) return classifyRateLimitError(error)?.action !== "stop";
    return status === 408 || status === 409 || status >= 500;
  }
  // A 200 whose body is cut short parses as broken JSON: the server was interrupted, not wrong.
  if (error instanceof SyntaxError) return true;
  if (e.name !== undefined && RETRYABLE_NAMES.has(e.name)) return true;
  return isConnectionFailure(error);
}

/**
 * The single retry layer of every model built by `createModel`. LangChain's
 * provider integrations pin their SDKs to `maxRetries: 0` and retry through
 * the model's `AsyncCaller`; this subclass is that caller (for clients that
 * bypass it, such as `ChatOllama`, it wraps the call). It keeps LangChain's
 * own `Retry-After` parsing, quota classification and retryable stamps
 * (`parseRetryAfterMs`, `classifyRateLimitError`, `getRetryable`) but
 * replaces the loop, because core's lacks what training needs: a
 * configurable (and injectable) backoff — its first wait is a fixed 1-2 s —,
 * stopping the loop itself on abort rather than only racing it, telling
 * transient connection failures (refused, reset, cut bodies) from permanent
 * ones (unknown hosts, programming errors: core retries every unclassified
 * error), retrying header-less 429s, re-sampling a reply whose tool-call
 * arguments are not JSON, and a typed {@link ModelRequestError} naming the
 * model, URL and cause when retries run out.
 *
 * @example
 * import { RetryingCaller } from "toolforge";
 * const caller = new RetryingCaller({ maxRetries: 2, baseDelayMs: 10, maxDelayMs: 100,
 *   maxRetryAfterMs: 60_000, label: { model: "x" } });
 * const value = await caller.call(async () => 42);
 */
export class RetryingCaller extends AsyncCaller {
  readonly policy: RetryPolicy;

  constructor(policy: RetryPolicy) {
    super({ maxRetries: policy.maxRetries });
    this.policy = policy;
  }

  override call<A extends any[], T extends (...args: A) => Promise<any>>(
    callable: T,
    ...args: Parameters<T>
  ): Promise<Awaited<ReturnType<T>>> {
    return this.run(this.policy.maxRetries, undefined, () => callable(...args));
  }

  override callWithOptions<A extends any[], T extends (...args: A) => Promise<any>>(
    options: AsyncCallerCallOptions,
    callable: T,
    ...args: Parameters<T>
  ): Promise<Awaited<ReturnType<T>>> {
    return this.run(options.maxRetries ?? this.policy.maxRetries, options.signal, () => callable(...args));
  }

  private async run<R>(retries: number, signal: AbortSignal | undefined, attempt: () => Promise<R>): Promise<R> {
    const { baseDelayMs, maxDelayMs, maxRetryAfterMs, label } = this.policy;
    const sleep = this.policy.sleep ?? abortableSleep;
    const random = this.policy.random ?? Math.random;
    const where = `model "${label.model}"${label.baseURL ? ` at ${label.baseURL}` : ""}`;
    for (let n = 0; ; n++) {
      signal?.throwIfAborted();
      // Full jitter keeps concurrent evaluations from retrying in lockstep.
      const backoff = () => Math.min(maxDelayMs, baseDelayMs * 2 ** n) * (0.5 + random() / 2);
      let result: R;
      try {
        result = this.policy.gate ? await this.policy.gate.run(label.model, attempt, signal) : await attempt();
      } catch (error) {
        if (signal?.aborted || !isRetryableModelError(error)) throw error;
        const status = statusOf(error);
        const why = describeFailure(error);
        const retryAfterMs = retryAfterMsOf(error);
        if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) {
          throw new ModelRequestError(
            "E_MODEL_RATE_LIMIT",
            `Request to ${where} failed (${why}); the server asked to retry after ${Math.round(retryAfterMs / 1000)} s, ` +
              `more than the ${maxRetryAfterMs / 1000} s toolforge waits`,
            { ...label, attempts: n + 1, status, retryAfterMs, cause: why },
            { cause: error },
          );
        }
        if (n >= retries) {
          const code = error instanceof SyntaxError ? "E_MODEL_RESPONSE" : "E_MODEL_REQUEST";
          const what = error instanceof SyntaxError ? `the response body was not valid JSON (${why})` : why;
          throw new ModelRequestError(
            code,
            `Request to ${where} failed after ${n + 1} attempt(s): ${what}. ` +
              `Check that the server is up and reachable; raise maxRetries or timeoutMs if it is slow or rate-limited.`,
            { ...label, attempts: n + 1, status, cause: why },
            { cause: error },
          );
        }
        await sleep(Math.max(backoff(), retryAfterMs ?? 0), signal);
        continue;
      }
      // A reply whose tool-call arguments are not JSON is re-sampled while
      // retries last; after that it goes to the agent, which reports it to the model.
      if (n < retries && malformedToolCall(result)) {
        await sleep(backoff(), signal);
        continue;
      }
      return result;
    }
  }
}
