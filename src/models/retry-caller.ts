import { AsyncCaller, type AsyncCallerCallOptions } from "@langchain/core/utils/async_caller";
import { ModelRequestError } from "./errors.js";

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
}

const RETRYABLE_NAMES = new Set(["TimeoutError", "APIConnectionError", "APIConnectionTimeoutError", "InternalServerError", "RateLimitError"]);

function statusOf(error: unknown): number | undefined {
  const e = error as { status?: unknown; response?: { status?: unknown } } | null;
  const s = e?.status ?? e?.response?.status;
  return typeof s === "number" ? s : undefined;
}

function retryAfterMsOf(error: unknown): number | undefined {
  const headers = (error as { headers?: unknown } | null)?.headers as
    | { get?: (k: string) => string | null }
    | Record<string, string>
    | undefined;
  if (!headers) return undefined;
  const raw = typeof headers.get === "function" ? headers.get("retry-after") : (headers as Record<string, string>)["retry-after"];
  if (raw == null || raw.trim() === "") return undefined;
  const seconds = Number(raw);
  if (!Number.isNaN(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * Whether a failed model request is worth repeating: rate limits, server
 * errors, timeouts and dropped connections are; client errors, aborts and
 * quota exhaustion are not.
 *
 * @example
 * import { isRetryableModelError } from "toolforge";
 * isRetryableModelError(Object.assign(new Error("busy"), { status: 429 })); // true
 * isRetryableModelError(Object.assign(new Error("bad"), { status: 400 }));  // false
 */
export function isRetryableModelError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { name?: string; code?: unknown; error?: { code?: unknown }; message?: string };
  if (e.name === "AbortError" || e.name === "APIUserAbortError") return false;
  if (e.code === "insufficient_quota" || e.error?.code === "insufficient_quota") return false;
  const status = statusOf(error);
  if (status !== undefined) return status === 408 || status === 409 || status === 429 || status >= 500;
  if (e.name !== undefined && RETRYABLE_NAMES.has(e.name)) return true;
  return /ECONNRESET|ECONNREFUSED|socket hang up|terminated|timed out/i.test(e.message ?? "");
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * The single retry layer of every model built by `createModel`. LangChain's
 * OpenAI integration already pins the OpenAI SDK to `maxRetries: 0` and
 * retries through the model's `AsyncCaller`; this replacement keeps that one
 * layer (no double retries) but makes the backoff configurable (the stock
 * caller's first wait is a fixed 1-2 s), honours `Retry-After`, and turns
 * exhausted retries into a {@link ModelRequestError} naming the endpoint.
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
    for (let n = 0; ; n++) {
      signal?.throwIfAborted();
      try {
        return await attempt();
      } catch (error) {
        const where = `model "${label.model}"${label.baseURL ? ` at ${label.baseURL}` : ""}`;
        if (error instanceof SyntaxError) {
          // A server that answers 200 with a body that is not JSON is broken, not busy.
          throw new ModelRequestError("E_MODEL_RESPONSE", `Response from ${where} is not valid JSON: ${error.message}`, { ...label, attempts: n + 1 }, { cause: error });
        }
        if (signal?.aborted || !isRetryableModelError(error)) throw error;
        const status = statusOf(error);
        const why = status !== undefined ? `HTTP ${status}` : String((error as Error).message).replace(/\.$/, "");
        const retryAfterMs = retryAfterMsOf(error);
        if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) {
          throw new ModelRequestError(
            "E_MODEL_RATE_LIMIT",
            `Request to ${where} failed (${why}); the server asked to retry after ${Math.round(retryAfterMs / 1000)} s, ` +
              `more than the ${maxRetryAfterMs / 1000} s toolforge waits`,
            { ...label, attempts: n + 1, status, retryAfterMs },
            { cause: error },
          );
        }
        if (n >= retries) {
          throw new ModelRequestError(
            "E_MODEL_REQUEST",
            `Request to ${where} failed after ${n + 1} attempt(s): ${why}. ` +
              `Raise maxRetries or timeoutMs if the server is slow or rate-limited.`,
            { ...label, attempts: n + 1, status },
            { cause: error },
          );
        }
        // Full jitter keeps concurrent evaluations from retrying in lockstep.
        const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** n) * (0.5 + Math.random() / 2);
        await sleep(Math.max(backoff, retryAfterMs ?? 0), signal);
      }
    }
  }
}
