import type { ModelSpec } from "../models/types.js";
import { startScriptedServer } from "../testing/scripted-server.js";
import type { ScriptedRequest } from "../testing/types.js";
import { loadDemoData } from "./demo-data.js";
import { createDemoAgentPolicy } from "./scripted-agent.js";
import { createDemoOptimizerPolicy } from "./scripted-optimizer.js";

/**
 * The offline model spec of the CLI: `--model scripted:demo` (and
 * `--optimizer-model`) in `train`, `eval` and `resume` reach the demo's
 * SCRIPTED policies, not an LLM, through a local OpenAI-compatible server on
 * 127.0.0.1 that the command starts and stops. The scripted agent knows the
 * worked solutions of the bundled GSM8K rows (`gsm8k:train`, `gsm8k:test`)
 * and answers any other question "unknown"; the scripted optimizer adds the
 * demo's functions. For trying the CLI without an API key, not for results.
 *
 * @example
 * // npx toolforge train --data gsm8k:train --limit 8 --model scripted:demo --out runs/try
 * import { SCRIPTED_DEMO_SPEC } from "toolforge";
 * console.log(SCRIPTED_DEMO_SPEC); // "scripted:demo"
 */
export const SCRIPTED_DEMO_SPEC = "scripted:demo";

/**
 * What the CLI prints when a command uses `scripted:demo`, so output from
 * scripted models is never mistaken for an LLM's.
 *
 * @example
 * import { SCRIPTED_MODELS_NOTE } from "toolforge";
 * console.log(SCRIPTED_MODELS_NOTE);
 */
export const SCRIPTED_MODELS_NOTE =
  "scripted:demo — THE MODELS ARE SCRIPTED (demo mode): fixed policies from src/demo on a local server at 127.0.0.1, not an LLM; they only know the bundled GSM8K questions. No API key, no network.";

/** The optimizer's requests carry its action tools; everything else is the agent's. */
const OPTIMIZER_TOOLS = new Set(["add_function", "revise_function", "remove_function", "terminate"]);

/**
 * Whether a model spec is the scripted offline one ({@link SCRIPTED_DEMO_SPEC}).
 *
 * @example
 * import { isScriptedModelSpec } from "toolforge";
 * isScriptedModelSpec("scripted:demo"); // true
 * isScriptedModelSpec("openai:gpt-4o"); // false
 */
export function isScriptedModelSpec(spec: ModelSpec | undefined): spec is typeof SCRIPTED_DEMO_SPEC {
  return typeof spec === "string" && spec.trim() === SCRIPTED_DEMO_SPEC;
}

/**
 * Starts the scripted server when any of `specs` is `scripted:demo` and
 * returns `resolve`, which maps that spec to the server's URL (other specs
 * pass through unchanged), and `close`. With no scripted spec nothing starts;
 * otherwise `onStart` gets {@link SCRIPTED_MODELS_NOTE} first.
 *
 * @example
 * import { startScriptedModels } from "toolforge";
 * const scripted = await startScriptedModels(["scripted:demo"]);
 * try { console.log(scripted.resolve("scripted:demo")); } finally { await scripted.close(); }
 */
export async function startScriptedModels(
  specs: readonly (ModelSpec | undefined)[],
  onStart?: (note: string) => void,
): Promise<{ resolve(spec: ModelSpec): ModelSpec; close(): Promise<void> }> {
  if (!specs.some(isScriptedModelSpec)) return { resolve: (spec) => spec, close: async () => {} };
  onStart?.(SCRIPTED_MODELS_NOTE);
  const agent = createDemoAgentPolicy((await loadDemoData()).plans);
  const optimizer = createDemoOptimizerPolicy();
  const isOptimizer = (req: ScriptedRequest) => (req.tools ?? []).some((t) => OPTIMIZER_TOOLS.has(t.function.name));
  const server = await startScriptedServer({ respond: (req) => (isOptimizer(req) ? optimizer(req) : agent(req)), models: [SCRIPTED_DEMO_SPEC] });
  const url: ModelSpec = { baseURL: server.baseURL, model: SCRIPTED_DEMO_SPEC, apiKey: "scripted" };
  return { resolve: (spec) => (isScriptedModelSpec(spec) ? url : spec), close: () => server.close() };
}
