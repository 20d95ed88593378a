import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import { RunnableLambda } from "@langchain/core/runnables";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCapabilities } from "../../src/capabilities/index.js";
import { Toolset } from "../../src/functions/toolset.js";
import type { AgentRunnable } from "../../src/agents/types.js";
import { evaluate, type Task } from "../../src/evaluation/index.js";
import { createSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { stubAgent } from "./stub-agents.js";

// evaluate builds a factory agent from the toolset it is given, in the
// caller's sandbox (left open) or one of its own.
const tasks: Task[] = [{ id: "t0", question: "1", answer: "2" }];
const exact = (p: string, t: Task) => (p === t.answer ? 1 : 0);
const add = {
  name: "add",
  description: "Add a and b.",
  parameters: { type: "object" as const, properties: { a: { type: "number" } }, required: ["a"] },
  code: "function add({ a }) { return a + 1; }",
  packages: [],
};
const parseTable = { ...add, name: "parse_table", description: "Parse a table.", code: "function parse_table({ a }) { return a; }", capabilities: ["parse"] };
const countRows = {
  name: "count_rows",
  description: "Count the rows of a CSV text.",
  parameters: { type: "object" as const, properties: { csv: { type: "string" } }, required: ["csv"] },
  code: "async function count_rows({ csv }) { return (await parse.csv(csv)).length; }",
  packages: [],
  capabilities: ["parse"],
};

/** A factory agent that notes the names of the tools it was built with. */
function recordingFactory() {
  const built: string[][] = [];
  const factory = (tools: StructuredToolInterface[]) => {
    built.push(tools.map((t) => t.name));
    return stubAgent((q) => String(Number(q) * 2));
  };
  return { factory, built };
}

describe("evaluate with a toolset", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createSandbox();
  });
  afterAll(async () => sandbox?.close());

  it("builds the agent with the toolset's functions, from a Toolset or its JSON form, and none without one", async () => {
    const { factory, built } = recordingFactory();
    await evaluate({ agent: factory, toolset: Toolset.from([add]), tasks, scorer: exact, sandbox });
    await evaluate({ agent: factory, toolset: { format: "toolforge.toolset", version: 2, functions: [add] }, tasks, scorer: exact, sandbox });
    await evaluate({ agent: factory, tasks, scorer: exact, sandbox });
    // Any object that makes tools will do.
    await evaluate({ agent: factory, toolset: { toTools: () => [] }, tasks, scorer: exact, sandbox });
    expect(built).toEqual([["add"], ["add"], [], []]);
  });

  it("leaves the caller's sandbox open", async () => {
    const { factory } = recordingFactory();
    await evaluate({ agent: factory, toolset: Toolset.from([add]), tasks, scorer: exact, sandbox });
    expect(await sandbox.runScript({ source: "1 + 1" })).toMatchObject({ ok: true, value: 2 });
  });

  it("refuses a toolset whose functions need capabilities the run does not grant, before running a task", async () => {
    const { factory, built } = recordingFactory();
    const toolset = Toolset.from([parseTable]);
    await expect(evaluate({ agent: factory, toolset, tasks, scorer: exact, sandbox })).rejects.toMatchObject({ code: "E_POLICY_MISSING" });
    await expect(evaluate({ agent: factory, toolset, tasks, scorer: exact, sandbox, capabilities: {} })).rejects.toMatchObject({
      option: "evaluate: toolset",
      message: expect.stringMatching(/"parse_table" needs parse/),
    });
    expect(built).toEqual([]);
    // Granted as a policy, or as a run's capability runtime.
    expect((await evaluate({ agent: factory, toolset, tasks, scorer: exact, sandbox, capabilities: { parse: true } })).accuracy).toBe(1);
    expect((await evaluate({ agent: factory, toolset, tasks, scorer: exact, sandbox, capabilities: createCapabilities({ parse: true }) })).accuracy).toBe(1);
    expect(built).toEqual([["parse_table"], ["parse_table"]]);
  });

  it("gives the agent's tools the capabilities it grants", async () => {
    // The agent answers with what its one tool returns for a two-row CSV.
    const factory = (tools: StructuredToolInterface[]) =>
      RunnableLambda.from(async (input: { messages: BaseMessage[] }) => {
        const rows = await tools[0]!.invoke({ csv: "a,b\nc,d" });
        return { messages: [...input.messages, new AIMessage(`FINAL ANSWER: ${String(rows)}`)] };
      }) as unknown as AgentRunnable;
    const result = await evaluate({ agent: factory, toolset: Toolset.from([countRows]), tasks, scorer: exact, sandbox, capabilities: { parse: true } });
    expect(result.records[0]!.finalAnswer).toBe("2");
    expect(result.accuracy).toBe(1);
  });
});
