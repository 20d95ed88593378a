import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EvaluationAbortedError, type Scorer } from "../../src/evaluation/index.js";
import { Toolset } from "../../src/functions/toolset.js";
import { createSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { createTaskEvaluator } from "../../src/training/task-evaluator.js";
import { stubAgent } from "../evaluation/stub-agents.js";
import { makeTasks } from "./helpers.js";

const [task] = makeTasks(1);
const add = { name: "add", description: "Add one.", parameters: { type: "object" as const, properties: {} }, code: "function add() { return 1; }" };

/** Names the runs it sees start. */
class RunNames extends BaseCallbackHandler {
  name = "run-names";
  seen: { runName?: string; tags?: string[] }[] = [];
  override handleChainStart(_chain: unknown, _inputs: unknown, _runId: string, _parent?: string, tags?: string[], _metadata?: unknown, _runType?: string, runName?: string): void {
    this.seen.push({ runName, tags });
  }
}

describe("createTaskEvaluator", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createSandbox();
  });
  afterAll(async () => sandbox?.close());

  // A factory agent answering task.answer, counting its builds and the tools it got.
  const setup = (scorers: { trainScorer: Scorer; validationScorer?: Scorer }) => {
    const builds: string[][] = [];
    const agent = (tools: StructuredToolInterface[]) => {
      builds.push(tools.map((t) => t.name));
      return stubAgent(() => task!.answer);
    };
    return { builds, evaluateTask: createTaskEvaluator({ agent, sandbox, ...scorers }) };
  };

  it("builds the agent once per toolset and scores training tasks with the train scorer, validation tasks with the validation scorer", async () => {
    const { builds, evaluateTask } = setup({ trainScorer: () => 1, validationScorer: () => 0.5 });
    const empty = Toolset.empty().toJSON();
    const withAdd = Toolset.from([add]).toJSON();
    expect((await evaluateTask({ toolset: empty, task: task!, phase: "candidate", step: 1 })).score).toBe(1);
    expect((await evaluateTask({ toolset: empty, task: task!, phase: "validation", step: 1 })).score).toBe(0.5);
    expect((await evaluateTask({ toolset: withAdd, task: task!, phase: "baseline", step: 0 })).score).toBe(1);
    expect(builds).toEqual([[], ["add"]]);
  });

  it("keeps the agents of the last 8 toolsets: a ninth evicts the oldest, which is built again when it comes back", async () => {
    const { builds, evaluateTask } = setup({ trainScorer: () => 1 });
    const toolsets = Array.from({ length: 9 }, (_, i) => Toolset.from([{ ...add, name: `f${i}`, code: `function f${i}() { return ${i}; }` }]).toJSON());
    const run = (i: number) => evaluateTask({ toolset: toolsets[i]!, task: task!, phase: "candidate", step: 1 });
    for (let i = 0; i < 9; i++) await run(i);
    expect(builds).toHaveLength(9);
    for (let i = 1; i < 9; i++) await run(i);
    expect(builds).toHaveLength(9);
    await run(0);
    expect(builds).toHaveLength(10);
    expect(builds.at(-1)).toEqual(["f0"]);
  });

  it("scores validation tasks with the train scorer when there is no validation scorer", async () => {
    const { evaluateTask } = setup({ trainScorer: () => 0.25 });
    expect((await evaluateTask({ toolset: Toolset.empty().toJSON(), task: task!, phase: "validation", step: 2 })).score).toBe(0.25);
  });

  it("runs each task as a named, tagged run under the node's callbacks, and stops on the signal", async () => {
    const { evaluateTask } = setup({ trainScorer: () => 1 });
    const names = new RunNames();
    await evaluateTask({ toolset: Toolset.empty().toJSON(), task: task!, phase: "candidate", step: 3, callbacks: [names] });
    expect(names.seen[0]).toMatchObject({ runName: `toolforge:evaluate step=3 task=${task!.id} role=agent`, tags: expect.arrayContaining(["phase:candidate", `task:${task!.id}`]) });
    await expect(evaluateTask({ toolset: Toolset.empty().toJSON(), task: task!, phase: "candidate", step: 3, signal: AbortSignal.abort() })).rejects.toBeInstanceOf(EvaluationAbortedError);
  });
});
