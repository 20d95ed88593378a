import type { Command } from "commander";
import type { ModelSpec } from "../../models/types.js";
import { printerFor, withOutputOptions, type CommandContext } from "../command-context.js";
import { demoIntro } from "../../demo/demo-intro.js";
import { EXIT } from "../errors.js";
import { modelSpecOption } from "../parse-options.js";

function defaultDemoDir(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");
  return `runs/demo-${stamp}`;
}

/**
 * Registers `toolforge demo`: the whole loop offline with scripted models
 * (or real ones with `--model` / `--optimizer-model`).
 *
 * @example
 * // npx toolforge demo
 */
export function registerDemoCommand(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("demo")
    .description("run the whole training loop end to end, offline, with SCRIPTED models on a bundled GSM8K subset (no API key, no network)")
    .option("--model <spec>", "use a real agent model instead of the scripted one", modelSpecOption)
    .option("--optimizer-model <spec>", "use a real optimizer model instead of the scripted one", modelSpecOption)
    .option("--out <dir>", "run directory (default: runs/demo-<timestamp>)")
    .option("--force", "replace an existing run directory");
  withOutputOptions(cmd).action(async (flags: { model?: ModelSpec; optimizerModel?: ModelSpec; out?: string; force?: boolean; json?: boolean; quiet?: boolean }) => {
    const printer = printerFor(ctx.io, flags);
    // The first line comes before the training modules load (about a second on a small machine).
    printer.info(demoIntro(flags));
    try {
      const [{ runDemo }, { validateModelSpecs }] = await Promise.all([import("../../demo/run-demo.js"), import("../validate-models.js")]);
      validateModelSpecs([flags.model, flags.optimizerModel].filter((m): m is ModelSpec => m !== undefined));
      const result = await runDemo({
        announce: false,
        runDir: flags.out ?? defaultDemoDir(),
        printer,
        force: flags.force ?? false,
        ...(flags.model && { model: flags.model }),
        ...(flags.optimizerModel && { optimizerModel: flags.optimizerModel }),
        signal: ctx.signal,
      });
      if (result.run.result.stopReason === "aborted") ctx.setExitCode(EXIT.interrupted);
    } finally {
      printer.close();
    }
  });
}
