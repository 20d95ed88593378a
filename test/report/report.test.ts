import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { headline } from "../../src/report/headline.js";
import { learningCurveSpec, renderLearningCurveSvg } from "../../src/report/learning-curve.js";
import { taskFlips } from "../../src/report/task-flips.js";
import { renderVegaLiteSvg } from "../../src/report/render-svg.js";
import { summarizeRun } from "../../src/report/run-summary.js";
import { readRunEvents, writeRunReport } from "../../src/report/write-run-report.js";
import { renderReportHtml } from "../../src/report/report-html.js";
import type { TrainingEvent } from "../../src/training/events.js";

const EVENTS: TrainingEvent[] = [
  { type: "run_start", runId: "r1", trainSize: 4, validationSize: 2, maxSteps: 3 },
  { type: "evaluation_start", step: 0, phase: "baseline", total: 4 },
  { type: "evaluation_end", step: 0, phase: "baseline", loss: 0.75, accuracy: 0.25 },
  { type: "evaluation_start", step: 0, phase: "validation", total: 2 },
  { type: "evaluation_end", step: 0, phase: "validation", loss: 1, accuracy: 0 },
  { type: "step_start", step: 1, bestLoss: 0.75 },
  { type: "action_applied", step: 1, action: "add_function", name: "calc", actionsUsed: 1 },
  { type: "action_rejected", step: 1, action: "add_function", name: "1bad", reason: "invalid name" },
  { type: "evaluation_start", step: 1, phase: "candidate", total: 4 },
  { type: "evaluation_end", step: 1, phase: "candidate", loss: 0.25, accuracy: 0.75 },
  { type: "accepted", step: 1, trainLoss: 0.25, previousLoss: 0.75, toolsetHash: "abc" },
  { type: "evaluation_start", step: 1, phase: "validation", total: 2 },
  { type: "evaluation_end", step: 1, phase: "validation", loss: 0.5, accuracy: 0.5 },
  { type: "step_start", step: 2, bestLoss: 0.25 },
  { type: "action_applied", step: 2, action: "revise_function", name: "calc", actionsUsed: 1 },
  { type: "evaluation_start", step: 2, phase: "candidate", total: 4 },
  { type: "evaluation_end", step: 2, phase: "candidate", loss: 0.5, accuracy: 0.5 },
  { type: "rolled_back", step: 2, trainLoss: 0.5, bestLoss: 0.25, patience: 1 },
  { type: "early_stop", step: 2, patience: 1 },
  { type: "run_end", bestTrainLoss: 0.25, bestValidationLoss: 0.5, steps: 2, reason: "early_stop" },
];

const toolset = (fns: { name: string; code: string }[]) => ({
  format: "toolforge.toolset" as const,
  version: 1 as const,
  functions: fns.map((f) => ({ name: f.name, description: `does ${f.name}`, parameters: { type: "object" as const, properties: { x: { type: "number" } }, required: ["x"] }, code: f.code, packages: [] })),
});

describe("summarizeRun", () => {
  it("folds events into per-step outcomes, actions and the curve", () => {
    const s = summarizeRun(EVENTS);
    expect(s.steps.map((x) => x.status)).toEqual(["baseline", "accepted", "rolled back"]);
    expect(s.steps[1]!.actions).toEqual([
      { action: "add_function", name: "calc", outcome: "applied" },
      { action: "add_function", name: "1bad", outcome: "rejected", reason: "invalid name" },
    ]);
    // The line is the best set so far: it never dips when a candidate is rolled back.
    const best = (split: string) => s.curve.filter((p) => p.kind === "best" && p.split === split);
    expect(best("train").map((p) => [p.step, p.accuracy])).toEqual([[0, 0.25], [1, 0.75], [2, 0.75]]);
    expect(best("validation").map((p) => [p.step, p.accuracy])).toEqual([[0, 0], [1, 0.5], [2, 0.5]]);
    expect(best("test")).toEqual([]);
    // Wilson bands from the evaluation sizes (4 train tasks, 3 solved after step 1).
    expect(best("train")[1]!.low).toBeCloseTo(0.3006, 3);
    expect(best("train")[1]!.high).toBeCloseTo(0.9544, 3);
    // Candidates are separate marks.
    expect(s.curve.filter((p) => p.kind === "candidate").map((p) => [p.step, p.accuracy, p.status])).toEqual([[1, 0.75, "accepted"], [2, 0.5, "rolled back"]]);
    expect(s.evaluations.find((e) => e.step === 1 && e.phase === "validation")?.n).toBe(2);
    expect(s.endReason).toBe("early_stop");
  });
});

