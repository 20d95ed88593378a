import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The JSON report a benchmark writes. */
export interface BenchReport {
  smoke: boolean;
  rounds: number;
  figures: Array<{ name: string; value: number; rounds: number[]; target?: object; verdict?: string }>;
}

/** Runs `bench/<script> --smoke` in a child process; returns its exit code, stdout and JSON report. */
export async function runBenchSmoke(script: string): Promise<{ code: number | null; stdout: string; report: BenchReport }> {
  const bench = fileURLToPath(new URL(`../../bench/${script}`, import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), "toolforge-bench-"));
  try {
    const out = join(dir, "report.json");
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", bench, "--smoke", "--out", out], { stdio: ["ignore", "pipe", "inherit"] });
      let text = "";
      child.stdout.on("data", (d) => (text += d));
      child.on("error", reject);
      child.on("exit", (c) => resolve({ code: c, stdout: text }));
    });
    return { code, stdout, report: code === 0 ? (JSON.parse(readFileSync(out, "utf8")) as BenchReport) : { smoke: true, rounds: 0, figures: [] } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
