import { SystemMessage, HumanMessage } from "@langchain/core/messages";
import { fakeModel } from "@langchain/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCapabilities } from "../../src/capabilities/index.js";
import { Toolset } from "../../src/functions/index.js";
import { createOptimizeStepGraph } from "../../src/optimizer/index.js";
import { createSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { baseRecords, baseToolset } from "./fixtures.js";

// The step graph hands the run's capability policy and team to both the
// prompt and the checks of each proposal.
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ workers: 1 });
});
afterAll(async () => {
  await sandbox?.close();
});

const team = [
  { name: "solver", description: "Solves the task." },
  { name: "checker", description: "Checks the solver's answer." },
];
const input = () => ({ step: 1, best: baseToolset().toJSON(), bestScore: 0.5, records: baseRecords(), failures: [] });
const reader = {
  name: "read_table",
  description: "Parse a table given as text.",
  arguments: { text: { type: "string" } },
  packages: "",
  capabilities: ["parse"],
  roles: ["checker"],
  code: "async function read_table({ text }) { return text.length; }",
};

describe("optimize step with a team and a capability policy", () => {
  it("shows both in the prompt, and accepts a function that declares a granted capability and a team role", async () => {
    const model = fakeModel().respondWithTools([{ id: "a1", name: "add_function", args: reader }]).respondWithTools([{ name: "terminate", args: {} }]);
    const graph = createOptimizeStepGraph({ model, sandbox, team, capabilities: createCapabilities({ parse: true }) });
    const out = await graph.invoke(input());
    expect(out.rejected).toEqual([]);
    const added = Toolset.fromJSON(out.candidate!).get("read_table");
    expect(added).toMatchObject({ capabilities: ["parse"], roles: ["checker"] });
    const [system, human] = model.calls[0]!.messages as [SystemMessage, HumanMessage];
    expect(system.text).toContain("Capabilities granted in this run (async");
    expect(system.text).toContain("parse");
    expect(human.text).toContain("## The team");
    expect(human.text).toContain("checker");
  });

  it("without them, refuses the same proposal: nothing granted, no team", async () => {
    const model = fakeModel().respondWithTools([{ id: "a1", name: "add_function", args: reader }]).respondWithTools([{ name: "terminate", args: {} }]);
    const out = await createOptimizeStepGraph({ model, sandbox }).invoke(input());
    expect(out.rejected).toEqual([expect.objectContaining({ toolCallId: "a1", code: "invalid_arguments" })]);
    expect(out.rejected![0]!.reason).toContain("not a multi-agent team");
    const withTeam = fakeModel().respondWithTools([{ id: "a1", name: "add_function", args: reader }]).respondWithTools([{ name: "terminate", args: {} }]);
    const ungranted = await createOptimizeStepGraph({ model: withTeam, sandbox, team }).invoke(input());
    expect(ungranted.rejected).toEqual([expect.objectContaining({ toolCallId: "a1", code: "invalid_spec" })]);
    expect(ungranted.rejected![0]!.reason).toContain("parse is not granted in this run (granted: none)");
    expect((withTeam.calls[0]!.messages[0] as SystemMessage).text).toContain("Capabilities granted in this run: none.");
  });
});
