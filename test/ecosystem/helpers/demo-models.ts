import { createDemoAgentPolicy, createDemoOptimizerPolicy, DEMO_MODELS, type DemoData, loadDemoData } from "../../../src/demo/index.js";
import { startScriptedServer } from "../../../src/testing/index.js";
import type { ScriptedServer } from "../../../src/testing/types.js";

export interface DemoModels {
  data: DemoData;
  server: ScriptedServer;
  agentModel: { baseURL: string; model: string; apiKey: string; maxRetries: number };
  optimizerModel: { baseURL: string; model: string; apiKey: string; maxRetries: number };
}

/** The demo's scripted agent and optimizer behind one local OpenAI-compatible server. */
export async function startDemoModels(): Promise<DemoModels> {
  const data = await loadDemoData();
  const agent = createDemoAgentPolicy(data.plans);
  const optimizer = createDemoOptimizerPolicy();
  const server = await startScriptedServer({
    respond: (req) => (req.model === DEMO_MODELS.optimizer ? optimizer(req) : agent(req)),
    models: [DEMO_MODELS.agent, DEMO_MODELS.optimizer],
  });
  const spec = (model: string) => ({ baseURL: server.baseURL, model, apiKey: "scripted", maxRetries: 0 });
  return { data, server, agentModel: spec(DEMO_MODELS.agent), optimizerModel: spec(DEMO_MODELS.optimizer) };
}
