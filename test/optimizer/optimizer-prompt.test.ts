import { describe, expect, it } from "vitest";
import { DEFAULTS } from "../../src/defaults.js";
import { Toolset } from "../../src/functions/index.js";
import { capabilityGuide } from "../../src/capabilities/capability-guide.js";
import { ACTION_TOOLS, buildOptimizerPrompt, countTokens, ONE_STEP_TOOLS, renderStatisticTable } from "../../src/optimizer/index.js";
import { finalInstruction, systemPromptText } from "../../src/optimizer/prompt-text.js";
import { SANDBOX_GUEST_GUIDE } from "../../src/sandbox/index.js";
import { addArgs, baseToolset, makeRecord } from "./fixtures.js";

const spec = (name: string) => {
  const a = addArgs(name);
  return { name, description: a.description as string, parameters: a.arguments as never, code: a.code as string, packages: [] };
};

/** Real tokens of what is sent: tool definitions, system and human message. */
const realTokens = (p: { system: string; human: string }) => countTokens(JSON.stringify(ACTION_TOOLS)) + countTokens(p.system) + countTokens(p.human);

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
    const listB = h.indexOf("## List B — the function set after 1 action");
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
    expect(prompt.tokens).toBeLessThanOrEqual(budget);
    expect(realTokens(prompt)).toBeLessThanOrEqual(prompt.tokens);
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
    const prompt = buildOptimizerPrompt({ best: Toolset.empty().toJSON(), bestScore: 0.9, failures, records: [] }, { tokenBudget: 4_500 });
    expect(prompt.included.failuresOmitted).toBeGreaterThan(0);
    expect(prompt.human).toContain("name: f7");
    expect(prompt.human).not.toContain("name: f0");
    expect(prompt.human).toContain(`(${prompt.included.failuresOmitted} lower-scoring set(s) omitted for length.)`);
    expect(realTokens(prompt)).toBeLessThanOrEqual(4_500);
  });

  it("tells the optimizer about the sandbox: the sandbox guide by default, or the one given", () => {
    const input = { best: Toolset.empty().toJSON(), bestScore: 0, failures: [], records: [] };
    expect(buildOptimizerPrompt(input).system).toContain(SANDBOX_GUEST_GUIDE);
    const custom = buildOptimizerPrompt(input, { sandboxGuide: "Numbers are IEEE doubles." }).system;
    expect(custom).toContain("The sandbox the functions run in:\nNumbers are IEEE doubles.");
    expect(custom).not.toContain(SANDBOX_GUEST_GUIDE);
  });
});

