import type { Command } from "commander";
import { printerFor, withOutputOptions, type CommandContext } from "../command-context.js";
import { DEMO_CONFIG_NOTE } from "../../demo/demo-note.js";
import { CliUsageError } from "../errors.js";
import { readTrainConfig, unredactConfig } from "../train-config.js";
import { finishTraining } from "./finish-training.js";

/**
 * Registers `toolforge resume <run-dir>`: continues an interrupted run from
 * its checkpoints with the settings in its `config.json` (API keys come from
 * the environment again). Finished tasks and model calls are not redone.
 *
 * @example
 * // npx toolforge resume runs/gsm8k
 */
export function registerResumeCommand(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("resume")
    .description(
      "continue an interrupted training run from its checkpoints (after Ctrl-C, a crash or a provider outage); " +
        "an inline apiKey of a JSON model spec is given again as TOOLFORGE_MODEL_API_KEY / TOOLFORGE_OPTIMIZER_API_KEY",
    )
    .argument("<run-dir>", "run directory created by `toolforge train`")
    .option("--checkpointer <spec>", "the run's checkpointer when it is not the run directory's SQLite file (e.g. postgres://user:pass@host/db; also TOOLFORGE_CHECKPOINTER)");
  withOutputOptions(cmd).action(async (runDir: string, flags: { json?: boolean; quiet?: boolean; checkpointer?: string }) => {
    const [{ runTraining }, { validateModelSpecs }] = await Promise.all([import("../run-training.js"), import("../validate-models.js")]);
    const printer = printerFor(ctx.io, flags);
    const stored = readTrainConfig(runDir);
    if (stored.note?.startsWith(DEMO_CONFIG_NOTE)) {
      throw new CliUsageError(
        "E_CLI_DEMO_RESUME",
        `${runDir} is a \`toolforge demo\` run: its tasks and scripted models lived only in that process, so it cannot be resumed; run \`toolforge demo\` again`,
        { path: runDir },
      );
    }
    const config = unredactConfig(stored, ctx.io.env, flags.checkpointer);
    validateModelSpecs([config.model, config.optimizerModel]);
    printer.info(`Resuming ${runDir}…`);
    try {
      const run = await runTraining({ config, runDir, printer, resume: true, signal: ctx.signal });
      finishTraining(run, runDir, printer, ctx);
    } finally {
      printer.close();
    }
  });
}
