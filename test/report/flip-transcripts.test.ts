import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createCheckpointer } from "../../src/checkpoint/index.js";
import { writeRunReport } from "../../src/report/write-run-report.js";
import { createTrainingGraph, RunDirectory, type EvaluateTaskFn, type TrainingEvent } from "../../src/training/index.js";
import { makeTasks, names, record, scriptedOptimizer } from "../training/helpers.js";
import { readFileSync } from "node:fs";

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
