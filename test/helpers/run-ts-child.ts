import { type ChildProcess, spawn } from "node:child_process";
import { compiledFixture } from "./compiled-fixture.js";

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a TypeScript fixture in its own Node process, compiled
 * ({@link compiledFixture}), so a test can `kill -9` it mid-run; resolves
 * when it exits, however it exits.
 */
export function runTsChild(script: string, env: Record<string, string>, onSpawn?: (child: ChildProcess) => void): Promise<ChildResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [compiledFixture(script)], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => (stderr += d));
    child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr }));
    onSpawn?.(child);
  });
}
