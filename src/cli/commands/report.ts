import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { printerFor, withOutputOptions, type CommandContext } from "../command-context.js";
import { restoreCheckpointer } from "../train-config.js";

/** The checkpointer `config.json` names, if any; the report reads the rest of the file on its own terms. */
function storedCheckpointer(runDir: string): { checkpointer?: string } {
  try {
    const { checkpointer } = JSON.parse(readFileSync(join(runDir, "config.json"), "utf8")) as { checkpointer?: unknown };
    return typeof checkpointer === "string" ? { checkpointer } : {};
  } catch {
    return {};
  }
}

/**
 * Registers `toolforge report <run-dir>`: (re)writes `report.html` and
 * `learning-curve.svg` from the run's events and toolsets, with transcripts
 * from the run's execution records (in the database of a `postgres://`
 * checkpointer when the run used one: `--checkpointer` or
 * `TOOLFORGE_CHECKPOINTER` give it when `config.json` masks its password).
 *
 * @example
 * // npx toolforge report runs/a
 * // npx toolforge report runs/pg --checkpointer postgres://me:pw@db/runs
 */
export function registerReportCommand(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("report")
    .description("write report.html and learning-curve.svg for a run directory")
    .argument("<run-dir>", "run directory")
    .option("--checkpointer <spec>", "the run's checkpointer when it kept its records in Postgres and config.json masks the password (also TOOLFORGE_CHECKPOINTER)");
  withOutputOptions(cmd).action(async (runDir: string, flags: { json?: boolean; quiet?: boolean; checkpointer?: string }) => {
    const [{ writeRunReport }, { openRunRecords }, { parseCheckpointerSpec }] = await Promise.all([
      import("../../report/write-run-report.js"),
      import("../run-records.js"),
      import("../../checkpoint/create-checkpointer.js"),
    ]);
    // A run written by the CLI names its checkpointer in config.json; one written by trainAgent has its records in the directory.
    const checkpointer = restoreCheckpointer(storedCheckpointer(runDir), ctx.io.env, flags.checkpointer);
    // Other checkpointers keep the records in the run directory, where the report looks by default.
    const opened = checkpointer !== undefined && parseCheckpointerSpec(checkpointer).kind === "postgres" ? await openRunRecords(runDir, checkpointer) : undefined;
    try {
      const files = await writeRunReport(runDir, opened ? { records: opened.records } : {});
      printerFor(ctx.io, flags).result({ type: "result", report: files.html, learningCurve: files.svg }, `Report written to ${files.html}\nLearning curve: ${files.svg}`);
    } finally {
      await opened?.close();
    }
  });
}
