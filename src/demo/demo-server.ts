import type { ModelSpec } from "../models/types.js";
import { startScriptedServer } from "../testing/scripted-server.js";
import type { ScriptedServer } from "../testing/types.js";
import type { DemoData } from "./demo-data.js";
import { createDemoAgentPolicy } from "./scripted-agent.js";
import { createDemoOptimizerPolicy } from "./scripted-optimizer.js";

/**
 * Model names the demo's scripted server answers to.
 *
 * @example
 * import { DEMO_MODELS } from "toolforge";
 * const spec = { baseURL: server.baseURL, model: DEMO_MODELS.agent, apiKey: "scripted" };
 */
export const DEMO_MODELS = { agent: "toolforge-demo-scripted-agent", optimizer: "toolforge-demo-scripted-optimizer" } as const;

/**
 * The demo's scripted agent and optimizer behind one local OpenAI-compatible
 * server, with the model specs that reach them through the real client.
 * Demo mode only: these are fixed scripts, not LLMs.
 *
 * @example
 * import { loadDemoData, startDemoServer } from "toolforge";
 * const demo = await startDemoServer(await loadDemoData());
 * console.log(demo.agentModel); // { baseURL: "http://127.0.0.1:…/v1", model: "toolforge-demo-scripted-agent", … }
 * await demo.server.close();
 */
export async function startDemoServer(data: DemoData): Promise<{ server: ScriptedServer; agentModel: Exclude<ModelSpec, string> & { baseURL: string }; optimizerModel: Exclude<ModelSpec, string> & { baseURL: string } }> {
  const agent = createDemoAgentPolicy(data.plans);
  const optimizer = createDemoOptimizerPolicy();
  const server = await startScriptedServer({
    respond: (req) => (req.model === DEMO_MODELS.optimizer ? optimizer(req) : agent(req)),
    models: [DEMO_MODELS.agent, DEMO_MODELS.optimizer],
  });
  const spec = (model: string) => ({ baseURL: server.baseURL, model, apiKey: "scripted" });
  return { server, agentModel: spec(DEMO_MODELS.agent), optimizerModel: spec(DEMO_MODELS.optimizer) };
}
