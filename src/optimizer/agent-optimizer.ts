import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { createModel } from "../models/index.js";
import type { ModelSpec } from "../models/types.js";
import type { Sandbox } from "../sandbox/types.js";
import type { TrainingEvent } from "../training/events.js";
import { OptimizerError } from "./errors.js";
import { createOptimizeStepGraph, resolveOptimizerOptions, type OptimizeStepGraphOptions } from "./optimize-step-graph.js";
import type { PromptMode } from "./prompt-text.js";
import type { OptimizeStepInput, OptimizeStepOutput } from "./types.js";

/**
 * Options of {@link AgentOptimizer}: the optimizer model (a chat model or a
 * `ModelSpec`), the sandbox for smoke runs, and explicit hyper-parameters.
 *
 * @example
 * import type { AgentOptimizerOptions } from "toolforge";
 * const opts: Omit<AgentOptimizerOptions, "sandbox"> = { model: "openai:gpt-4o", maxActions: 3 };
 */
export interface AgentOptimizerOptions extends Omit<OptimizeStepGraphOptions, "model"> {
  model: BaseChatModel | ModelSpec;
}

/**
 * Per-call options of {@link AgentOptimizer.step}.
 *
 * @example
 * import type { OptimizeStepCallOptions } from "toolforge";
 * const opts: OptimizeStepCallOptions = { signal: AbortSignal.timeout(120_000), onEvent: (e) => console.log(e.type) };
 */
export interface OptimizeStepCallOptions {
  signal?: AbortSignal;
  /** Receives the step's progress events (also on the graph's `custom` stream). */
  onEvent?: (event: TrainingEvent) => void;
}

/**
 * The AgentOptimizer of arXiv 2402.11359 (Algorithm 1, progressive function
 * update): an LLM that adds, revises and removes the agent's functions
 * through validated tool calls. Hyper-parameters are explicit, readable
 * fields; `step` runs the compiled optimize-step subgraph
 * ({@link createOptimizeStepGraph}) once.
 *
 * @example
 * import { AgentOptimizer, createSandbox, Toolset } from "toolforge";
 * const sandbox = await createSandbox();
 * const optimizer = new AgentOptimizer({ model: "openai:gpt-4o", sandbox, maxActions: 3 });
 * const out = await optimizer.step({ step: 1, best: Toolset.empty().toJSON(), bestScore: 0.3, records, failures: [] });
 * console.log(out.stopReason, out.actions.map((a) => `${a.action} ${a.name}`));
 * await sandbox.close();
 */
export class AgentOptimizer {
  /** Applied actions per step (MAX_NUM). */
  readonly maxActions: number;
  /** Model turns per step (guards against a model that only sends rejected calls). */
  readonly maxTurns: number;
  /** Token budget of each optimizer request (`countTokens`). */
  readonly promptTokenBudget: number;
  /** Time limit of one smoke run. */
  readonly smokeTimeoutMs: number;
  /** `"progressive"` (Algorithm 1) or `"one-step"` (the whole set in one reply). */
  readonly mode: PromptMode;
  readonly model: BaseChatModel;
  readonly sandbox: Sandbox;
  /** The compiled optimize-step subgraph (usable as a node of a larger graph). */
  readonly graph: ReturnType<typeof createOptimizeStepGraph>;

  constructor(options: AgentOptimizerOptions) {
    if (!options?.sandbox) {
      throw new OptimizerError("E_OPTIMIZER_OPTION", "AgentOptimizer needs a `sandbox` to smoke-run proposed functions (see createSandbox)", {});
    }
    const resolved = resolveOptimizerOptions(options);
    this.maxActions = resolved.maxActions;
    this.maxTurns = resolved.maxTurns;
    this.promptTokenBudget = resolved.promptTokenBudget;
    this.smokeTimeoutMs = resolved.smokeTimeoutMs;
    this.mode = resolved.mode;
    this.model = createModel(options.model);
    this.sandbox = options.sandbox;
    this.graph = createOptimizeStepGraph({ ...options, ...resolved, model: this.model });
  }

  /**
   * One optimize step: starts from `input.best` (List A) and returns the
   * candidate toolset after at most `maxActions` validated actions, with the
   * tokens the step's optimizer calls used.
   *
   * @example
   * const out = await optimizer.step({ step: 2, best, bestScore: 0.5, records, failures }, { onEvent: console.log });
   */
  async step(input: OptimizeStepInput, options: OptimizeStepCallOptions = {}): Promise<OptimizeStepOutput> {
    let output: OptimizeStepOutput | undefined;
    const stream = await this.graph.stream(input, {
      streamMode: ["custom", "values"],
      ...(options.signal ? { signal: options.signal } : {}),
      // One step is prepare + (propose + apply) per turn.
      recursionLimit: 2 * this.maxTurns + 5,
    });
    for await (const [mode, chunk] of stream) {
      if (mode === "custom") options.onEvent?.(chunk as TrainingEvent);
      else output = chunk as OptimizeStepOutput;
    }
    if (output?.candidate == null || output.stopReason == null) {
      throw new OptimizerError("E_OPTIMIZER_INPUT", "the optimize step ended without a result", { step: input.step });
    }
    return { candidate: output.candidate, actions: output.actions, rejected: output.rejected, stopReason: output.stopReason, usage: output.usage };
  }
}