describe("buildOptimizerPrompt: the budget holds for any training-set size", () => {
  const recordsOf = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      makeRecord(`task-${String(i).padStart(5, "0")}`, i % 3 === 0 ? 0 : 1, {
        calls: [{ name: "double", args: { x: i }, result: `${"y".repeat(900)} ${i}` }],
        question: `How much is ${i} doubled, then halved again? `.repeat(6),
      }),
    );

  it.each([20, 2_000, 20_000])("%i records: real tokens (tools included) within the budget, failed transcripts present", (n) => {
    const records = recordsOf(n);
    const budget = DEFAULTS.training.promptTokenBudget;
    const prompt = buildOptimizerPrompt({ best: baseToolset().toJSON(), bestScore: 0.67, failures: [], records }, { tokenBudget: budget });
    expect(realTokens(prompt)).toBeLessThanOrEqual(budget);
    expect(prompt.tokens).toBeLessThanOrEqual(budget);
    expect(prompt.overBudget).toBe(false);
    // The first failed task's transcript is there, whatever the size.
    expect(prompt.included.failedTranscripts).toBeGreaterThan(0);
    expect(prompt.human).toContain("### Task task-00000 (score 0)");
    if (n === 20) {
      expect(prompt.included).toMatchObject({ tableSummarised: false, tableRows: 20 });
      expect(prompt.human).toContain(renderStatisticTable(records));
    } else {
      // Summarised: counts for all tasks, failed tasks listed first.
      expect(prompt.included.tableSummarised).toBe(true);
      const failed = Math.ceil(n / 3);
      expect(prompt.human).toContain(`Outcomes of the ${n} tasks: ${n - failed} solved (1), ${failed} failed (0), 0 partial.`);
      const table = prompt.human.slice(prompt.human.indexOf("## Statistic"));
      expect(table).toContain("task-00000 | 0\ntask-00003 | 0\n");
      const rows = table.split("\n").filter((l) => /^task-\d+ \| [01]$/.test(l));
      expect(rows).toHaveLength(prompt.included.tableRows);
      expect(prompt.included.tableRows).toBeLessThan(n);
      // Every listed failure comes before every listed success.
      const firstSolved = rows.findIndex((r) => r.endsWith("| 1"));
      if (firstSolved >= 0) expect(rows.slice(firstSolved).every((r) => r.endsWith("| 1"))).toBe(true);
      expect(table).toMatch(/\(\d+ more task\(s\) not listed: \d+ failed, 0 newly solved, \d+ solved as before\.\)/);
    }
  });

  it("lists tasks whose score changed since the previous best set right after the failed ones, marked", () => {
    const records = Array.from({ length: 3_000 }, (_, i) => makeRecord(`t${i}`, i < 5 ? 0 : 1));
    const previousScores = { t2999: 0, t2998: 0, t1: 1 };
    const prompt = buildOptimizerPrompt({ best: baseToolset().toJSON(), bestScore: 0.99, failures: [], records, previousScores }, { tokenBudget: 6_000 });
    const table = prompt.human.slice(prompt.human.indexOf("## Statistic"));
    expect(table).toContain("Changed since the previous best set: 3 (2 better, 1 worse).");
    expect(table).toContain("t0 | 0\nt1 | 0 | was 1\nt2 | 0\nt3 | 0\nt4 | 0\nt2998 | 1 | was 0\nt2999 | 1 | was 0\n");
    expect(realTokens(prompt)).toBeLessThanOrEqual(6_000);
  });

  it("counts the step's conversation (reservedTokens) against the budget", () => {
    const input = { best: baseToolset().toJSON(), bestScore: 0.5, failures: [], records: recordsOf(200) };
    const plain = buildOptimizerPrompt(input, { tokenBudget: 10_000 });
    const reserved = buildOptimizerPrompt(input, { tokenBudget: 10_000, reservedTokens: 4_000 });
    expect(reserved.tokens).toBeLessThanOrEqual(10_000);
    expect(realTokens(reserved) + 4_000).toBeLessThanOrEqual(10_000);
    expect(reserved.included.failedTranscripts).toBeLessThan(plain.included.failedTranscripts);
  });
});

describe("buildOptimizerPrompt: the worked example", () => {
  it("shows a realistic example function that is valid and works in the sandbox", async () => {
    const { OPTIMIZER_EXAMPLE_FUNCTION } = await import("../../src/optimizer/index.js");
    const { createSandbox } = await import("../../src/sandbox/index.js");
    const prompt = buildOptimizerPrompt({ best: Toolset.empty().toJSON(), bestScore: 0, failures: [], records: [] });
    expect(prompt.system).toContain(JSON.stringify(OPTIMIZER_EXAMPLE_FUNCTION, null, 2));
    const { arguments: parameters, ...rest } = OPTIMIZER_EXAMPLE_FUNCTION;
    const fn = Toolset.empty().add({ ...rest, parameters, packages: [...rest.packages] }).get("evaluate_expression")!;
    const sandbox = await createSandbox({ workers: 1 });
    try {
      const run = (expression: unknown) => sandbox.run({ code: fn.code, entry: fn.name, packages: fn.packages, args: { expression } });
      expect(await run("3^4 mod 7")).toMatchObject({ ok: true, value: 4 });
      expect(await run("gcd(84, 126) + 7/8")).toMatchObject({ ok: true, value: 42.875 });
      expect(await run("0.1 + 0.2")).toMatchObject({ ok: true, value: 0.3 });
      expect(await run("")).toMatchObject({ ok: false, error: { kind: "thrown" } });
      // Results that are not plain numbers come back formatted as text.
      expect(await run("[1, 2] * 2")).toMatchObject({ ok: true, value: "[2, 4]" });
    } finally {
      await sandbox.close();
    }
  });
});

