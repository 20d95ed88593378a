import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { onTestFinished } from "vitest";

/**
 * Runs `bench/<name>.ts --smoke` (call it inside a test) in its own process, its JSON report written
 * to a temporary file (removed when the test ends); resolves with its exit code,
 * stdout and the report's path.
 */
export function runBenchSmoke(name: string): Promise<{ code: number | null; stdout: string; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), `toolforge-bench-${name}-`));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const bench = fileURLToPath(new URL(`../../bench/${name}.ts`, import.meta.url));
  const out = join(dir, `${name}.json`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", bench, "--smoke", "--out", out], { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, out }));
  });
}
