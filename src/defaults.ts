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
    /** Accepted improvements before training stops (the paper's max training epoch E, App. G). */
    maxEpochs: 10,
    /** Consecutive steps without improvement before early stop (the paper's C, App. G). */
    patience: 10,
    /**
     * Hard cap on optimizer steps, accepted or not. Algorithm 2 alone is unbounded (E improvements,
     * each after up to C failures: 110 steps with E = C = 10); 30 bounds the cost at 3× the paper's
     * nominal 10 epochs while leaving room for early stop (10 straight roll-backs) to fire first.
     */
    maxSteps: 30,
    /** Roll back candidates that do not lower the training loss; `false` is the paper's ablation (no roll-back, no early stop). */
    rollback: true,
    /** Applied optimizer actions per step (MAX_NUM in Algorithm 1). */
    maxActions: 3,
    /** Concurrent task evaluations. */
    concurrency: 4,
    /**
     * `Send` branches of one evaluation; tasks are striped over them and run under the shared
     * `concurrency` limit. A fixed count keeps checkpoints the same size whatever the training set.
     */
    evaluationBranches: 4,
    /** Seed for minibatch sampling. */
    seed: 0,
    /** Token budget of each optimizer request (tools, prompt, the step's conversation), counted with js-tiktoken (cl100k_base). */
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
    /**
     * Libraries every runtime preloads. The other allow-listed ones (the CAS,
     * nerdamer) start a second set of workers at the first call that declares
     * them, so sandboxes that never use them do not pay their load time.
     */
    preloadPackages: ["mathjs"] as readonly string[],
  },
  evaluation: {
    /**
     * Re-runs of a task whose run failed for an infrastructure reason (model
     * unreachable after its own request retries); then it is not scored.
     */
    taskRetries: 1,
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
  },
  functions: {
    /** Longest accepted `code` of one learned function (characters). */
    maxCodeChars: 20_000,
    /** Characters of captured `console.log` output appended to a tool error. */
    maxErrorLogChars: 1_000,
  },
  optimizer: {
    /** Algorithm 1's progressive update; `"one-step"` is the paper's Table 3 baseline. */
    mode: "progressive" as "progressive" | "one-step",
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
  capabilities: {
    /** HTTP methods `fetch` may use unless the policy lists others. */
    methods: ["GET", "HEAD"],
    /** Time limit of one `fetch` request (also bounded by the calling function's own limit). */
    fetchTimeoutMs: 10_000,
    /** Largest response body `fetch` reads; a longer body is cut off and refused. */
    maxResponseBytes: 5 * 1024 * 1024,
    /** Redirects followed by one `fetch`; each target is checked against the policy again. */
    maxRedirects: 5,
    /** Network requests one run may make (replayed responses do not count). */
    maxRequests: 500,
    /** Capability calls one learned-function call may make. */
    maxCallsPerInvocation: 50,
    /** Nesting of `functions.<name>` calls (1 = a function may call others that call none). */
    maxFunctionDepth: 3,
    /** Largest attachment `readAttachment` returns. */
    maxAttachmentBytes: 20 * 1024 * 1024,
    /** Longest text a host tool or search result may return to the guest. */
    maxToolResultChars: 100_000,
  },
  reproduce: {
    /** App. G: training epochs E, early-stop threshold C and actions per optimizer step, the same for every experiment. */
    maxEpochs: 10,
    patience: 10,
    maxActions: 3,
    /** Not in the paper (Algorithm 2 alone is unbounded): the same cap as `training.maxSteps`. */
    maxSteps: 30,
    /** §3.3.4 (Figure 4): batch sizes and the epochs that keep examples seen constant (5·40 = 10·20 ≈ 15·13 = 20·10). */
    batchSchedule: [
      { batchSize: 5, epochs: 40 },
      { batchSize: 10, epochs: 20 },
      { batchSize: 15, epochs: 13 },
      { batchSize: 20, epochs: 10 },
    ] as readonly { batchSize: number; epochs: number }[],
    /** A real run whose estimated cost exceeds this many USD asks for confirmation (or `--yes`). */
    confirmAboveUsd: 1,
    /**
     * What the dry-run estimate assumes (averages, not limits): optimizer steps a cell runs (between
     * early stop after 10 roll-backs and the 30-step cap), accepted steps among them, model calls per
     * task and per optimizer step, and tokens per call.
     */
    estimate: {
      stepsPerCell: 15,
      acceptedSteps: 3,
      agentCallsPerTask: 3,
      agentInputTokensPerCall: 1_500,
      agentOutputTokensPerCall: 300,
      optimizerCallsPerStep: 4,
      optimizerInputTokensPerCall: 12_000,
      optimizerOutputTokensPerCall: 800,
      /** Seconds per model call, for the expected wall time (calls run `concurrency` at a time). */
      secondsPerAgentCall: 4,
      secondsPerOptimizerCall: 20,
    },
  },
  transcript: {
    /** Characters of one tool output kept in an optimizer transcript. */
    maxToolOutputChars: 600,
    /** Characters of one whole task transcript. */
    maxChars: 4_000,
  },
} as const;
