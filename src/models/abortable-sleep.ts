/**
 * Waits `ms`, or rejects with the signal's reason as soon as it aborts (so a
 * Ctrl-C never waits out a backoff or a rate-limit pause).
 *
 * @example
 * import { abortableSleep } from "toolforge";
 * await abortableSleep(500, AbortSignal.timeout(10_000));
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
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
