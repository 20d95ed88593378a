import { createInterface } from "node:readline/promises";
import type { CliIO } from "./cli-io.js";

/**
 * Asks on the terminal whether to go on; `false` without asking when stdin
 * is not a terminal (no one can answer).
 *
 * @example
 * import { confirmOnTerminal, processIO } from "toolforge";
 * if (!(await confirmOnTerminal(processIO(), "Spend about $12?"))) process.exit(2);
 */
export async function confirmOnTerminal(io: CliIO, question: string): Promise<boolean> {
  if (!io.stdin?.isTTY) return false;
  const rl = createInterface({ input: io.stdin, output: io.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}
