import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// Runs the compiled package (dist/, built by the global setup), as `npm run bench:sandbox` does.
const bench = fileURLToPath(new URL("../../bench/sandbox.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "toolforge-bench-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("bench/sandbox.mjs --smoke", () => {
  it("runs every measurement, prints the table and writes the JSON report", async () => {
    const out = join(dir, "sandbox.json");
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [bench, "--smoke", "--out", out], { stdio: ["ignore", "pipe", "inherit"] });
      let text = "";
      child.stdout.on("data", (d) => (text += d));
      child.on("error", reject);
      child.on("exit", (c) => resolve({ code: c, stdout: text }));
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/figure\s+value\s+target\s+verdict/);
    const report = JSON.parse(readFileSync(out, "utf8")) as { smoke: boolean; rounds: number; figures: Array<{ name: string; value: number; rounds: number[]; target?: object; verdict?: string }> };
    expect(report.smoke).toBe(true);
    expect(report.rounds).toBeGreaterThanOrEqual(3);
    const names = report.figures.map((f) => f.name).join("\n");
    for (const part of ["back to back, every core loaded", "apart, every core loaded", "plain node", "node:vm", "sandbox / plain node", "speed-up of 2 workers"]) {
      expect(names).toContain(part);
    }
    for (const f of report.figures) expect(Number.isFinite(f.value) && f.value >= 0).toBe(true);
    const targeted = report.figures.filter((f) => f.target);
    expect(targeted.length).toBe(3);
    // Smoke sizes are too small to judge: no verdict can fail the run.
    expect(targeted.every((f) => f.verdict === "smoke")).toBe(true);
  }, 600_000);
});
