import { Writable } from "node:stream";
import type { CliIO } from "../../src/cli/cli-io.js";

/** In-memory CLI streams for in-process tests. */
export function memoryIO(options: { tty?: boolean; env?: NodeJS.ProcessEnv } = {}): CliIO & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  const stdout = new Writable({
    write(chunk, _enc, cb) {
      out += String(chunk);
      cb();
    },
  }) as Writable & { isTTY?: boolean; columns?: number };
  if (options.tty) Object.assign(stdout, { isTTY: true, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  const stderr = new Writable({
    write(chunk, _enc, cb) {
      err += String(chunk);
      cb();
    },
  });
  return { stdout, stderr, env: options.env ?? process.env, cwd: process.cwd(), out: () => out, err: () => err };
}
