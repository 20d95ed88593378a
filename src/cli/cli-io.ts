/**
 * Where CLI output goes; tests pass in-memory streams.
 *
 * @example
 * const io: import("toolforge").CliIO = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
 */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream;
  /** Where questions are answered (`reproduce`'s cost confirmation); absent or not a TTY = no one to ask. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/**
 * Output switches shared by every command.
 *
 * @example
 * const mode: import("toolforge").OutputMode = { json: false, quiet: false, tty: process.stdout.isTTY === true };
 */
export interface OutputMode {
  /** Machine-readable JSON lines on stdout instead of human text. */
  json: boolean;
  /** No progress output; results and errors only. */
  quiet: boolean;
  /** Live progress bars; only when stdout is a TTY (never ANSI escapes otherwise). */
  tty: boolean;
}

/**
 * The process's real streams.
 *
 * @example
 * import { processIO, runCli } from "toolforge";
 * process.exitCode = await runCli(process.argv.slice(2), processIO());
 */
export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}
