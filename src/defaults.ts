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
    /** Extra wall time before the host kills a worker that stopped answering. */
    hostGraceMs: 1_000,
  },
  agent: {
    /** Model turns per task before the run is cut off. */
    maxSteps: 10,
  },
  model: {
    timeoutMs: 60_000,
    maxRetries: 4,
    temperature: 0,
    /** First retry waits about this long; each further retry doubles it (with jitter). */
    retryBaseDelayMs: 500,
    /** Upper bound of one backoff wait. */
    retryMaxDelayMs: 20_000,
    /** A server asking to wait longer than this (Retry-After) fails fast instead. */
    maxRetryAfterMs: 60_000,
    /** Default base URL of a local Ollama server's OpenAI-compatible API. */
    ollamaBaseURL: "http://localhost:11434/v1",
  },
  functions: {
    /** Longest accepted `code` of one learned function (characters). */
    maxCodeChars: 20_000,
    /** Characters of captured `console.log` output appended to a tool error. */
    maxErrorLogChars: 1_000,
  },
  optimizer: {
    /** Model turns allowed beyond `maxActions`, so rejected calls can be retried without looping forever. */
    extraTurns: 3,
    /** Time limit of one smoke run of a proposed function (definition check or sample call). */
    smokeTimeoutMs: 2_000,
    /** Characters of one tool output kept in an optimizer transcript (failed tasks). */
    maxToolOutputChars: 400,
    /** Successful tasks shown as full transcripts in the optimizer prompt (the others get one-line summaries). */
    maxSuccessTranscripts: 3,
    /** Arguments of a rejected optimizer call longer than this (JSON characters) are replaced by a placeholder in the step's history. */
    maxRejectedCallChars: 2_000,
  },
  transcript: {
    /** Characters of one tool output kept in an optimizer transcript. */
    maxToolOutputChars: 600,
    /** Characters of one whole task transcript. */
    maxChars: 4_000,
  },
} as const;
