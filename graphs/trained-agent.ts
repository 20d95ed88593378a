// LangGraph server entry (langgraph.json → "trained_agent"): a tool-calling
// agent whose tools are a trained toolset, configured per run through its
// context (Studio's configuration panel), with no environment needed to load.
import { statSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { type BaseMessage, SystemMessage } from "@langchain/core/messages";
import { END, type LangGraphRunnableConfig, MessagesZodState, START, StateGraph } from "@langchain/langgraph";
import { ToolNode, toolsCondition } from "@langchain/langgraph/prebuilt";
import { z } from "zod";
import { assertCapabilitiesGranted, createCapabilities } from "../src/capabilities/index.js";
import { capabilityPolicyOf, type CliCapabilities } from "../src/cli/capability-options.js";
import { ToolforgeError } from "../src/errors.js";
import { Toolkit } from "../src/functions/toolkit.js";
import { Toolset } from "../src/functions/toolset.js";
import { ToolsetStore } from "../src/functions/toolset-store.js";
import { createModel } from "../src/models/index.js";
import type { ModelSpec } from "../src/models/types.js";
import { sharedSandbox } from "./shared-sandbox.js";
import { ModelSpecSchema } from "./training-schemas.js";

const DEMO_TOOLSET = "notebooks/toolsets/gsm8k-demo.toolset.json";

/**
 * The run context of `trained_agent` (also read from `config.configurable`).
 *
 * @example
 * const context: z.input<typeof TrainedAgentContextSchema> = { toolset: "runs/demo/best.toolset.json", model: "openai:gpt-4o-mini" };
 */
export const TrainedAgentContextSchema = z.object({
  toolset: z.string().default(DEMO_TOOLSET).describe("Toolset file, relative to the server's working directory (the repository root under `npm run dev`) (default: the bundled GSM8K demo toolset)"),
  model: ModelSpecSchema.optional().describe("The agent's model; default: the TOOLFORGE_MODEL environment variable"),
  systemPrompt: z.string().optional(),
  run: z.string().optional().describe("Use the latest accepted toolset of this agent_training thread (from the server's store) instead of the file"),
  capabilities: z
    .looseObject({ allowNet: z.array(z.string()).optional(), parse: z.boolean().optional(), attachments: z.boolean().optional(), compose: z.boolean().optional() })
    .optional()
    .describe("What the learned functions may do (the CLI's flags as JSON, e.g. { allowNet: [\"en.wikipedia.org\"], parse: true }); default nothing"),
});

/**
 * What one `trained_agent` run is built from.
 *
 * @example
 * const settings: TrainedAgentSettings = { toolset: "/abs/best.toolset.json", model: "openai:gpt-4o-mini" };
 */
export interface TrainedAgentSettings {
  toolset: string;
  /** A training run (thread id) whose latest accepted toolset, from the store, replaces `toolset`. */
  run?: string;
  model: ModelSpec;
  systemPrompt?: string;
  /** What the learned functions may do; default nothing. */
  capabilities?: CliCapabilities;
}

/**
 * Reads a run's settings: the context (or `configurable`) checked against
 * {@link TrainedAgentContextSchema}, the toolset falling back to
 * `TOOLFORGE_TOOLSET`, then the bundled demo toolset, the model to
 * `TOOLFORGE_MODEL` (a spec string or JSON). Throws `E_GRAPH_CONFIG` naming
 * the field.
 *
 * @example
 * trainedAgentSettings({ toolset: "runs/demo/best.toolset.json", model: "openai:gpt-4o-mini" });
 */
export function trainedAgentSettings(context: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = process.env): TrainedAgentSettings {
  const fields: Record<string, unknown> = Object.fromEntries(Object.keys(TrainedAgentContextSchema.shape).filter((k) => context[k] !== undefined).map((k) => [k, context[k]]));
  if (fields.toolset === undefined && env.TOOLFORGE_TOOLSET) fields.toolset = env.TOOLFORGE_TOOLSET;
  const parsed = TrainedAgentContextSchema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ToolforgeError("E_GRAPH_CONFIG", `trained_agent: ${issue.path.join(".") || "context"}: ${issue.message}`, { field: issue.path.join(".") });
  }
  let model: unknown = parsed.data.model ?? env.TOOLFORGE_MODEL;
  if (typeof model === "string" && model.trimStart().startsWith("{")) model = JSON.parse(model);
  if (model === undefined || model === "") {
    throw new ToolforgeError("E_GRAPH_CONFIG", "trained_agent: no model; set it in the run context (model) or TOOLFORGE_MODEL", { field: "model" });
  }
  const toolset = parsed.data.toolset;
  return {
    toolset: isAbsolute(toolset) ? toolset : resolve(process.cwd(), toolset),
    model: model as ModelSpec,
    ...(parsed.data.systemPrompt ? { systemPrompt: parsed.data.systemPrompt } : {}),
    ...(parsed.data.run ? { run: parsed.data.run } : {}),
    ...(parsed.data.capabilities ? { capabilities: parsed.data.capabilities as CliCapabilities } : {}),
  };
}

