import type { CliCapabilities } from "../src/cli/capability-options.js";
import { ToolforgeError } from "../src/errors.js";
import type { ModelSpec } from "../src/models/types.js";

/**
 * What the `agent_training` graph trains, as JSON: the graph's input, with
 * defaults taken from `config.configurable` (so an assistant can pin models
 * and hyper-parameters while each run only names its data).
 *
 * @example
 * const request: TrainingRequest = {
 *   dataset: "math:train20",
 *   agent: { kind: "react", model: "ollama:llama3.1" },
 *   optimizer: { model: "openai:gpt-4o", maxActions: 3 },
 *   maxSteps: 5,
 * };
 */
export interface TrainingRequest {
  /** Dataset preset (`"gsm8k:train"`, `"math:train20"`, …) or a JSONL path (relative to the repository root). */
  dataset: string;
  /** Keep only these task ids, in this order. */
  taskIds?: string[];
  /** Keep the first N tasks. */
  limit?: number;
  /** Optional validation dataset (same forms as `dataset`). */
  validation?: string;
  validationTaskIds?: string[];
  agent: { kind: "tool-calling" | "react"; model: ModelSpec; maxSteps?: number; codeInterpreter?: boolean; systemPrompt?: string };
  optimizer: { model: ModelSpec; maxActions?: number; mode?: "progressive" | "one-step" };
  /** Accepted improvements before stopping (the paper's E). */
  maxEpochs?: number;
  /** Hard cap on optimizer steps. */
  maxSteps?: number;
  /** `false`: the paper's ablation without roll-back and early stop. */
  rollback?: boolean;
  /** What learned functions may do beyond computing, in the CLI's JSON form (`{ allowNet: [...], parse: true, attachments: true, compose: true, toolsModule }`); default nothing. */
  capabilities?: CliCapabilities;
  /** Consecutive roll-backs before early stop (`patience` of `trainAgent`; `patience` also works in `config.configurable`). */
  earlyStopPatience?: number;
  batchSize?: number;
  seed?: number;
  concurrency?: number;
  /** Run directory (relative to the repository root) for the model cache and toolset files; checkpoints go to the server's checkpointer. */
  runDir?: string;
  /** Pause before each candidate is evaluated for a human decision (`Command({ resume })`). */
  review?: boolean;
}

const KEYS = [
  "dataset",
  "taskIds",
  "limit",
  "validation",
  "validationTaskIds",
  "agent",
  "optimizer",
  "maxEpochs",
  "maxSteps",
  "rollback",
  "capabilities",
  "earlyStopPatience",
  "batchSize",
  "seed",
  "concurrency",
  "runDir",
  "review",
] as const satisfies readonly (keyof TrainingRequest)[];

function fail(field: string, why: string): never {
  throw new ToolforgeError("E_GRAPH_INPUT", `agent_training: ${field} ${why} (set it in the run input or in config.configurable)`, { field });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkModel(field: string, model: unknown): void {
  if (typeof model === "string" && model.includes(":")) return;
  if (isObject(model) && typeof model.model === "string") return;
  fail(field, `must be a model spec such as "openai:gpt-4o" or { baseURL, model, apiKey }, got ${JSON.stringify(model)}`);
}

/**
 * Merges a run's input over `config.configurable` and checks the result.
 * Input fields win; unknown keys are ignored (LangGraph puts its own keys in
 * `configurable`).
 *
 * @example
 * const request = resolveTrainingRequest(
 *   { dataset: "gsm8k:train", limit: 8 },
 *   { agent: { kind: "tool-calling", model: "openai:gpt-4o-mini" }, optimizer: { model: "openai:gpt-4o" } },
 * );
 */
export function resolveTrainingRequest(input: Record<string, unknown>, configurable: Record<string, unknown> = {}): TrainingRequest {
  const merged: Record<string, unknown> = {};
  for (const key of KEYS) {
    const value = input[key] ?? configurable[key];
    if (value !== undefined && value !== null) merged[key] = value;
  }
  if (typeof merged.dataset !== "string" || merged.dataset === "") fail("dataset", "is required: a preset like \"gsm8k:train\" or a JSONL path");
  const agent = merged.agent;
  if (!isObject(agent) || (agent.kind !== "tool-calling" && agent.kind !== "react")) fail("agent", 'must be { kind: "tool-calling" | "react", model }');
  checkModel("agent.model", agent.model);
  const optimizer = merged.optimizer;
  if (!isObject(optimizer)) fail("optimizer", "must be { model, maxActions? }");
  checkModel("optimizer.model", optimizer.model);
  // `patience` is also the loop's roll-back counter in the graph state, so
  // only the configuration may use that name.
  if (merged.earlyStopPatience === undefined && configurable.patience !== undefined) merged.earlyStopPatience = configurable.patience;
  for (const key of ["limit", "maxEpochs", "maxSteps", "earlyStopPatience", "batchSize", "seed", "concurrency"] as const) {
    const value = merged[key];
    if (value !== undefined && (!Number.isInteger(value) || (value as number) < 0)) fail(key, `must be a non-negative integer, got ${JSON.stringify(value)}`);
  }
  for (const key of ["review", "rollback"] as const) {
    if (merged[key] !== undefined && typeof merged[key] !== "boolean") fail(key, `must be true or false, got ${JSON.stringify(merged[key])}`);
  }
  if (optimizer.mode !== undefined && optimizer.mode !== "progressive" && optimizer.mode !== "one-step") fail("optimizer.mode", `must be "progressive" or "one-step", got ${JSON.stringify(optimizer.mode)}`);
  if (merged.capabilities !== undefined && !isObject(merged.capabilities)) fail("capabilities", "must be an object such as { allowNet: [\"en.wikipedia.org\"], parse: true }");
  for (const key of ["taskIds", "validationTaskIds"] as const) {
    const value = merged[key];
    if (value !== undefined && (!Array.isArray(value) || value.some((id) => typeof id !== "string"))) fail(key, "must be an array of task id strings");
  }
  return merged as unknown as TrainingRequest;
}
