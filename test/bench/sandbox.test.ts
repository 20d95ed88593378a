import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runBenchSmoke } from "../helpers/run-bench-smoke.js";

describe("bench/sandbox.ts --smoke", () => {
  it("runs every measurement, prints the table and writes the JSON report", async () => {
    const { code, stdout, out } = await runBenchSmoke("sandbox");
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
