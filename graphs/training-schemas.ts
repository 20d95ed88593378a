// Zod schemas of the `agent_training` graph: what Studio and `/schemas` show.
import { registry } from "@langchain/langgraph/zod";
import { z } from "zod";
import type { ToolsetFile } from "../src/functions/toolset-file.js";
import { TrainingState } from "../src/training/state.js";
import type { StepSummary, TrainingStopReason, UsageByRole } from "../src/training/types.js";

/**
 * A model spec as JSON: `"<provider>:<model>"` as LangChain's
 * `initChatModel` writes it (`"openai:gpt-4o"`, `"anthropic:…"`,
 * `"ollama:llama3.1"` for ChatOllama), `"openai-compatible:<model>@<baseURL>"`,
 * an OpenAI-compatible server `{ baseURL, model, apiKey? }`, or a provider's
 * client at your own host `{ provider, model, baseURL?, apiKey? }`.
 *
 * @example
 * ModelSpecSchema.parse({ baseURL: "http://127.0.0.1:8000/v1", model: "qwen" });
 */
export const ModelSpecSchema = z.union([
  z.string().describe('"provider:model", e.g. "openai:gpt-4o-mini", "anthropic:claude-sonnet-4-5", "ollama:llama3.1", or "openai-compatible:qwen@http://127.0.0.1:8000/v1"'),
  z.looseObject({ baseURL: z.string(), model: z.string(), apiKey: z.string().optional() }).describe("an OpenAI-compatible server"),
  z.looseObject({ provider: z.string(), model: z.string(), baseURL: z.string().optional(), apiKey: z.string().optional() }).describe("a provider's client at a host of your own"),
]);

const count = (description: string) => z.number().int().nonnegative().optional().describe(description);

/**
 * The run input of `agent_training` (each field may instead come from
 * `config.configurable`; the input wins).
 *
 * @example
 * const input: z.input<typeof TrainingInputSchema> = { dataset: "gsm8k:train", limit: 8, review: true };
 */
export const TrainingInputSchema = z.object({
  dataset: z.string().optional().describe('Dataset preset ("gsm8k:train", "math:train20", …) or a JSONL path relative to the repository root'),
  taskIds: z.array(z.string()).optional().describe("Keep only these task ids, in this order"),
  limit: count("Keep the first N tasks"),
  validation: z.string().optional().describe("Validation dataset (same forms as dataset); picks the returned toolset"),
  validationTaskIds: z.array(z.string()).optional(),
  agent: z
    .object({
      kind: z.enum(["tool-calling", "react"]),
      model: ModelSpecSchema,
      maxSteps: count("Model turns per task"),
      codeInterpreter: z.boolean().optional(),
      systemPrompt: z.string().optional(),
    })
    .optional()
    .describe("The agent being trained"),
  optimizer: z
    .object({
      model: ModelSpecSchema,
      maxActions: count("Actions per step (App. G: 3)"),
      mode: z.enum(["progressive", "one-step"]).optional().describe("one-step: the paper's baseline without progressive function update"),
    })
    .optional()
    .describe("The optimizer LLM"),
  maxEpochs: count("Accepted improvements before stopping (the paper's E)"),
  maxSteps: count("Hard cap on optimization steps"),
  rollback: z.boolean().optional().describe("false: the paper's ablation without roll-back and early stop"),
  capabilities: z
    .looseObject({ allowNet: z.array(z.string()).optional(), parse: z.boolean().optional(), attachments: z.boolean().optional(), compose: z.boolean().optional() })
    .optional()
    .describe("What learned functions may do beyond computing (the CLI's flags as JSON); default nothing"),
  earlyStopPatience: count("Consecutive roll-backs before early stop (trainAgent's `patience`)"),
  batchSize: count("Training records shown to the optimizer per step"),
  seed: count("Seed of minibatch sampling"),
  concurrency: count("Task evaluations in flight"),
  runDir: z.string().optional().describe("Directory for the model cache and toolset files (relative to the repository root)"),
  review: z.boolean().optional().describe("Pause before each candidate is evaluated for a human to approve, edit or reject it"),
});

const usage = z.object({ inputTokens: z.number(), outputTokens: z.number(), totalTokens: z.number() });
const toolsetFile = z.looseObject({
  format: z.literal("toolforge.toolset"),
  version: z.number(),
  functions: z.array(z.looseObject({ name: z.string(), description: z.string(), code: z.string() })),
}) as unknown as z.ZodType<ToolsetFile>;
const stepSummary = z.looseObject({
  step: z.number(),
  trainLoss: z.number(),
  validationLoss: z.number().optional(),
  accepted: z.boolean(),
  unchanged: z.boolean().optional(),
  review: z.enum(["approved", "edited", "rejected"]).optional(),
  toolsetHash: z.string(),
}) as unknown as z.ZodType<StepSummary>;

/**
 * What `agent_training` returns: the trained toolset, one summary per step,
 * the losses, why it stopped and the token usage per role.
 *
 * @example
 * const { toolset, stopReason } = TrainingOutputSchema.parse((await client.threads.getState(id)).values);
 */
export const TrainingOutputSchema = z.object({
  toolset: toolsetFile.optional().describe("The trained toolset (best on validation if given, else on train)"),
  steps: z.array(stepSummary).optional(),
  bestTrainLoss: z.number().optional(),
  bestValidationLoss: z.number().optional(),
  stopReason: z.enum(["max_steps", "early_stop", "budget", "aborted"]).optional() as z.ZodType<TrainingStopReason | undefined>,
  usage: z.object({ agent: usage, optimizer: usage }).optional() as z.ZodType<UsageByRole | undefined>,
});

/**
 * The loop's own channels, taken from {@link TrainingState} (declared once,
 * there) with their reducers; opaque to Studio.
 */
function trainingChannels() {
  type Channel = { operator?: (a: unknown, b: unknown) => unknown; initialValueFactory?: () => unknown };
  const entries = Object.entries(TrainingState.spec).map(([key, channel]) => {
    const { operator, initialValueFactory } = channel as unknown as Channel;
    const field = z.unknown().describe("training loop state");
    return [key, operator ? field.register(registry, { reducer: { fn: operator }, ...(initialValueFactory ? { default: initialValueFactory } : {}) }) : field];
  });
  return Object.fromEntries(entries) as Record<keyof typeof TrainingState.spec, z.ZodType<unknown>>;
}

/**
 * The whole state of `agent_training`: input, output and the loop's channels.
 *
 * @example
 * new StateGraph({ state: AgentTrainingStateSchema, input: TrainingInputSchema, output: TrainingOutputSchema });
 */
export const AgentTrainingStateSchema = z.object({
  ...TrainingInputSchema.shape,
  ...TrainingOutputSchema.shape,
  ...trainingChannels(),
  request: z.record(z.string(), z.unknown()).optional().describe("The resolved request the run started with (API keys left out)"),
});
