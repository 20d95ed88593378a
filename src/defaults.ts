/**
 * Every hyper-parameter default in one place, so docs, CLI help and library
 * behaviour cannot drift apart. Training defaults follow App. G of
 * arXiv 2402.11359 (10 epochs, early-stop threshold 10, 3 actions per step).
 *
 * @example
 * import { DEFAULTS } from "toolforge";
 * console.log(DEFAULTS.training.maxActions); // 3
 */
export const DEFAULTS = {
  training: {
    /** Optimisation steps (the paper's epochs E). */
    maxSteps: 10,
    /** Consecutive steps without improvement before early stop (C). */
    patience: 10,
    /** Applied optimizer actions per step (MAX_NUM in Algorithm 1). */
    maxActions: 3,
    /** Concurrent task evaluations. */
    concurrency: 4,
    /** Seed for minibatch sampling. */
    seed: 0,
    /** Token budget for the optimizer prompt (approximate, chars / 4). */
    promptTokenBudget: 24_000,
  },
  sandbox: {
    timeoutMs: 2_000,
    memoryLimitMb: 64,
    /** Must stay <= 256 KiB: deeper QuickJS stacks overflow the host stack. */
    stackLimitKb: 256,
    maxResultBytes: 64 * 1024,
    maxLogBytes: 8 * 1024,
    workers: 2,
    /** A worker's runtime is rebuilt once its wasm heap passes this size. */
    recycleAboveMb: 256,
  },
  agent: {
    /** Model turns per task before the run is cut off. */
    maxSteps: 10,
  },
  model: {
    timeoutMs: 60_000,
    maxRetries: 4,
    temperature: 0,
  },
  transcript: {
    /** Characters of one tool output kept in an optimizer transcript. */
    maxToolOutputChars: 600,
    /** Characters of one whole task transcript. */
    maxChars: 4_000,
  },
} as const;
