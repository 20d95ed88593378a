import { describe, expect, it } from "vitest";
import { runBenchSmoke } from "./run-smoke.js";

describe("bench/evaluate.ts --smoke", () => {
  it("measures toolforge against the plain fetch loop on the same server, prints the table and writes the JSON report", async () => {
    const { code, stdout, report } = await runBenchSmoke("evaluate.ts");
    expect(code).toBe(0);
    expect(stdout).toMatch(/figure\s+value\s+target\s+verdict/);
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
