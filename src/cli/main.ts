import { setMaxListeners } from "node:events";
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { ToolforgeError } from "../errors.js";
import { processIO, type CliIO } from "./cli-io.js";
import type { CommandContext } from "./command-context.js";
import { registerDemoCommand } from "./commands/demo.js";
import { registerDiffCommand } from "./commands/diff.js";
import { registerEvalCommand } from "./commands/eval.js";
import { registerExportCommand } from "./commands/export.js";
import { registerInspectCommand } from "./commands/inspect.js";
import { registerReportCommand } from "./commands/report.js";
import { registerReproduceCommand } from "./commands/reproduce.js";
import { registerResumeCommand } from "./commands/resume.js";
import { registerTrainCommand } from "./commands/train.js";
import { EXIT } from "./errors.js";

/**
 * Errors caused by what the user gave us (files, flags, specs): exit code 2.
 * Matched by class name so this module does not load every layer up front.
 */
const INPUT_ERRORS = new Set(["CliUsageError", "DatasetError", "ToolsetFileError", "FunctionSpecError", "ModelSpecError", "RunDirectoryError", "AgentConfigError", "EvaluationConfigError", "CheckpointerError", "CapabilityPolicyError", "RunLockedError", "ReproduceError"]);
/** Training errors about the options themselves (e.g. duplicate task ids in a file), not about a run going wrong. */
const INPUT_TRAINING_CODES = new Set(["E_TRAIN_OPTIONS", "E_TRAIN_EMPTY"]);

function isInputError(error: unknown): error is ToolforgeError {
  if (!(error instanceof ToolforgeError)) return false;
  return INPUT_ERRORS.has(error.name) || (error.name === "TrainingError" && INPUT_TRAINING_CODES.has(error.code));
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
  } catch {
    try {
      return (JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string }).version;
    } catch {
      return "0.0.0";
    }
  }
}

/**
 * The `toolforge` command tree (commander), with usage errors turned into
 * exceptions instead of `process.exit` so {@link runCli} decides exit codes.
 *
 * @example
 * import { createProgram, processIO } from "toolforge";
 * const program = createProgram({ io: processIO(), signal: new AbortController().signal, setExitCode() {} });
 * console.log(program.commands.map((c) => c.name()));
 */
export function createProgram(ctx: CommandContext): Command {
  const program = new Command("toolforge")
    .description("Train LLM agents without touching model weights: functions are the learnable weights (arXiv 2402.11359).")
    .version(packageVersion())
    .exitOverride()
    .configureOutput({ writeOut: (s) => void ctx.io.stdout.write(s), writeErr: (s) => void ctx.io.stderr.write(s) })
    .showHelpAfterError("(add --help for usage)")
    .showSuggestionAfterError(true);
  registerTrainCommand(program, ctx);
  registerResumeCommand(program, ctx);
  registerEvalCommand(program, ctx);
  registerInspectCommand(program, ctx);
  registerDiffCommand(program, ctx);
  registerExportCommand(program, ctx);
  registerReportCommand(program, ctx);
  registerDemoCommand(program, ctx);
  registerReproduceCommand(program, ctx);
  return program;
}

/**
 * Runs the CLI and returns its exit code: 0 success, 1 unexpected failure,
 * 2 bad input or usage (unknown flag, bad value, missing or malformed file,
 * existing run directory, corrupt toolset — with a message naming the
 * problem), 130 interrupted (Ctrl-C; the run can be resumed).
 *
 * @example
 * import { runCli } from "toolforge";
 * const code = await runCli(["inspect", "runs/a/best.toolset.json"]);
 */
export async function runCli(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const controller = new AbortController();
  // Every in-flight task and model call listens on this one signal.
  setMaxListeners(0, controller.signal);
  // LangGraph and the model clients derive more signals per task; raise the default for those too.
  setMaxListeners(100);
  let exitCode: number = EXIT.ok;
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    io.stderr.write("\nInterrupting… (Ctrl-C again to quit at once)\n");
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  try {
    const program = createProgram({ io, signal: controller.signal, setExitCode: (c) => void (exitCode = c) });
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed its message (and help hint) to stderr.
      return error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help" ? EXIT.ok : EXIT.usage;
    }
    if (isInputError(error)) {
      io.stderr.write(`toolforge: error: ${error.message}\n`);
      return EXIT.usage;
    }
    if (controller.signal.aborted) {
      io.stderr.write(`toolforge: interrupted${error instanceof Error ? ` (${error.message})` : ""}\n`);
      return EXIT.interrupted;
    }
    const message = error instanceof ToolforgeError ? `${error.message} [${error.code}]` : error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`toolforge: failed: ${message}\n`);
    return EXIT.failure;
  } finally {
    process.off("SIGINT", onSigint);
  }
}
