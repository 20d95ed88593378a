import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InMemoryStore, MemorySaver } from "@langchain/langgraph";
import { afterAll, describe, expect, it } from "vitest";
import { createCheckpointer } from "../../src/checkpoint/index.js";
import type { Task } from "../../src/evaluation/types.js";
import { Toolset, type ToolsetFile } from "../../src/functions/index.js";
import { writeRunReport } from "../../src/report/write-run-report.js";
import { createTrainingGraph, LangGraphRecordStore, RunDirectory, type EvaluateTaskFn, type TrainingEvent } from "../../src/training/index.js";
import { flippedTranscripts } from "../helpers/flipped-transcripts.js";
import { makeTasks, names, record, scriptedOptimizer } from "../training/helpers.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("report: transcripts of flipped tasks", () => {
  it("shows up to three fixed and three broken tasks' transcripts, before and after, folded and escaped", async () => {
    const runDir = mkdtempSync(join(tmpdir(), "toolforge-flips-"));
    dirs.push(runDir);
    // 10 tasks: the initial (empty) set solves 0–4, the learned one 3–9 → 5 fixed (5–9), 3 broken (0–2).
    const train = makeTasks(10).map((t) => ({ ...t, question: `<script>alert(${t.id})</script> what is ${t.id}?` }));
    const evaluateTask: EvaluateTaskFn = async ({ task, toolset }) => {
      const i = Number(task.id.slice(1));
      const solved = names(toolset).length === 0 ? i < 5 : i >= 3;
      return { ...record(task, solved ? 1 : 0), finalAnswer: solved ? task.answer : `<b>wrong ${task.id}</b>` };
    };
    const opened = await createCheckpointer(undefined, { runDir });
    const dir = new RunDirectory(runDir).ensure();
    dir.writeInfo({ threadId: "flips", createdAt: new Date().toISOString() });
    try {
      const graph = createTrainingGraph({ train, evaluateTask, optimizeStep: scriptedOptimizer().optimizeStep, maxSteps: 1, runDir, checkpointer: opened.checkpointer });
      const stream = await graph.stream({}, { configurable: { thread_id: "flips" }, streamMode: ["custom"] });
      for await (const [, event] of stream as AsyncIterable<[string, TrainingEvent]>) dir.appendEvent(event);
    } finally {
      await opened.close();
    }
    const html = readFileSync((await writeRunReport(runDir)).html, "utf8");
    expect(html).toMatch(/train: 5 fixed, 3 broken/);
    const shown = [...html.matchAll(/<details class="transcript"><summary><code>(t\d+)<\/code> (fixed|broken)/g)].map((m) => [m[1], m[2]]);
    expect(shown).toEqual([["t5", "fixed"], ["t6", "fixed"], ["t7", "fixed"], ["t0", "broken"], ["t1", "broken"], ["t2", "broken"]]);
    // Each shows both runs: the broken t0 was right before and wrong after.
    const t0 = html.slice(html.indexOf("<code>t0</code> broken"));
    const [before, after] = t0.split("final toolset");
    expect(before).toContain("what is t0?");
    expect(after!.slice(0, after!.indexOf("</details>"))).toContain("&lt;b&gt;wrong t0&lt;/b&gt;");
    // Model and task text is escaped: no markup of theirs reaches the page.
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<b>wrong");
    expect(html).toContain("&lt;script&gt;alert(t0)&lt;/script&gt;");
  });

  it("reads the records through the run's record store, the test split's included, without a records file", async () => {
    const runDir = mkdtempSync(join(tmpdir(), "toolforge-flips-store-"));
    dirs.push(runDir);
    // Records in a LangGraph store (as beside a Postgres checkpointer), none in the run directory.
    const records = new LangGraphRecordStore(new InMemoryStore());
    const train = makeTasks(4);
    const test = makeTasks(4, "x");
    // The initial (empty) set solves tasks 0–1, the learned one 1–3: train and test both have 2 fixed, 1 broken.
    const solved = (toolset: ToolsetFile, id: string) => (names(toolset).length === 0 ? Number(id.slice(1)) < 2 : Number(id.slice(1)) >= 1);
    const run = (task: Task, toolset: ToolsetFile) => ({ ...record(task, solved(toolset, task.id) ? 1 : 0), finalAnswer: `answer of ${task.id} with ${names(toolset).length} functions` });
    const evaluateTask: EvaluateTaskFn = async ({ task, toolset }) => run(task, toolset);
    const dir = new RunDirectory(runDir).ensure();
    const graph = createTrainingGraph({ train, evaluateTask, optimizeStep: scriptedOptimizer().optimizeStep, maxSteps: 1, runDir, records, checkpointer: new MemorySaver() });
    const stream = await graph.stream({}, { configurable: { thread_id: "store-run" }, streamMode: ["custom"] });
    for await (const [, event] of stream as AsyncIterable<[string, TrainingEvent]>) dir.appendEvent(event);
    // A test split evaluated after training (as the CLI does), its records put beside the training ones.
    for (const step of [0, 1]) {
      const toolset = await Toolset.load(dir.stepToolset(step));
      dir.appendEvent({ type: "evaluation_start", step, phase: "test", total: test.length });
      for (const [index, task] of test.entries()) {
        const done = run(task, toolset.toJSON());
        await records.put({ thread: "store-run", phase: "test", step, toolset: toolset.hash }, index, done);
        dir.appendEvent({ type: "task_done", step, phase: "test", taskId: task.id, index, done: index + 1, total: test.length, score: done.score });
      }
      dir.appendEvent({ type: "evaluation_end", step, phase: "test", loss: 0, accuracy: 1 });
    }

    const html = readFileSync((await writeRunReport(runDir, { records })).html, "utf8");
    expect(existsSync(dir.records)).toBe(false);
    expect(html).toMatch(/train: 2 fixed, 1 broken/);
    expect(html).toMatch(/test: 2 fixed, 1 broken/);
    expect(flippedTranscripts(html, "train")).toEqual(["t2 fixed", "t3 fixed", "t0 broken"]);
    expect(flippedTranscripts(html, "test")).toEqual(["x2 fixed", "x3 fixed", "x0 broken"]);
    // Before and after are the two toolsets' own runs.
    const x0 = html.slice(html.indexOf("<code>x0</code> broken"));
    const [before, after] = x0.split("final toolset");
    expect(before).toContain("answer of x0 with 0 functions");
    expect(after!.slice(0, after!.indexOf("</details>"))).toContain("answer of x0 with 1 functions");
    // Without the store, the report finds no records (and creates no file).
    const without = readFileSync((await writeRunReport(runDir)).html, "utf8");
    expect(without).not.toContain('class="transcript"');
    expect(existsSync(dir.records)).toBe(false);
  }, 120_000);

  it("leaves the transcripts out for a run directory without records (earlier versions)", async () => {
    const runDir = mkdtempSync(join(tmpdir(), "toolforge-flips-old-"));
    dirs.push(runDir);
    const dir = new RunDirectory(runDir).ensure();
    const events: TrainingEvent[] = [
      { type: "run_start", runId: "old", trainSize: 1, validationSize: 0, maxSteps: 1 },
      { type: "task_done", step: 0, phase: "baseline", taskId: "a", index: 0, done: 1, total: 1, score: 0 },
      { type: "evaluation_end", step: 0, phase: "baseline", loss: 1, accuracy: 0 },
      { type: "run_end", bestTrainLoss: 1, steps: 0, reason: "max_steps" },
    ];
    for (const e of events) dir.appendEvent(e);
    const html = readFileSync((await writeRunReport(runDir)).html, "utf8");
    expect(html).toMatch(/train: 0 fixed, 0 broken/);
    expect(html).not.toContain('class="transcript"');
  });
});
