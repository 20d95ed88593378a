import type { Command } from "commander";
import { printerFor, withOutputOptions, type CommandContext } from "../command-context.js";

/**
 * Registers `toolforge report <run-dir>`: (re)writes `report.html` and
 * `learning-curve.svg` from the run's events and toolsets.
 *
 * @example
 * // npx toolforge report runs/a
 */
export function registerReportCommand(program: Command, ctx: CommandContext): void {
  const cmd = program.command("report").description("write report.html and learning-curve.svg for a run directory").argument("<run-dir>", "run directory");
  withOutputOptions(cmd).action(async (runDir: string, flags: { json?: boolean; quiet?: boolean }) => {
    const { writeRunReport } = await import("../../report/write-run-report.js");
    const files = await writeRunReport(runDir);
    printerFor(ctx.io, flags).result({ type: "result", report: files.html, learningCurve: files.svg }, `Report written to ${files.html}\nLearning curve: ${files.svg}`);
  });
}
