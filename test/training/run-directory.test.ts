import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RunDirectory } from "../../src/training/index.js";
import { tempDirs } from "../helpers/temp-dirs.js";

const newDir = tempDirs("toolforge-rundir-");

describe("RunDirectory", () => {
  it("lays out the documented files", () => {
    const dir = new RunDirectory("runs/demo");
    expect([dir.checkpoints, dir.records, dir.modelCache, dir.legacyModelCache, dir.events, dir.toolsets, dir.best, dir.info, dir.lockFile]).toEqual(
      ["checkpoints.sqlite", "records.sqlite", "model-cache.sqlite", "model-cache", "events.jsonl", "toolsets", "best.toolset.json", "run.json", "run.lock"].map((f) => join("runs/demo", f)),
    );
    expect([dir.stepToolset(3), dir.candidateToolset(3)]).toEqual([join("runs/demo", "toolsets", "step-3.json"), join("runs/demo", "toolsets", "candidate-3.json")]);
  });

  it("creates its toolsets folder, and reads back the run info it wrote (none for a new or damaged directory)", () => {
    const dir = new RunDirectory(join(newDir(), "run"));
    expect(dir.readInfo()).toBeUndefined();
    expect(dir.ensure()).toBe(dir);
    expect(existsSync(dir.toolsets)).toBe(true);
    dir.writeInfo({ threadId: "th-1", createdAt: "2026-11-30T00:00:00.000Z" });
    expect(dir.readInfo()).toEqual({ threadId: "th-1", createdAt: "2026-11-30T00:00:00.000Z" });
    expect(readFileSync(dir.info, "utf8").endsWith("}\n")).toBe(true);
    writeFileSync(dir.info, '{"threadId": "th');
    expect(dir.readInfo()).toBeUndefined();
  });

  it("on locking, creates the directory, names the command in the lock and removes half-written files a killed writer left", () => {
    const root = join(newDir(), "run");
    const dir = new RunDirectory(root);
    mkdirSync(join(root, "toolsets"), { recursive: true });
    writeFileSync(join(root, "run.json.tmp"), "{");
    writeFileSync(join(root, "toolsets", "step-1.json.tmp"), "{");
    writeFileSync(join(root, "toolsets", "step-0.json"), "{}");
    const lock = dir.lock("toolforge train --resume");
    try {
      expect(existsSync(join(root, "run.json.tmp"))).toBe(false);
      expect(existsSync(join(root, "toolsets", "step-1.json.tmp"))).toBe(false);
      expect(existsSync(join(root, "toolsets", "step-0.json"))).toBe(true);
      expect(JSON.parse(readFileSync(dir.lockFile, "utf8"))).toMatchObject({ pid: process.pid, command: "toolforge train --resume" });
    } finally {
      lock.release();
    }
    // An empty command names the process's own command line instead.
    const unnamed = dir.lock("");
    try {
      expect(JSON.parse(readFileSync(dir.lockFile, "utf8")).command).not.toBe("");
    } finally {
      unnamed.release();
    }
  });

  it("lists the leftovers it removed, and none in a directory that does not exist", () => {
    const root = newDir();
    writeFileSync(join(root, "a.tmp"), "");
    expect(new RunDirectory(root).removeLeftovers()).toEqual([join(root, "a.tmp")]);
    expect(new RunDirectory(join(root, "missing")).removeLeftovers()).toEqual([]);
  });

  it("appends events once and reads them back", () => {
    const dir = new RunDirectory(newDir());
    expect(dir.appendEvent({ type: "max_steps", step: 2 })).toBe(true);
    expect(dir.appendEvent({ type: "max_steps", step: 3 })).toBe(true);
    expect(dir.readEvents().map((e) => ("step" in e ? e.step : undefined))).toEqual([2, 3]);
  });
});
