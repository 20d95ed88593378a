import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluation/index.js";
import { Toolset } from "../../src/functions/index.js";
import { scorer, supervisorTeam, TASKS } from "./fixtures/supervisor-team.js";
import { trainTeamChecked, useTeamEnvironment } from "./fixtures/train-team.js";

describe("a createSupervisor team with two workers", () => {
  const env = useTeamEnvironment();

  it("trains a function for the calculator alone, the score rises, and the toolset drops into the same graph", async () => {
    const { result, agentModel, prompt, optimizerRequest } = await trainTeamChecked(env, supervisorTeam);

    // The optimizer saw the team and role-attributed transcripts, and may name roles.
    expect(prompt).toContain("## The team");
    expect(prompt).toContain("- calculator: Does the arithmetic.");
    expect(prompt).toContain("(supervisor) transfer_to_calculator");
    const addTool = optimizerRequest.tools!.find((t) => t.function.name === "add_function")!;
    expect(JSON.stringify(addTool.function.parameters)).toContain('"enum":["researcher","calculator"]');

    // The trained file, reloaded, in the same supervisor graph: the researcher's attempt is refused, the calculator's works.
    const reloaded = Toolset.fromJSON(JSON.parse(JSON.stringify(result.toolset.toJSON())));
    const out = await evaluate({
      agent: supervisorTeam(agentModel),
      toolset: reloaded,
      tasks: [...TASKS, { id: "r1", question: "Research, then multiply 21 by 11.", answer: "231" }],
      scorer,
      sandbox: env.sandbox,
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
