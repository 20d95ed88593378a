import { existsSync } from "node:fs";
import { join } from "node:path";
import { toolsetComplexity } from "../functions/function-complexity.js";
import { Toolset } from "../functions/toolset.js";
import { summarizeRun } from "../report/run-summary.js";
import { readRunEvents } from "../report/write-run-report.js";
import type { CellResult } from "./types.js";

/**
 * Table 6's figures of one finished training run: successful calls of learned
 * functions in the second and in the last training evaluation (the paper's
 * "second epoch" and "last epoch": the first evaluation scores the initial
 * set, the second the first learned one; the functions may differ), and the
 * mean cyclomatic complexity of the returned `best.toolset.json`. A figure
 * the run does not have (one evaluation only, no functions, no best toolset
 * yet) is left out. Throws `RunDirectoryError` for a missing or unreadable
 * run directory and `ToolsetFileError` for a corrupt best toolset.
 *
 * @example
 * import { cellFunctionMetrics } from "toolforge";
 * const functionMetrics = await cellFunctionMetrics("runs/table6/math");
 * console.log(functionMetrics); // { callsSecondStep: 11, callsLastStep: 23, meanComplexity: 1.2 }
 */
export async function cellFunctionMetrics(runDir: string): Promise<NonNullable<CellResult["functionMetrics"]>> {
  const trainEvaluations = summarizeRun(readRunEvents(runDir))
    .steps.filter((s) => s.successfulCalls !== undefined)
    .sort((a, b) => a.step - b.step);
  const metrics: NonNullable<CellResult["functionMetrics"]> = {};
  if (trainEvaluations.length >= 2) {
    metrics.callsSecondStep = trainEvaluations[1]!.successfulCalls!;
    metrics.callsLastStep = trainEvaluations.at(-1)!.successfulCalls!;
  }
  const bestFile = join(runDir, "best.toolset.json");
  if (existsSync(bestFile)) {
    const complexity = await toolsetComplexity((await Toolset.load(bestFile)).functions);
    if (complexity.length > 0) metrics.meanComplexity = complexity.reduce((a, c) => a + c.complexity, 0) / complexity.length;
  }
  return metrics;
}
