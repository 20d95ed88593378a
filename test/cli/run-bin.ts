import { spawn } from "node:child_process";
import { join } from "node:path";

export const BIN = join(import.meta.dirname, "..", "..", "bin", "toolforge.js");

export interface BinResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/toolforge.js …` in a child process (stdout is a pipe, not a TTY). */
export function runBin(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; onStart?: (child: ReturnType<typeof spawn>) => void } = {}): Promise<BinResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += String(d)));
    child.stderr.on("data", (d) => (stderr += String(d)));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    options.onStart?.(child);
  });
}
