import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Toolset } from "../../src/functions/index.js";
import { RunDirectoryError } from "../../src/report/errors.js";
import { cellFunctionMetrics } from "../../src/reproduce/cell-function-metrics.js";
import type { TrainingEvent } from "../../src/training/events.js";
import { tempDirs } from "../helpers/temp-dirs.js";

const tempDir = tempDirs("toolforge-cell-metrics-");

const sign = {
  name: "sign",
  description: "Sign of x.",
  parameters: { type: "object" as const, properties: { x: { type: "number" } }, required: ["x"] },
  code: "function sign({ x }) {\n  if (x > 0) return 1;\n  if (x < 0) return -1;\n  return 0;\n}",
  packages: [],
};
const twice = { ...sign, name: "twice", description: "Twice x.", code: "const twice = ({ x }) => 2 * x;" };

function runDir(events: TrainingEvent[], best?: Toolset): string {
  const dir = join(tempDir(), "cell");
  mkdirSync(dir);
  writeFileSync(join(dir, "events.jsonl"), events.map((e) => JSON.stringify(e)).join("\n") + "\n");
  if (best) writeFileSync(join(dir, "best.toolset.json"), JSON.stringify(best.toJSON()));
  return dir;
}

const end = (step: number, phase: "baseline" | "candidate" | "validation", successfulCalls: number): TrainingEvent =>
  ({ type: "evaluation_end", step, phase, loss: 0.5, accuracy: 0.5, successfulCalls, complexity: [] }) as TrainingEvent;

describe("cellFunctionMetrics", () => {
  it("takes the calls of the second and the last training evaluation and the mean complexity of the best toolset", async () => {
    const dir = runDir(
      [end(0, "baseline", 0), end(1, "candidate", 4), end(1, "validation", 99), end(3, "candidate", 9), end(2, "candidate", 6)],
      Toolset.empty().add(sign).add(twice),
    );
    // sign: 1 + two ifs = 3; twice: 1. Steps in step order, validation runs ignored.
    expect(await cellFunctionMetrics(dir)).toEqual({ callsSecondStep: 4, callsLastStep: 9, meanComplexity: 2 });
  });

  it("leaves out what the run does not have yet", async () => {
    expect(await cellFunctionMetrics(runDir([end(0, "baseline", 0)]))).toEqual({});
    expect(await cellFunctionMetrics(runDir([end(0, "baseline", 0), end(1, "candidate", 2)], Toolset.empty()))).toEqual({ callsSecondStep: 2, callsLastStep: 2 });
  });

  it("refuses a folder that is not a run directory", async () => {
    await expect(cellFunctionMetrics(join(tempDir(), "missing"))).rejects.toBeInstanceOf(RunDirectoryError);
  });
});
