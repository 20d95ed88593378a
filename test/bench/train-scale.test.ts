import { describe, expect, it } from "vitest";
import { runBenchSmoke } from "./run-smoke.js";

describe("bench/train-scale.ts --smoke", () => {
  it("trains against the built package, prints the table and writes the JSON report", async () => {
    const { code, stdout, report: raw } = await runBenchSmoke("train-scale.ts");
    expect(code).toBe(0);
    expect(stdout).toMatch(/figure\s+value\s+target\s+verdict/);
    const report = raw as unknown as { smoke: boolean; N: number; figures: Array<{ name: string; value: number; target?: object; verdict?: string }> };
    expect(report.smoke).toBe(true);
    const value = (part: string) => report.figures.find((f) => f.name.includes(part))!.value;
    for (const f of report.figures) expect(Number.isFinite(f.value) && f.value > 0, f.name).toBe(true);
    // The run did real work: floors from its records, optimizer time from its events, checkpoints at both sizes.
    expect(value("sum of evaluation floors")).toBeGreaterThan(0);
    expect(value("wall / (floors + optimizer time)")).toBeGreaterThan(1);
    expect(value(`mean, N=${report.N}`)).toBeGreaterThan(1000);
    const targeted = report.figures.filter((f) => f.target);
    expect(targeted.map((f) => f.name)).toEqual([
      "wall / (floors + optimizer time)",
      "peak RSS of a training run (largest of the rounds)",
      `checkpoint bytes per superstep, N=${report.N} / N=${Math.round(report.N / 10)}`,
    ]);
    // Smoke sizes are too small to judge: no verdict can fail the run.
    expect(targeted.every((f) => f.verdict === "smoke")).toBe(true);
  }, 600_000);
});