interface Resources {
  model: ReturnType<BaseChatModel["bindTools"] & {}>;
  tools: ToolNode;
  systemPrompt?: string;
}

const resources = new Map<string, Promise<Resources>>();

async function build(settings: TrainedAgentSettings, toolset: Toolset): Promise<Resources> {
  const policy = await capabilityPolicyOf(settings.capabilities);
  // A toolset that needs more than this run grants is refused, naming what is missing.
  assertCapabilitiesGranted(toolset.functions, policy, settings.toolset);
  const toolkit = await Toolkit.create(toolset, { sandbox: await sharedSandbox(), ...(policy ? { capabilities: createCapabilities(policy) } : {}) });
  const tools = toolkit.getTools();
  return {
    model: createModel(settings.model).bindTools!(tools),
    tools: new ToolNode(tools),
    ...(settings.systemPrompt ? { systemPrompt: settings.systemPrompt } : {}),
  };
}

/** The toolset of a run: the latest one a training thread saved to the store, else the file; with a version to cache by. */
async function toolsetOf(settings: TrainedAgentSettings, config: LangGraphRunnableConfig): Promise<{ version: string; load: () => Promise<Toolset> }> {
  if (settings.run) {
    if (!config.store) throw new ToolforgeError("E_GRAPH_CONFIG", "trained_agent: run needs a store (the LangGraph server provides one)", { field: "run" });
    const stored = await new ToolsetStore(config.store).latest(settings.run);
    if (!stored) throw new ToolforgeError("E_GRAPH_CONFIG", `trained_agent: no toolset stored for run "${settings.run}"`, { field: "run" });
    return { version: `${settings.run}@${stored.version}`, load: async () => stored.toolset };
  }
  try {
    return { version: `${settings.toolset}@${statSync(settings.toolset).mtimeMs}`, load: () => Toolset.load(settings.toolset) };
  } catch {
    throw new ToolforgeError("E_GRAPH_CONFIG", `trained_agent: toolset file ${settings.toolset} does not exist`, { field: "toolset", file: settings.toolset });
  }
}

/** Agent parts per toolset version, model and prompt. */
async function resourcesFor(config: LangGraphRunnableConfig): Promise<Resources> {
  const context = { ...(config.configurable ?? {}), ...((config as { context?: Record<string, unknown> }).context ?? {}) };
  const settings = trainedAgentSettings(context);
  const toolset = await toolsetOf(settings, config);
  const key = JSON.stringify([toolset.version, settings.model, settings.systemPrompt ?? "", settings.capabilities ?? null]);
  let found = resources.get(key);
  if (!found) {
    found = toolset.load().then((loaded) => build(settings, loaded));
    found.catch(() => resources.delete(key));
    resources.set(key, found);
  }
  return found;
}

type State = { messages: BaseMessage[] };

const callModel = async (state: State, config: LangGraphRunnableConfig) => {
  const { model, systemPrompt } = await resourcesFor(config);
  const prompt = systemPrompt ? [new SystemMessage(systemPrompt), ...state.messages] : state.messages;
  return { messages: [await model.invoke(prompt, config)] };
};

const callTools = async (state: State, config: LangGraphRunnableConfig) => (await resourcesFor(config)).tools.invoke(state, config);

/**
 * The `trained_agent` graph: `agent` (the model with the learned functions
 * bound) ⇄ `tools` (LangGraph's `ToolNode`, calls run in the QuickJS
 * sandbox) until the model answers. Configured by its context
 * ({@link TrainedAgentContextSchema}): `toolset`, `model`, `systemPrompt`,
 * or `run` to use the latest toolset an `agent_training` thread accepted.
 *
 * @example
 * // With `npm run dev` running:
 * import { Client } from "@langchain/langgraph-sdk";
 * const client = new Client({ apiUrl: "http://127.0.0.1:2024" });
 * const result = await client.runs.wait(null, "trained_agent", {
 *   input: { messages: [{ role: "user", content: "What is 11*110?" }] },
 *   context: { toolset: "runs/demo/best.toolset.json", model: "openai:gpt-4o-mini" },
 * });
 */
export const graph = new StateGraph({ state: MessagesZodState, context: TrainedAgentContextSchema })
  .addNode("agent", callModel)
  .addNode("tools", callTools)
  .addEdge(START, "agent")
  .addConditionalEdges("agent", toolsCondition, ["tools", END])
  .addEdge("tools", "agent")
  .compile({ name: "trained_agent" });
