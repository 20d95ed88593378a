import type { CommandContext } from "../command-context.js";
import { EXIT } from "../errors.js";
import type { ProgressPrinter } from "../progress.js";
import type { RunTrainingResult } from "../run-training.js";

/**
 * Prints where a finished (or interrupted) run's files are and sets the
 * exit code (130 when interrupted, so scripts can tell).
 *
 * @example
 * finishTraining(run, "runs/a", printer, ctx);
 */
export function finishTraining(run: RunTrainingResult, runDir: string, printer: ProgressPrinter, ctx: CommandContext): void {
  const { result, report, bestToolsetFile } = run;
  const interrupted = result.stopReason === "aborted";
  printer.result(
    {
      type: "result",
      runDir,
      stopReason: result.stopReason,
      bestTrainLoss: result.bestTrainLoss,
      ...(result.bestValidationLoss !== undefined && { bestValidationLoss: result.bestValidationLoss }),
      functions: result.toolset.functions.map((f) => f.name),
      bestToolset: bestToolsetFile,
      report: report.html,
      learningCurve: report.svg,
      usage: result.usage,
    },
    [
      interrupted ? `Interrupted. Continue with: toolforge resume ${runDir}` : `Stopped: ${result.stopReason}.`,
      `Best toolset (${result.toolset.size} function${result.toolset.size === 1 ? "" : "s"}: ${result.toolset.functions.map((f) => f.name).join(", ") || "none"}): ${bestToolsetFile}`,
      `Report written to ${report.html}`,
      `Learning curve: ${report.svg}`,
    ].join("\n"),
  );
  if (interrupted) ctx.setExitCode(EXIT.interrupted);
}