describe("buildOptimizerPrompt: what it counts and how its sections join", () => {
  const empty = { best: Toolset.empty().toJSON(), bestScore: 0, failures: [], records: [] };
  const toolTokens = (tools: unknown) => countTokens(JSON.stringify(tools));

  it("counts the mode's tools, both messages with 8 tokens of overhead each, and the reserved tokens", () => {
    const records = [makeRecord("a", 1), makeRecord("b", 0)];
    const progressive = buildOptimizerPrompt({ ...empty, records });
    expect(progressive.tokens).toBe(toolTokens(ACTION_TOOLS) + countTokens(progressive.system) + countTokens(progressive.human) + 16);
    const oneStep = buildOptimizerPrompt({ ...empty, records, mode: "one-step" }, { reservedTokens: 321 });
    expect(oneStep.tokens).toBe(toolTokens(ONE_STEP_TOOLS) + countTokens(oneStep.system) + countTokens(oneStep.human) + 16 + 321);
    const own = [ACTION_TOOLS[0]!];
    const given = buildOptimizerPrompt({ ...empty, records }, { tools: own });
    expect(given.tokens).toBe(toolTokens(own) + countTokens(given.system) + countTokens(given.human) + 16);
  });

  it("puts the trimmed sandbox guide between the mode's instructions and the capability guide", () => {
    const system = buildOptimizerPrompt({ ...empty, mode: "one-step" }, { sandboxGuide: "  Numbers are IEEE doubles.\n\n" }).system;
    expect(system).toBe(`${systemPromptText("one-step")}\n\nThe sandbox the functions run in:\nNumbers are IEEE doubles.\n\n${capabilityGuide(undefined)}`);
  });

  it("counts solved tasks in List A's score line, and gives none without records", () => {
    const records = [makeRecord("a", 1), makeRecord("b", 0), makeRecord("c", 1)];
    expect(buildOptimizerPrompt({ ...empty, bestScore: 2 / 3, records }).human).toContain("is 0.667 (2 of 3 tasks solved).\n\n## List B");
    const one = buildOptimizerPrompt({ ...empty, mode: "one-step" }).human;
    expect(one).toMatch(/^## List A — the best function set so far\n\(no functions\)\nThe success rate \(performance\) with this function set is 0\.000\.\n\n## Histories\n/);
  });

  it("joins the sections with blank lines: no List B in one-step mode, no omission note when every task is shown", () => {
    const records = [makeRecord("ok", 1), makeRecord("bad", 0)];
    const h = buildOptimizerPrompt({ ...empty, bestScore: 0.5, records, mode: "one-step" }).human;
    const histories = "## Histories\nHere are 2 of the 2 conversation histories of solving tasks, failed tasks first.\n\n### Task bad (score 0)";
    expect(h).toContain(`(1 of 2 tasks solved).\n\n${histories}`);
    expect(h).not.toContain("List B");
    expect(h).not.toContain("not shown for length");
    expect(h).toContain("\n\n## Statistic\n");
    expect(h.endsWith(`\`\`\`\n\n${finalInstruction("one-step")}`)).toBe(true);
  });

  it("summarises other successes under their own heading, and has no such heading without them", () => {
    const successes = Array.from({ length: 4 }, (_, i) => makeRecord(`s${i}`, 1));
    const withSummaries = buildOptimizerPrompt({ ...empty, records: successes }, { maxSuccessTranscripts: 1 }).human;
    expect(withSummaries).toContain('### Other solved tasks (summarised)\n- s1: solved (score 1); no function calls; answer "42"\n- s2:');
    const failedOnly = buildOptimizerPrompt({ ...empty, records: [makeRecord("f0", 0), makeRecord("f1", 0)] }).human;
    expect(failedOnly).not.toContain("Other solved tasks");
  });

  it("says how many tasks are shown and how many of each kind are not, and whether the table lists or counts them", () => {
    const recordsOf = (n: number) =>
      Array.from({ length: n }, (_, i) => makeRecord(`t${i}`, i % 2, { calls: [{ name: "double", args: { x: i }, result: "w ".repeat(400) }] }));
    for (const [n, table] of [[200, "lists"], [3_000, "counts"]] as const) {
      const prompt = buildOptimizerPrompt({ ...empty, records: recordsOf(n) }, { tokenBudget: 12_000 });
      const { failedTranscripts, failedOmitted, successTranscripts, successSummaries, successOmitted } = prompt.included;
      expect(failedOmitted).toBeGreaterThan(0);
      expect(successTranscripts).toBe(0);
      expect(successOmitted).toBeGreaterThan(0);
      const shown = failedTranscripts + successSummaries;
      expect(prompt.human).toContain(
        `Here are ${shown} of the ${n} conversation histories of solving tasks, failed tasks first. ${failedOmitted} failed and ${successOmitted} solved task(s) are not shown for length; the statistic table ${table} all tasks.`,
      );
    }
  });

  it("gives rolled-back sets a quarter of the room when there are records, all of it without", () => {
    const big = (name: string) => ({ ...spec(name), code: `function ${name}({ x }) { return x; }\n// ${"p".repeat(2_000)}` });
    const failures = Array.from({ length: 12 }, (_, i) => ({ toolset: Toolset.empty().add(big(`f${i}`)).toJSON(), score: i / 20 }));
    const budget = 12_000;
    const alone = buildOptimizerPrompt({ ...empty, failures }, { tokenBudget: budget }).included.failuresShown;
    const withRecords = buildOptimizerPrompt({ ...empty, failures, records: [makeRecord("a", 0)] }, { tokenBudget: budget }).included.failuresShown;
    expect(withRecords).toBeGreaterThan(0);
    expect(alone).toBeGreaterThan(2 * withRecords);
  });

  it("leaves transcripts only what the table and the rolled-back sets did not take", () => {
    const records = Array.from({ length: 40 }, (_, i) => makeRecord(`t${i}`, 0, { calls: [{ name: "double", args: { x: i }, result: "w ".repeat(400) }] }));
    const big = (name: string) => ({ ...spec(name), code: `function ${name}({ x }) { return x; }\n// ${"p".repeat(2_000)}` });
    const failures = Array.from({ length: 6 }, (_, i) => ({ toolset: Toolset.empty().add(big(`f${i}`)).toJSON(), score: i / 10 }));
    const without = buildOptimizerPrompt({ ...empty, records }, { tokenBudget: 12_000 });
    const withFailures = buildOptimizerPrompt({ ...empty, records, failures }, { tokenBudget: 12_000 });
    expect(withFailures.included.failuresShown).toBeGreaterThan(0);
    expect(withFailures.included.failedTranscripts).toBeLessThan(without.included.failedTranscripts);
    expect(withFailures.tokens).toBeLessThanOrEqual(12_000);
  });

  it("is over budget exactly when the parts it never cuts, plus 64 tokens for headings, exceed the budget", () => {
    const input = { ...empty, best: baseToolset().toJSON(), records: [makeRecord("a", 1)] };
    const prompt = buildOptimizerPrompt(input);
    const h = prompt.human;
    // The parts never cut: List A, List B and the instruction (histories and table removed).
    const kept = h.slice(0, h.indexOf("\n\n## Histories")) + "\n\n" + finalInstruction("progressive");
    expect(h.endsWith(finalInstruction("progressive"))).toBe(true);
    const fixed = toolTokens(ACTION_TOOLS) + 16 + countTokens(prompt.system) + countTokens(kept);
    expect(prompt.overBudget).toBe(false);
    expect(buildOptimizerPrompt(input, { tokenBudget: fixed + 64 }).overBudget).toBe(false);
    expect(buildOptimizerPrompt(input, { tokenBudget: fixed + 63 }).overBudget).toBe(true);
    expect(buildOptimizerPrompt(input, { tokenBudget: fixed - 1 }).overBudget).toBe(true);
  });
});
