import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const bench = fileURLToPath(new URL("../../bench/evaluate.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "toolforge-bench-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("bench/evaluate.ts --smoke", () => {
  it("measures toolforge against the plain fetch loop on the same server, prints the table and writes the JSON report", async () => {
    const out = join(dir, "evaluate.json");
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", bench, "--smoke", "--out", out], { stdio: ["ignore", "pipe", "inherit"] });
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
    for (const part of ["framework CPU per task, toolforge", "CPU per task, plain fetch loop", "CPU, toolforge / fetch loop", "wall time, toolforge / fetch loop", "efficiency, toolforge", "efficiency, plain fetch loop"]) {
      expect(names).toContain(part);
    }
    for (const f of report.figures) {
      expect(Number.isFinite(f.value) && f.value > 0).toBe(true);
      expect(f.rounds).toHaveLength(report.rounds);
    }
    const targeted = report.figures.filter((f) => f.target);
    expect(targeted.map((f) => f.name.split(" (")[0])).toEqual(["framework CPU per task, toolforge", "efficiency, toolforge"]);
    // Smoke sizes are too small to judge: no verdict can fail the run.
    expect(targeted.every((f) => f.verdict === "smoke")).toBe(true);
  }, 600_000);
});
