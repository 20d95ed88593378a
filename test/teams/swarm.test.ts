import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluation/index.js";
import { Toolset } from "../../src/functions/index.js";
import { scorer, TASKS } from "./fixtures/supervisor-team.js";
import { swarmTeam } from "./fixtures/swarm-team.js";
import { trainTeamChecked, useTeamEnvironment } from "./fixtures/train-team.js";

describe("a createSwarm team with a hand-off", () => {
  const env = useTeamEnvironment();

  it("trains a calculator-only function, the score rises, and the toolset drops into the same swarm", async () => {
    const { result, agentModel, prompt } = await trainTeamChecked(env, swarmTeam);
    expect(prompt).toContain("(researcher) transfer_to_calculator");

    const reloaded = Toolset.fromJSON(JSON.parse(JSON.stringify(result.toolset.toJSON())));
    const out = await evaluate({ agent: swarmTeam(agentModel), toolset: reloaded, tasks: TASKS, scorer, sandbox: env.sandbox });
    expect(out.accuracy).toBe(1);
    expect(out.records[1]!.functionCalls.map((c) => [c.role, c.name, c.error?.kind ?? "ok"])).toEqual([
      ["researcher", "transfer_to_calculator", "ok"],
      ["calculator", "multiply", "ok"],
    ]);
  });
});
