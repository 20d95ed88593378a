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
