import { fakeModel } from "@langchain/core/testing";
import { Annotation, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecutionRecord } from "../../src/evaluation/types.js";
import { Toolset, type ToolsetFile } from "../../src/functions/index.js";
import { createOptimizeStepGraph } from "../../src/optimizer/index.js";
import type { AppliedAction, FailedUpdate, RejectedAction, StopReason } from "../../src/optimizer/index.js";
import { createSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import type { TrainingEvent } from "../../src/training/events.js";
import { addArgs, baseRecords, baseToolset } from "./fixtures.js";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ workers: 1 });
});
afterAll(async () => {
  await sandbox?.close();
});

const value = <T>() => Annotation<T>();
const Parent = Annotation.Root({
  step: value<number>(),
  best: value<ToolsetFile>(),
  bestScore: value<number>(),
  records: value<ExecutionRecord[]>(),
  failures: value<FailedUpdate[]>(),
  candidate: value<ToolsetFile>(),
  actions: value<AppliedAction[]>(),
  rejected: value<RejectedAction[]>(),
  stopReason: value<StopReason>(),
});

describe("optimize step as a node of a checkpointed parent graph", () => {
  it("runs twice on one thread, each run starting clean, and streams its events to the parent", async () => {
    const model = fakeModel()
      .respondWithTools([{ name: "add_function", args: addArgs("inc") }])
      .respondWithTools([{ name: "terminate", args: {} }])
      .respondWithTools([{ name: "remove_function", args: { name: "double" } }])
      .respondWithTools([{ name: "terminate", args: {} }]);
    const parent = new StateGraph(Parent)
      .addNode("optimize", createOptimizeStepGraph({ model, sandbox }))
      .addEdge(START, "optimize")
      .compile({ checkpointer: new MemorySaver() });
    const config = { configurable: { thread_id: "t-opt" } };
    const best = baseToolset();
    const run = async (step: number) => {
      const events: TrainingEvent[] = [];
      let last: typeof Parent.State | undefined;
      const stream = await parent.stream(
        { step, best: best.toJSON(), bestScore: 0.5, records: baseRecords(), failures: [] },
        { ...config, streamMode: ["custom", "values"], subgraphs: true },
      );
      for await (const [namespace, mode, chunk] of stream) {
        if (mode === "custom") events.push(chunk as TrainingEvent);
        else if (namespace.length === 0) last = chunk as typeof Parent.State;
      }
      return { events, last: last! };
    };

    const first = await run(1);
    expect(first.last.actions.map((a) => a.name)).toEqual(["inc"]);
    expect(first.events.map((e) => e.type)).toContain("action_applied");
    expect(first.events.at(-1)).toEqual({ type: "optimizer_done", step: 1, reason: "terminate" });

    const second = await run(2);
    // Nothing of the first run leaks into the second: it starts again from List A.
    expect(second.last.actions.map((a) => [a.action, a.name])).toEqual([["remove_function", "double"]]);
    expect(Toolset.fromJSON(second.last.candidate).size).toBe(0);
    // The second run's prompt has only its own conversation.
    expect(model.calls[2]!.messages).toHaveLength(2);
  });
});
