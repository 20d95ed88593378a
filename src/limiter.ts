/**
 * A counting semaphore: `run(fn)` starts `fn` once fewer than `limit` calls
 * are in flight, in call order. toolforge's one concurrency primitive for
 * "at most N tasks at once": `evaluate` and the training graph bound task
 * runs with it (the graph rather than with LangGraph's `maxConcurrency`,
 * because in @langchain/langgraph 1.7 `maxConcurrency: 1` silently drops
 * every `Send` task after the first, langchain-ai/langgraphjs#2656).
 *
 * @example
 * import { createLimiter } from "toolforge";
 * const limit = createLimiter(2);
 * const results = await Promise.all([1, 2, 3].map((n) => limit(async () => n * 2)));
 */
export function createLimiter(limit: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    active--;
    waiting.shift()?.();
  };
  return async (fn) => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await fn();
    } finally {
      release();
    }
  };
}

/**
 * Runs `fn(0)` … `fn(count - 1)` with at most `workers` calls in flight,
 * started in index order; no new call starts once `stopped()` is true.
 * Unlike queueing all `count` calls on a limiter at once, only `workers`
 * pending calls ever exist, so memory does not grow with `count` (an
 * evaluation of 10,000 tasks holds 64 task frames, not 10,000). Resolves
 * when every started call has settled, with each worker's outcome: a worker
 * stops at the first call of its own that throws.
 *
 * @example
 * import { runPulled } from "toolforge";
 * const seen: number[] = [];
 * await runPulled(5, 2, async (i) => { seen.push(i); });
 * console.log(seen); // [0, 1, 2, 3, 4]
 */
export async function runPulled(count: number, workers: number, fn: (index: number) => Promise<void>, stopped: () => boolean = () => false): Promise<PromiseSettledResult<void>[]> {
  let next = 0;
  const worker = async () => {
    while (next < count && !stopped()) await fn(next++);
  };
  return Promise.allSettled(Array.from({ length: Math.max(0, Math.min(workers, count)) }, worker));
}
