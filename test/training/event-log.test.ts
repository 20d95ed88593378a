import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readRunEvents } from "../../src/report/index.js";
import { EventLog, eventIdentity, RunDirectory, type TrainingEvent } from "../../src/training/index.js";
import { tempDirs } from "../helpers/temp-dirs.js";

const newDir = tempDirs("toolforge-events-");

const lines = (file: string) => readFileSync(file, "utf8").split("\n").filter((l) => l !== "");

// One interrupted optimizer step as a first process emits it, then as the resumed process re-emits it in full.
const step: TrainingEvent[] = [
  { type: "step_start", step: 2, bestLoss: 0.5 },
  { type: "action_proposed", step: 2, action: "remove_function", name: "ghost" },
  { type: "action_rejected", step: 2, action: "remove_function", name: "ghost", reason: "missing" },
  { type: "action_proposed", step: 2, action: "add_function", name: "f" },
  { type: "action_applied", step: 2, action: "add_function", name: "f", actionsUsed: 1 },
  { type: "optimizer_done", step: 2, reason: "max_actions" },
];

describe("events.jsonl idempotency", () => {
  it("a resumed process re-emitting an interrupted node's events writes only the new ones", () => {
    const dir = newDir();
    const first = new RunDirectory(dir);
    for (const e of step.slice(0, 4)) expect(first.appendEvent(e)).toBe(true); // killed after the 4th
    const resumed = new RunDirectory(dir);
    expect(step.map((e) => resumed.appendEvent(e))).toEqual([false, false, false, false, true, true]);
    expect(lines(first.events)).toHaveLength(step.length);
    expect(resumed.readEvents().map(({ time: _t, key: _k, ...e }) => e)).toEqual(step);
  });

  it("keeps repeated events of one process apart by their order (two proposals in one step)", () => {
    const log = new EventLog(join(newDir(), "events.jsonl"));
    expect(log.append(step[1]!)).toBe(true);
    expect(log.append(step[3]!)).toBe(true);
    expect(log.read().map((e) => e.key)).toEqual(["action_proposed/2#0", "action_proposed/2#1"]);
  });

  it("tells the same fact of different steps, phases, tasks and losses apart", () => {
    const ids = [
      eventIdentity({ type: "task_done", step: 1, phase: "candidate", taskId: "a", index: 0, done: 1, total: 2, score: 1 }),
      eventIdentity({ type: "task_done", step: 1, phase: "candidate", taskId: "b", index: 1, done: 1, total: 2, score: 1 }),
      eventIdentity({ type: "task_done", step: 1, phase: "validation", taskId: "a", index: 0, done: 1, total: 2, score: 1 }),
      eventIdentity({ type: "task_done", step: 2, phase: "candidate", taskId: "a", index: 0, done: 1, total: 2, score: 1 }),
      eventIdentity({ type: "loss", step: 1, trainLoss: 0.5, bestLoss: 0.5 }),
      eventIdentity({ type: "loss", step: 1, trainLoss: 0.5, bestLoss: 0.5, validationLoss: 0.25 }),
      eventIdentity({ type: "run_end", bestTrainLoss: 0, steps: 1, reason: "aborted" }),
      eventIdentity({ type: "run_end", bestTrainLoss: 0, steps: 3, reason: "max_steps" }),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    // Identities are the keys stored in events.jsonl: a resumed run of a later version must read them the same.
    expect(ids).toEqual([
      "task_done/candidate/1/0",
      "task_done/candidate/1/1",
      "task_done/validation/1/0",
      "task_done/candidate/2/0",
      "loss/1/train",
      "loss/1/validation",
      "run_end/aborted/1",
      "run_end/max_steps/3",
    ]);
    // The live progress counter is not part of the fact.
    expect(eventIdentity({ type: "task_done", step: 1, phase: "candidate", taskId: "a", index: 0, done: 2, total: 2, score: 1 })).toBe(ids[0]);
  });

  it("a line torn by a kill is skipped, and the next event starts on its own line", () => {
    const dir = newDir();
    const run = new RunDirectory(dir);
    run.appendEvent(step[0]!);
    appendFileSync(run.events, '{"time":"2026-11-29T00:00:00.000Z","key":"action_prop');
    new RunDirectory(dir).appendEvent(step[1]!);
    expect(new RunDirectory(dir).readEvents().map((e) => e.type)).toEqual(["step_start", "action_proposed"]);
    expect(readRunEvents(dir).map((e) => e.type)).toEqual(["step_start", "action_proposed"]);
  });

  it("the report reads each key once, even from a file with duplicated lines", () => {
    const dir = newDir();
    const line = JSON.stringify({ time: "t", key: "accepted/1#0", type: "accepted", step: 1, trainLoss: 0.2, previousLoss: 0.5, toolsetHash: "h" });
    writeFileSync(join(dir, "events.jsonl"), `${line}\n${line}\n`);
    expect(readRunEvents(dir)).toHaveLength(1);
  });

  it("writes one line per event, with no blank lines, across processes", () => {
    const file = join(newDir(), "events.jsonl");
    new EventLog(file).append(step[0]!);
    new EventLog(file).append(step[1]!);
    const text = readFileSync(file, "utf8");
    expect(text.split("\n")).toHaveLength(3);
    expect(text.startsWith("{")).toBe(true);
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("keeps every event of a file written before events had keys", () => {
    const file = join(newDir(), "events.jsonl");
    const old = JSON.stringify({ time: "t", type: "max_steps", step: 2 });
    writeFileSync(file, `${old}\n${old}\n\n`);
    expect(new EventLog(file).read()).toHaveLength(2);
  });
});
