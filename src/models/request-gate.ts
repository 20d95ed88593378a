import { parseRetryAfterMs } from "@langchain/core/utils/async_caller";
import { createLimiter } from "../limiter.js";
import { abortableSleep } from "./abortable-sleep.js";

/**
 * Limits of a {@link RequestGate}; each is optional (absent = unlimited).
 *
 * @example
 * const o: import("toolforge").RequestGateOptions = { maxConcurrency: 4, rpm: 500, tpm: 200_000 };
 */
export interface RequestGateOptions {
  /** Requests in flight at once, across every model built with this gate. */
  maxConcurrency?: number;
  /** Requests started in any 60 s window. */
  rpm?: number;
  /** Billed tokens (input + output) of requests started in any 60 s window. */
  tpm?: number;
  /** Called with the provider-reported usage of every completed request (cache hits never reach the gate). */
  onUsage?: (usage: GateUsage) => void;
  /** Clock and sleep, injectable so tests never depend on wall time. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Usage of one completed request, as the provider reported it.
 *
 * @example
 * const u: import("toolforge").GateUsage = { model: "gpt-4o", inputTokens: 1200, outputTokens: 80 };
 */
export interface GateUsage {
  model: string;
  inputTokens: number;
  outputTokens: number;
}

const WINDOW_MS = 60_000;

/**
 * A header of a failed request's error (OpenAI SDK errors carry a `Headers`
 * object, other clients a plain record), or `undefined`.
 *
 * @example
 * import { errorHeader } from "toolforge";
 * errorHeader({ headers: { "retry-after": "2" } }, "retry-after"); // "2"
 */
export function errorHeader(error: unknown, name: string): string | undefined {
  const headers = (error as { headers?: unknown } | null)?.headers as { get?: (k: string) => string | null } | Record<string, string> | undefined;
  if (!headers || typeof headers !== "object") return undefined;
  const raw = typeof headers.get === "function" ? headers.get(name) : (headers as Record<string, string>)[name];
  return raw ?? undefined;
}

/** OpenAI's reset durations: `"1s"`, `"6m0s"`, `"20ms"`, `"1.5s"`. */
function durationMs(text: string | undefined): number | undefined {
  if (!text) return undefined;
  let total = 0;
  let matched = false;
  for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    matched = true;
    total += Number(n) * (unit === "ms" ? 1 : unit === "s" ? 1_000 : unit === "m" ? 60_000 : 3_600_000);
  }
  return matched ? total : undefined;
}

/**
 * How long the provider asks every client to wait after this failed request:
 * `Retry-After` (LangChain's `parseRetryAfterMs`), and the reset time of an
 * exhausted `x-ratelimit-remaining-requests` / `-tokens` counter.
 *
 * @example
 * import { rateLimitWaitMs } from "toolforge";
 * rateLimitWaitMs({ headers: { "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "1.5s" } }); // 1500
 */
export function rateLimitWaitMs(error: unknown): number | undefined {
  const waits = [parseRetryAfterMs(errorHeader(error, "retry-after"))];
  for (const kind of ["requests", "tokens"]) {
    if (errorHeader(error, `x-ratelimit-remaining-${kind}`) === "0") waits.push(durationMs(errorHeader(error, `x-ratelimit-reset-${kind}`)));
  }
  const known = waits.filter((w): w is number => w !== undefined);
  return known.length > 0 ? Math.max(...known) : undefined;
}

/** Usage of a raw Chat Completions or Responses API result; absent for streams. */
function usageOf(result: unknown): { inputTokens: number; outputTokens: number } | undefined {
  const u = (result as { usage?: Record<string, unknown> } | null)?.usage;
  if (!u || typeof u !== "object") return undefined;
  const input = Number(u.prompt_tokens ?? u.input_tokens ?? 0);
  const output = Number(u.completion_tokens ?? u.output_tokens ?? 0);
  return Number.isFinite(input) && Number.isFinite(output) ? { inputTokens: input, outputTokens: output } : undefined;
}

/**
 * One provider budget shared by every model built with it (`createModel(spec,
 * { requestGate })`): at most `maxConcurrency` requests in flight, `rpm`
 * requests and `tpm` tokens per minute, and a pause for everyone when the
 * provider answers 429 with `Retry-After` or an exhausted
 * `x-ratelimit-*` counter. Each attempt of the retry layer passes the gate;
 * replies from the response cache never do.
 *
 * @example
 * import { createModel, RequestGate } from "toolforge";
 * const gate = new RequestGate({ maxConcurrency: 4, rpm: 500 });
 * const agent = createModel("openai:gpt-4o-mini", { requestGate: gate });
 * const optimizer = createModel("openai:gpt-4o", { requestGate: gate });
 */
export class RequestGate {
  private readonly limit: <T>(fn: () => Promise<T>) => Promise<T>;
  private readonly window: { at: number; tokens: number }[] = [];
  private pausedUntil = 0;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(readonly options: RequestGateOptions = {}) {
    this.limit = createLimiter(options.maxConcurrency ?? Number.POSITIVE_INFINITY);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? abortableSleep;
  }

  /**
   * Runs one request attempt of `model` once the limits allow it, and counts
   * its usage.
   *
   * @example
   * const reply = await gate.run("gpt-4o", () => client.chat.completions.create(body));
   */
  run<T>(model: string, attempt: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.limit(async () => {
      const entry = await this.admit(signal);
      try {
        const result = await attempt();
        const usage = usageOf(result);
        if (usage) {
          entry.tokens = usage.inputTokens + usage.outputTokens;
          this.options.onUsage?.({ model, ...usage });
        }
        return result;
      } catch (error) {
        this.pauseFor(rateLimitWaitMs(error));
        throw error;
      }
    });
  }

  /** Holds every request back for `ms` (e.g. a provider's `Retry-After`). */
  pauseFor(ms: number | undefined): void {
    if (ms !== undefined && ms > 0) this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  /** Waits until a request may start, then records it in the minute window. */
  private async admit(signal?: AbortSignal): Promise<{ at: number; tokens: number }> {
    const { rpm, tpm } = this.options;
    for (;;) {
      signal?.throwIfAborted();
      const now = this.now();
      while (this.window.length > 0 && this.window[0]!.at <= now - WINDOW_MS) this.window.shift();
      const waits = [this.pausedUntil - now];
      const oldest = this.window[0];
      if (oldest && rpm !== undefined && this.window.length >= rpm) waits.push(oldest.at + WINDOW_MS - now);
      if (oldest && tpm !== undefined && this.window.reduce((sum, e) => sum + e.tokens, 0) >= tpm) waits.push(oldest.at + WINDOW_MS - now);
      const wait = Math.max(...waits);
      if (wait <= 0) break;
      await this.sleep(wait, signal);
    }
    const entry = { at: this.now(), tokens: 0 };
    this.window.push(entry);
    return entry;
  }
}
