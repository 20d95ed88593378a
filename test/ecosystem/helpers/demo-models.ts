import { type DemoData, loadDemoData, startDemoServer } from "../../../src/demo/index.js";
import type { ScriptedServer } from "../../../src/testing/types.js";

export interface DemoModels {
  data: DemoData;
  server: ScriptedServer;
  agentModel: { baseURL: string; model: string; apiKey?: string; maxRetries: number };
  optimizerModel: { baseURL: string; model: string; apiKey?: string; maxRetries: number };
}

/** The demo's scripted agent and optimizer behind one local server, retries off so faults show at once. */
export async function startDemoModels(): Promise<DemoModels> {
  const data = await loadDemoData();
  const { server, agentModel, optimizerModel } = await startDemoServer(data);
  return { data, server, agentModel: { ...agentModel, maxRetries: 0 }, optimizerModel: { ...optimizerModel, maxRetries: 0 } };
}
