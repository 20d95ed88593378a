import { describe, expect, it } from "vitest";
import { DEFAULTS } from "../../src/defaults.js";
import { Toolset } from "../../src/functions/index.js";
import { buildOptimizerPrompt, estimateTokens, renderStatisticTable } from "../../src/optimizer/index.js";
import { SANDBOX_GUEST_GUIDE } from "../../src/sandbox/index.js";
import { addArgs, baseToolset, makeRecord } from "./fixtures.js";

const spec = (name: string) => {
  const a = addArgs(name);
  return { name, description: a.description as string, parameters: a.arguments as never, code: a.code as string, packages: [] };
};

describe("buildOptimizerPrompt", () => {
  it("shows List A with its score, List B after k actions, and the rolled-back sets in ascending order", () => {
    const best = baseToolset();
    const current = best.add(spec("inc_b"));
    const prompt = buildOptimizerPrompt({
      best: best.toJSON(),
      bestScore: 0.625,
      current: current.toJSON(),
      actionsUsed: 1,
      failures: [
        { toolset: best.add(spec("high_one")).toJSON(), score: 0.5 },
        { toolset: best.add(spec("low_one")).toJSON(), score: 0.125 },
        { toolset: best.add(spec("mid_one")).toJSON(), score: 0.25 },
      ],
      records: [makeRecord("t1", 1), makeRecord("t2", 0)],
    });
    const h = prompt.human;
    const listA = h.indexOf("## List A");
    const listB = h.indexOf("## List B — the function set after 1 action(s)");
    expect(listA).toBeGreaterThanOrEqual(0);
    expect(listB).toBeGreaterThan(listA);
    expect(h).toContain("The success rate (performance) with this function set is 0.625 (1 of 2 tasks solved).");
    // List B holds the incumbent's extra function; List A does not.
    expect(h.slice(listA, listB)).not.toContain("inc_b");
    expect(h.slice(listB)).toContain("name: inc_b");
    // Ascending order of score.
    const order = ["low_one", "mid_one", "high_one"].map((n) => h.indexOf(`name: ${n}`));
    expect(order.every((p) => p > listB)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(h).toContain("### Success rate 0.125");
  });

  it("says List B equals List A at the start of a step and omits the rolled-back section when there is none", () => {
    const prompt = buildOptimizerPrompt({ best: Toolset.empty().toJSON(), bestScore: 0, failures: [], records: [] });
    expect(prompt.human).toContain("List B is the same as List A");
    expect(prompt.human).toContain("(no functions)");
    expect(prompt.human).not.toContain("Rolled-back");
  });

  it("puts failed tasks first and renders 0/1 and graded scores in the statistic table", () => {
    const records = [
      makeRecord("ok-1", 1, { calls: [{ name: "double", args: { x: 1 }, result: "2" }] }),
      makeRecord("bad-1", 0, { calls: [{ name: "double", args: { x: 2 }, result: "oops" }] }),
      makeRecord("half-1", 0.5),
    ];
    const prompt = buildOptimizerPrompt({ best: baseToolset().toJSON(), bestScore: 0.5, failures: [], records });
    const h = prompt.human;
    const histories = h.slice(h.indexOf("## Histories"), h.indexOf("## Statistic"));
    expect(histories.indexOf("### Task bad-1")).toBeLessThan(histories.indexOf("### Task half-1"));
    expect(histories.indexOf("### Task half-1")).toBeLessThan(histories.indexOf("### Task ok-1"));
    expect(h).toContain("ok-1 | 1\nbad-1 | 0\nhalf-1 | 0.50");
    expect(prompt.included).toMatchObject({ failedTranscripts: 2, failedOmitted: 0, successTranscripts: 1 });
  });

  it("keeps a 500-task prompt under the token budget with the complete statistic table", () => {
    const longOutput = "z".repeat(5_000);
    const records = Array.from({ length: 500 }, (_, i) =>
      makeRecord(`task-${String(i).padStart(3, "0")}`, i % 3 === 0 ? 1 : 0, {
        calls: [{ name: "double", args: { x: i }, result: longOutput }],
        question: `What is ${i} doubled? `.repeat(20),
      }),
    );
    const budget = DEFAULTS.training.promptTokenBudget;
    const prompt = buildOptimizerPrompt({ best: baseToolset().toJSON(), bestScore: 0.33, failures: [], records }, { tokenBudget: budget });
    expect(prompt.estimatedTokens).toBeLessThanOrEqual(budget);
    expect(prompt.estimatedTokens).toBe(estimateTokens(prompt.system) + estimateTokens(prompt.human));
    expect(prompt.overBudget).toBe(false);
    // The whole table, every row.
    expect(prompt.human).toContain(renderStatisticTable(records));
    for (const r of records) expect(prompt.human).toContain(`\n${r.taskId} | ${r.score}`);
    // Long tool outputs truncated.
    expect(prompt.human).not.toContain("z".repeat(DEFAULTS.optimizer.maxToolOutputChars + 1));
    expect(prompt.human).toContain("…[truncated");
    // Some failures shown in full, the rest counted.
    expect(prompt.included.failedTranscripts).toBeGreaterThan(0);
    expect(prompt.included.failedTranscripts + prompt.included.failedOmitted).toBe(records.filter((r) => r.score < 1).length);
    expect(prompt.human).toMatch(/\d+ failed and \d+ solved task\(s\) are not shown for length; the statistic table lists all tasks\./);
  });

  it("summarises successes in one line each when failures leave room", () => {
    const records = Array.from({ length: 20 }, (_, i) => makeRecord(`s${i}`, 1, { calls: [{ name: "double", args: { x: i }, result: String(2 * i) }] }));
    const prompt = buildOptimizerPrompt({ best: baseToolset().toJSON(), bestScore: 1, failures: [], records }, { maxSuccessTranscripts: 2 });
    expect(prompt.included).toMatchObject({ successTranscripts: 2, successSummaries: 18, successOmitted: 0 });
    expect(prompt.human).toContain('- s5: solved (score 1); called double; answer "42"');
  });

  it("drops the lowest-scoring rolled-back sets first when they do not fit", () => {
    const big = (name: string) => ({ ...spec(name), code: `function ${name}({ x }) { return x; }\n// ${"p".repeat(3_000)}` });
    const failures = Array.from({ length: 8 }, (_, i) => ({ toolset: Toolset.empty().add(big(`f${i}`)).toJSON(), score: i / 10 }));
    const prompt = buildOptimizerPrompt({ best: Toolset.empty().toJSON(), bestScore: 0.9, failures, records: [] }, { tokenBudget: 4_000 });
    expect(prompt.included.failuresOmitted).toBeGreaterThan(0);
    expect(prompt.human).toContain("name: f7");
    expect(prompt.human).not.toContain("name: f0");
    expect(prompt.human).toContain(`(${prompt.included.failuresOmitted} lower-scoring set(s) omitted for length.)`);
    expect(prompt.estimatedTokens).toBeLessThanOrEqual(4_000);
  });

  it("tells the optimizer about the sandbox: the sandbox guide by default, or the one given", () => {
    const input = { best: Toolset.empty().toJSON(), bestScore: 0, failures: [], records: [] };
    expect(buildOptimizerPrompt(input).system).toContain(SANDBOX_GUEST_GUIDE);
    const custom = buildOptimizerPrompt(input, { sandboxGuide: "Numbers are IEEE doubles." }).system;
    expect(custom).toContain("The sandbox the functions run in:\nNumbers are IEEE doubles.");
    expect(custom).not.toContain(SANDBOX_GUEST_GUIDE);
  });
});
