import { Command, MemorySaver } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { Toolset } from "../../src/functions/index.js";
import { createTrainingGraph, parseReviewDecision, ReviewDecisionError, type ReviewRequest } from "../../src/training/index.js";
import { makeTasks, names, scriptedEvaluator, scriptedOptimizer } from "./helpers.js";

function reviewedGraph() {
  // Accuracy by newest function: f1 0.6, f2 0.8, f3 0.9 (baseline 0.5).
  const evaluator = scriptedEvaluator([0.5, 0.6, 0.8, 0.9]);
  const optimizer = scriptedOptimizer();
  const graph = createTrainingGraph({
    train: makeTasks(10),
    evaluateTask: evaluator.evaluateTask,
    optimizeStep: optimizer.optimizeStep,
    checkpointer: new MemorySaver(),
    maxSteps: 3,
    review: true,
  });
  return { graph, evaluator, optimizer };
}

const pendingReview = async (graph: ReturnType<typeof reviewedGraph>["graph"], config: object) => {
  const snapshot = await graph.getState(config);
  expect(snapshot.next).toEqual(["review_step"]);
  return snapshot.tasks.flatMap((t) => t.interrupts)[0]!.value as ReviewRequest;
};

describe("training graph with review: true", () => {
  it("pauses before each candidate is evaluated; approve, reject and edit resume the run with Command", async () => {
    const { graph, evaluator } = reviewedGraph();
    const config = { configurable: { thread_id: "review-1" } };
    await graph.invoke({}, config);

    // Step 1: the optimizer's actions and diff are shown; nothing of the candidate was evaluated yet.
    const first = await pendingReview(graph, config);
    expect(first).toMatchObject({ type: "review_step", step: 1, actions: [{ action: "add_function", name: "f1" }] });
    expect(first.diff).toContain("f1");
    expect(names(first.candidate)).toEqual(["f1"]);
    expect(evaluator.calls.every((c) => c.phase === "baseline")).toBe(true);

    await graph.invoke(new Command({ resume: "approve" }), config);
    const second = await pendingReview(graph, config);
    expect(second.step).toBe(2);
    expect(names(second.candidate)).toEqual(["f1", "f2"]);
    const evaluatedBeforeReject = evaluator.calls.length;

    // Reject: rolled back without an evaluation.
    await graph.invoke(new Command({ resume: { action: "reject", reason: "not general" } }), config);
    expect(evaluator.calls.length).toBe(evaluatedBeforeReject);
    // A rejection is a step without improvement: it counts toward early stopping, and its set was never run.
    const afterReject = (await graph.getState(config)).values as { patience: number; history: { step: number; unchanged?: boolean }[] };
    expect(afterReject.patience).toBe(1);
    expect(afterReject.history.at(-1)).toMatchObject({ step: 2, unchanged: true });
    const third = await pendingReview(graph, config);
    expect(third.step).toBe(3);

    // Edit: the human's toolset is evaluated instead of the optimizer's.
    const edited = Toolset.fromJSON(third.candidate).remove("f3").add({
      name: "f2", description: "human version", parameters: { type: "object", properties: {} }, code: "function f2() { return 2; }", packages: [],
    });
    const final = await graph.invoke(new Command({ resume: { action: "edit", toolset: edited.toJSON() } }), config);
    expect(final.stopReason).toBe("max_steps");
    expect(final.history.map((s: { step: number; accepted: boolean; review?: string }) => [s.step, s.accepted, s.review])).toEqual([
      [0, true, undefined], [1, true, "approved"], [2, false, "rejected"], [3, true, "edited"],
    ]);
    expect(names(final.best)).toEqual(["f1", "f2"]);
    expect(final.bestLoss).toBeCloseTo(0.2);
  });

  it("refuses a resume value that is not a decision, with a typed error", async () => {
    expect(parseReviewDecision("approve", 1)).toEqual({ action: "approve" });
    expect(() => parseReviewDecision({ action: "maybe" }, 4)).toThrow(ReviewDecisionError);
    expect(() => parseReviewDecision({ action: "maybe" }, 4)).toThrow(/step 4/);
    const bad = () => parseReviewDecision({ action: "edit", toolset: { format: "toolforge.toolset", version: 1, functions: [{ name: "1x" }] } }, 2);
    expect(bad).toThrow(ReviewDecisionError);
    expect(bad).toThrow(/edited toolset is invalid/);
  });

  it("reads each decision's own fields, and names what a refused value was", () => {
    expect(parseReviewDecision("reject", 1)).toEqual({ action: "reject" });
    expect(parseReviewDecision({ action: "reject", reason: "too broad" }, 1)).toEqual({ action: "reject", reason: "too broad" });
    expect(parseReviewDecision({ action: "reject", reason: 5 }, 1)).toEqual({ action: "reject" });
    const edited = { format: "toolforge.toolset" as const, version: 2 as const, functions: [] };
    expect(parseReviewDecision({ action: "edit", toolset: edited }, 1)).toMatchObject({ action: "edit", toolset: { functions: [] } });
    for (const value of [null, "maybe", 3]) {
      expect(() => parseReviewDecision(value, 7)).toThrow(
        `review of step 7: resume with "approve", "reject", { action: "reject", reason } or { action: "edit", toolset }, got ${JSON.stringify(value)}`,
      );
    }
    const error = (() => {
      try {
        parseReviewDecision({ action: "edit", toolset: "not a toolset" }, 2);
      } catch (e) {
        return e as ReviewDecisionError;
      }
    })();
    expect(error).toMatchObject({ code: "E_REVIEW_DECISION", context: { step: 2, field: "toolset" } });
    expect(error?.message).toMatch(/^review of step 2: the edited toolset is invalid: /);
    expect(error?.cause).toBeInstanceOf(Error);
    // The toolset's own error names where it came from.
    expect((error?.cause as Error).message).toContain("review of step 2");
    expect(() => parseReviewDecision({ action: "maybe" }, 4)).toThrow(expect.objectContaining({ code: "E_REVIEW_DECISION", context: { step: 4, field: "action" } }));
  });
});