describe("curve and headline details", () => {
  const unchanged: TrainingEvent[] = [
    ...EVENTS.slice(0, -2),
    { type: "step_start", step: 3, bestLoss: 0.25 },
    { type: "optimizer_done", step: 3, reason: "terminate" },
    { type: "loss", step: 3, trainLoss: 0.25, bestLoss: 0.25 },
    { type: "rolled_back", step: 3, trainLoss: 0.25, bestLoss: 0.25, patience: 2 },
    { type: "run_end", bestTrainLoss: 0.25, bestValidationLoss: 0.5, steps: 3, reason: "max_steps" },
  ];

  it("draws no candidate for a step whose optimizer changed nothing, but continues the best line", () => {
    const s = summarizeRun(unchanged);
    expect(s.steps[3]).toMatchObject({ status: "rolled back" });
    expect(s.steps[3]!.evaluated).toBeUndefined();
    expect(s.curve.filter((p) => p.kind === "candidate").map((p) => p.step)).toEqual([1, 2]);
    expect(s.curve.filter((p) => p.kind === "best" && p.split === "train").map((p) => p.step)).toEqual([0, 1, 2, 3]);
  });

  it("legends only the splits present", () => {
    const spec = JSON.stringify(learningCurveSpec(summarizeRun(EVENTS).curve));
    expect(spec).toContain('"domain":["train","validation"]');
    expect(spec).not.toContain('"test"');
  });

  it("heads the report with before → after per split, intervals, and a per-task grid of flips", () => {
    const withTasks: TrainingEvent[] = [
      ...EVENTS.slice(0, 2),
      ...["a", "b", "c", "d"].map((id, index) => ({ type: "task_done" as const, step: 0, phase: "baseline" as const, taskId: id, index, done: index + 1, total: 4, score: id === "a" ? 1 : 0 })),
      ...EVENTS.slice(2, 9),
      ...["a", "b", "c", "d"].map((id, index) => ({ type: "task_done" as const, step: 1, phase: "candidate" as const, taskId: id, index, done: index + 1, total: 4, score: id === "d" ? 0 : 1 })),
      ...EVENTS.slice(9),
    ];
    const summary = summarizeRun(withTasks);
    expect(headline(summary).map((r) => [r.split, r.before, r.after, r.n])).toEqual([["train", 0.25, 0.75, 4], ["validation", 0, 0.5, 2]]);
    expect(taskFlips(summary).train!.map((t) => [t.taskId, t.change])).toEqual([["a", "still right"], ["b", "fixed"], ["c", "fixed"], ["d", "still wrong"]]);
    const html = renderReportHtml({ title: "t", summary, curveSvg: "<svg></svg>", toolsets: new Map(), config: { model: "m" } });
    expect(html).toContain("25.0 % → 75.0 %");
    expect(html).toContain("+50.0 pts");
    expect(html).toMatch(/train: 2 fixed, 0 broken, 1 still right, 1 still wrong/);
    expect(html).toMatch(/<details><summary>Configuration<\/summary>/);
  });
});

