import type { Command } from "commander";
import type { CliIO, OutputMode } from "./cli-io.js";
import { ProgressPrinter } from "./progress.js";

/**
 * What every command handler gets: streams and the interrupt signal.
 *
 * @example
 * const ctx: import("toolforge").CommandContext = { io: processIO(), signal: new AbortController().signal, setExitCode: (c) => (process.exitCode = c) };
 */
export interface CommandContext {
  io: CliIO;
  /** Aborted on Ctrl-C, so long work stops cleanly (and can be resumed). */
  signal: AbortSignal;
  /** Sets the process exit code the CLI returns (default 0). */
  setExitCode(code: number): void;
}

/**
 * Adds `--json` and `--quiet` to a command.
 *
 * @example
 * import { Command } from "commander";
 * import { withOutputOptions } from "toolforge";
 * withOutputOptions(new Command("inspect"));
 */
export function withOutputOptions(command: Command): Command {
  return command.option("--json", "print machine-readable JSON (events as JSON lines)").option("-q, --quiet", "no progress output; results and errors only");
}

/**
 * The output mode of parsed `--json` / `--quiet` flags and a printer for it;
 * progress bars only when stdout is a TTY.
 *
 * @example
 * import { printerFor, processIO } from "toolforge";
 * const printer = printerFor(processIO(), { json: true });
 */
export function printerFor(io: CliIO, opts: { json?: boolean; quiet?: boolean }): ProgressPrinter {
  const mode: OutputMode = { json: opts.json ?? false, quiet: opts.quiet ?? false, tty: io.stdout.isTTY === true && !opts.json && !opts.quiet };
  return new ProgressPrinter(io, mode);
}
