import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluation/index.js";
import { Toolset } from "../../src/functions/index.js";
import { createModel } from "../../src/models/index.js";
import { createSandbox, type Sandbox } from "../../src/sandbox/index.js";
import type { TeamTools } from "../../src/teams/index.js";
import { scriptedModelSpec, startScriptedServer } from "../../src/testing/index.js";
import type { ScriptedServer } from "../../src/testing/types.js";
import { trainAgent } from "../../src/training/index.js";
import { respond, scorer, supervisorTeam, TASKS } from "./fixtures/supervisor-team.js";

describe("a createSupervisor team with two workers", () => {
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

  it("trains a function for the calculator alone, the score rises, and the toolset drops into the same graph", { timeout: 120_000 }, async () => {
    const seen: TeamTools[] = [];
    const agentModel = createModel(scriptedModelSpec(server, "agent"));
    const result = await trainAgent({
      agent: supervisorTeam(agentModel, seen),
      optimizer: { model: createModel(scriptedModelSpec(server, "optimizer")) },
      train: TASKS,
      scorer,
      maxSteps: 2,
      patience: 1,
      sandbox,
    });
    expect(result.steps[0]?.trainLoss).toBe(0.75);
    expect(result.bestTrainLoss).toBe(0);
    const multiply = result.toolset.get("multiply");
    expect(multiply?.roles).toEqual(["calculator"]);
    // Every build after the first gave multiply to the calculator only.
    const withMultiply = seen.filter((t) => t.calculator!.some((x) => x.name === "multiply"));
    expect(withMultiply.length).toBeGreaterThan(0);
    for (const tools of seen) expect(tools.researcher!.map((x) => x.name)).not.toContain("multiply");

    // The optimizer saw the team and role-attributed transcripts.
    const prompt = server.requests.find((r) => r.model === "optimizer")!.messages.map((m) => String(m.content)).join("\n");
    expect(prompt).toContain("## The team");
    expect(prompt).toContain("- calculator: Does the arithmetic.");
    expect(prompt).toContain("Assistant (calculator): FINAL ANSWER: 392");
    expect(prompt).toContain("(supervisor) transfer_to_calculator");
    const addTool = server.requests.find((r) => r.model === "optimizer")!.tools!.find((t) => t.function.name === "add_function")!;
    expect(JSON.stringify(addTool.function.parameters)).toContain('"enum":["researcher","calculator"]');

    // The trained file, reloaded, in the same supervisor graph: the researcher's attempt is refused, the calculator's works.
    const reloaded = Toolset.fromJSON(JSON.parse(JSON.stringify(result.toolset.toJSON())));
    const out = await evaluate({
      agent: supervisorTeam(agentModel),
      toolset: reloaded,
      tasks: [...TASKS, { id: "r1", question: "Research, then multiply 21 by 11.", answer: "231" }],
      scorer,
      sandbox,
    });
    expect(out.accuracy).toBe(1);
    const calls = out.records.at(-1)!.functionCalls.filter((c) => c.name === "multiply");
    expect(calls.map((c) => [c.role, c.error?.kind ?? "ok"])).toEqual([
      ["researcher", "tool_error"],
      ["calculator", "ok"],
    ]);
    expect(calls[1]!.result).toBe("231");
  });
});
