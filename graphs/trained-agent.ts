// LangGraph server entry (graphs/langgraph.json → "trained_agent"): a
// LangChain `createAgent` agent whose tools are a trained toolset file.
import { statSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { createAgent } from "langchain";
import { assertCapabilitiesGranted, createCapabilities } from "../src/capabilities/index.js";
import { capabilityPolicyOf, type CliCapabilities } from "../src/cli/capability-options.js";
import { ToolforgeError } from "../src/errors.js";
import { Toolset } from "../src/functions/index.js";
import { createModel } from "../src/models/index.js";
import type { ModelSpec } from "../src/models/types.js";
import { createSandbox } from "../src/sandbox/index.js";
import type { Sandbox } from "../src/sandbox/types.js";

const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * What the `trained_agent` graph is built from (`config.configurable`, else the environment).
 *
 * @example
 * const settings: TrainedAgentSettings = { toolset: "notebooks/toolsets/gsm8k-demo.toolset.json", model: "openai:gpt-4o-mini" };
 */
export interface TrainedAgentSettings {
  /** Toolset file (relative to the repository root); env `TOOLFORGE_TOOLSET`. */
  toolset: string;
  /** Model spec; env `TOOLFORGE_MODEL` (a spec string or JSON). */
  model: ModelSpec;
  systemPrompt?: string;
  /** What the learned functions may do (CLI JSON form, e.g. `{ allowNet: ["en.wikipedia.org"], parse: true }`); default nothing. */
  capabilities?: CliCapabilities;
}

/**
 * Reads the settings of a `trained_agent` run: `configurable.toolset`,
 * `configurable.model`, `configurable.systemPrompt`, falling back to the
 * `TOOLFORGE_TOOLSET` / `TOOLFORGE_MODEL` environment variables.
 *
 * @example
 * trainedAgentSettings({ toolset: "runs/demo/best.toolset.json", model: "openai:gpt-4o-mini" });
 */
export function trainedAgentSettings(configurable: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = process.env): TrainedAgentSettings {
  const toolset = configurable.toolset ?? env.TOOLFORGE_TOOLSET;
  if (typeof toolset !== "string" || toolset === "") {
    throw new ToolforgeError("E_GRAPH_CONFIG", "trained_agent: no toolset file; set config.configurable.toolset or TOOLFORGE_TOOLSET", { field: "toolset" });
  }
  let model: unknown = configurable.model ?? env.TOOLFORGE_MODEL;
  if (typeof model === "string" && model.trimStart().startsWith("{")) model = JSON.parse(model);
  if (model === undefined || model === null || model === "") {
    throw new ToolforgeError("E_GRAPH_CONFIG", "trained_agent: no model; set config.configurable.model or TOOLFORGE_MODEL", { field: "model" });
  }
  const systemPrompt = typeof configurable.systemPrompt === "string" ? configurable.systemPrompt : undefined;
  const capabilities = configurable.capabilities;
  if (capabilities !== undefined && (typeof capabilities !== "object" || capabilities === null || Array.isArray(capabilities))) {
    throw new ToolforgeError("E_GRAPH_CONFIG", "trained_agent: configurable.capabilities must be an object such as { allowNet: [...], parse: true }", { field: "capabilities" });
  }
  return {
    toolset: isAbsolute(toolset) ? toolset : resolve(REPO_ROOT, toolset),
    model: model as ModelSpec,
    ...(systemPrompt ? { systemPrompt } : {}),
    ...(capabilities ? { capabilities: capabilities as CliCapabilities } : {}),
  };
}

// One sandbox for the server process: learned functions stay isolated per call.
let sandbox: Promise<Sandbox> | undefined;
const agents = new Map<string, Promise<ReturnType<typeof createAgent>>>();

async function build(settings: TrainedAgentSettings): Promise<ReturnType<typeof createAgent>> {
  const toolset = await Toolset.load(settings.toolset);
  const policy = await capabilityPolicyOf(settings.capabilities);
  assertCapabilitiesGranted(toolset.functions, policy, settings.toolset);
  sandbox ??= createSandbox();
  return createAgent({
    model: createModel(settings.model),
    tools: toolset.toTools({ sandbox: await sandbox, ...(policy ? { capabilities: createCapabilities(policy) } : {}) }),
    ...(settings.systemPrompt ? { systemPrompt: settings.systemPrompt } : {}),
  });
}

/**
 * The `trained_agent` graph factory: the LangGraph server calls it with each
 * run's config and gets a `createAgent` agent whose tools are the toolset
 * file's learned functions (run in the QuickJS sandbox). Agents are cached
 * per toolset file version and model.
 *
 * @example
 * // With `langgraphjs dev --config graphs/langgraph.json` running:
 * import { Client } from "@langchain/langgraph-sdk";
 * const client = new Client({ apiUrl: "http://127.0.0.1:8123" });
 * const result = await client.runs.wait(null, "trained_agent", {
 *   input: { messages: [{ role: "user", content: "What is 11*110?" }] },
 *   config: { configurable: { toolset: "runs/demo/best.toolset.json", model: "openai:gpt-4o-mini" } },
 * });
 */
export async function graph(config: LangGraphRunnableConfig) {
  const settings = trainedAgentSettings((config.configurable ?? {}) as Record<string, unknown>);
  let version: number;
  try {
    version = statSync(settings.toolset).mtimeMs;
  } catch {
    throw new ToolforgeError("E_GRAPH_CONFIG", `trained_agent: toolset file ${settings.toolset} does not exist`, { file: settings.toolset });
  }
  const key = JSON.stringify([settings.toolset, version, settings.model, settings.systemPrompt ?? "", settings.capabilities ?? null]);
  let agent = agents.get(key);
  if (!agent) {
    agent = build(settings);
    agent.catch(() => agents.delete(key));
    agents.set(key, agent);
  }
  return agent;
}
