import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluation/index.js";
import { Toolset } from "../../src/functions/index.js";
import { createModel } from "../../src/models/index.js";
import { createSandbox, type Sandbox } from "../../src/sandbox/index.js";
import type { TeamTools } from "../../src/teams/index.js";
import { scriptedModelSpec, startScriptedServer } from "../../src/testing/index.js";
import type { ScriptedServer } from "../../src/testing/types.js";
import { trainAgent } from "../../src/training/index.js";
import { respond, scorer, TASKS } from "./fixtures/supervisor-team.js";
import { swarmTeam } from "./fixtures/swarm-team.js";

describe("a createSwarm team with a hand-off", () => {
  let server: ScriptedServer;
  let sandbox: Sandbox;
  beforeAll(async () => {
    server = await startScriptedServer({ respond });
    sandbox = await createSandbox({ workers: 1 });
  });
  afterAll(async () => {
    await sandbox?.close();
    await server?.close();
  });

  it("trains a calculator-only function, the score rises, and the toolset drops into the same swarm", { timeout: 120_000 }, async () => {
    const seen: TeamTools[] = [];
    const agentModel = createModel(scriptedModelSpec(server, "agent"));
    const result = await trainAgent({
      agent: swarmTeam(agentModel, seen),
      optimizer: { model: createModel(scriptedModelSpec(server, "optimizer")) },
      train: TASKS,
      scorer,
      maxSteps: 2,
      patience: 1,
      sandbox,
    });
    expect(result.steps[0]?.trainLoss).toBe(0.75);
    expect(result.bestTrainLoss).toBe(0);
    expect(result.toolset.get("multiply")?.roles).toEqual(["calculator"]);
    for (const tools of seen) expect(tools.researcher!.map((x) => x.name)).not.toContain("multiply");
    const prompt = server.requests.find((r) => r.model === "optimizer")!.messages.map((m) => String(m.content)).join("\n");
    expect(prompt).toContain("(researcher) transfer_to_calculator");
    expect(prompt).toContain("Assistant (calculator): FINAL ANSWER: 392");

    const reloaded = Toolset.fromJSON(JSON.parse(JSON.stringify(result.toolset.toJSON())));
    const out = await evaluate({ agent: swarmTeam(agentModel), toolset: reloaded, tasks: TASKS, scorer, sandbox });
    expect(out.accuracy).toBe(1);
    const calls = out.records[1]!.functionCalls.map((c) => [c.role, c.name, c.error?.kind ?? "ok"]);
    expect(calls).toEqual([
      ["researcher", "transfer_to_calculator", "ok"],
      ["calculator", "multiply", "ok"],
    ]);
  });
});