describe("learning-curve SVG", () => {
  it("is made by vega and renders to a non-blank bitmap with rsvg-convert", async () => {
    const svg = await renderLearningCurveSvg(summarizeRun(EVENTS).curve);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("mark-line");
    expect(svg).toContain("mark-symbol");
    const dir = mkdtempSync(join(tmpdir(), "tf-svg-"));
    writeFileSync(join(dir, "curve.svg"), svg);
    // A white canvas of the same size: a chart must encode to a much larger PNG.
    const width = /width="(\d+)"/.exec(svg)![1]!;
    const height = /height="(\d+)"/.exec(svg)![1]!;
    const blank = await renderVegaLiteSvg({ width: Number(width) - 100, height: Number(height) - 70, background: "white", data: { values: [] }, mark: "point" } as never);
    writeFileSync(join(dir, "blank.svg"), blank);
    execFileSync("rsvg-convert", ["-o", join(dir, "curve.png"), join(dir, "curve.svg")]);
    execFileSync("rsvg-convert", ["-o", join(dir, "blank.png"), join(dir, "blank.svg")]);
    const png = readFileSync(join(dir, "curve.png"));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(Number(width)); // IHDR width
    expect(png.readUInt32BE(20)).toBe(Number(height));
    expect(statSync(join(dir, "curve.png")).size).toBeGreaterThan(2 * statSync(join(dir, "blank.png")).size);
  });
});

describe("renderReportHtml", () => {
  it("is self-contained and escapes untrusted code", () => {
    const evil = toolset([{ name: "calc", code: 'function calc({ x }) { return "</pre><script>alert(1)</script>"; }' }]);
    const html = renderReportHtml({ title: "t", summary: summarizeRun(EVENTS), curveSvg: "<svg></svg>", toolsets: new Map([[1, evil]]), finalToolset: evil });
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).toContain("calc({ x: number })");
    expect(html).toContain("rolled back");
    expect(html).toContain("[");
  });
});

describe("writeRunReport", () => {
  it("writes report.html and learning-curve.svg from a run directory", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tf-run-"));
    writeFileSync(join(dir, "events.jsonl"), EVENTS.map((e) => JSON.stringify(e)).join("\n") + "\n{\"type\":\"tor");
    mkdirSync(join(dir, "toolsets"));
    writeFileSync(join(dir, "toolsets", "step-0.json"), JSON.stringify(toolset([])));
    const step1 = toolset([{ name: "calc", code: "function calc({ x }) { return x * 2; }" }]);
    writeFileSync(join(dir, "toolsets", "step-1.json"), JSON.stringify(step1));
    writeFileSync(join(dir, "best.toolset.json"), JSON.stringify(step1));
    writeFileSync(join(dir, "toolsets", "candidate-2.json"), JSON.stringify(toolset([{ name: "calc", code: "function calc({ x }) { return x * 3; }" }])));
    writeFileSync(join(dir, "summary.json"), JSON.stringify({ usage: { agent: { inputTokens: 10, outputTokens: 5, totalTokens: 15 }, optimizer: { inputTokens: 7, outputTokens: 3, totalTokens: 10 }, costUsd: 0.0012 } }));
    writeFileSync(join(dir, "config.json"), JSON.stringify({ model: { baseURL: "http://x/v1", model: "m", apiKey: "[redacted]" } }));
    const files = await writeRunReport(dir);
    const html = readFileSync(files.html, "utf8");
    expect(readFileSync(files.svg, "utf8")).toMatch(/^<svg/);
    expect(html).toContain("+ added calc");
    expect(html).toContain("return x * 2;");
    // the rolled-back candidate is diffed against the accepted toolset before it
    expect(html).toMatch(/Step 2 <span class="rolled-back">rolled back<\/span><\/h3>\n<pre>~ revised calc \(code\)/);
    expect(html).toContain('<span class="diff-add">  +function calc({ x }) { return x * 3; }</span>');
    expect(html).toContain("$0.0012");
    expect(html).toContain("[redacted]");
    // Wilson interval of 3/4 on the step-1 candidate evaluation
    expect(html).toMatch(/75\.0 %<\/td><td>\[30\.1 %, 95\.4 %\]/);
  });

  it("names the file and line of a corrupt event in the middle", () => {
    const dir = mkdtempSync(join(tmpdir(), "tf-run-"));
    writeFileSync(join(dir, "events.jsonl"), '{"type":"run_end"}\nnot json\n{"type":"run_end"}\n');
    expect(() => readRunEvents(dir)).toThrow(/events\.jsonl:2: not valid JSON/);
  });

  it("refuses a directory without events.jsonl", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tf-run-"));
    await expect(writeRunReport(dir)).rejects.toThrow(/no events\.jsonl/);
  });
});
