import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { formatStepTable } from "../../src/cli/step-table.js";
import { Toolset } from "../../src/functions/index.js";
import { renderReportHtml, summarizeRun } from "../../src/report/index.js";
import type { TrainingEvent } from "../../src/training/events.js";
import { memoryIO } from "./memory-io.js";

const dir = mkdtempSync(join(tmpdir(), "toolforge-metrics-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const toolset = Toolset.empty()
  .add({
    name: "sign",
    description: "Sign of x.",
    parameters: { type: "object", properties: { x: { type: "number" } }, required: ["x"] },
    code: "function sign({ x }) {\n  if (x > 0) return 1;\n  if (x < 0) return -1;\n  return 0;\n}",
    packages: [],
  })
  .add({
    name: "twice",
    description: "Twice x.",
    parameters: { type: "object", properties: { x: { type: "number" } }, required: ["x"] },
    code: "const twice = ({ x }) => 2 * x;",
    packages: [],
  });

describe("function metrics in the CLI and the report", () => {
  it("toolforge inspect shows each function's cyclomatic complexity, also in --json", async () => {
    const file = join(dir, "t.toolset.json");
    await toolset.save(file);
    const io = memoryIO();
    expect(await runCli(["inspect", file], io)).toBe(0);
    expect(io.out()).toMatch(/sign\(.*\)\n  Sign of x\.\n  cyclomatic complexity: 3\n/);
    expect(io.out()).toMatch(/twice\(.*\)\n  Twice x\.\n  cyclomatic complexity: 1\n/);
    const json = memoryIO();
    expect(await runCli(["inspect", file, "--json"], json)).toBe(0);
    expect(JSON.parse(json.out().trim()).complexity).toEqual([{ name: "sign", complexity: 3 }, { name: "twice", complexity: 1 }]);
  });

  it("the run summary, the report and the step table carry successful calls and complexity per step", () => {
    const complexity = [{ name: "sign", complexity: 3 }, { name: "twice", complexity: 1 }];
    const events: TrainingEvent[] = [
      { type: "evaluation_end", step: 0, phase: "baseline", loss: 0.5, accuracy: 0.5, successfulCalls: 0, complexity: [] },
      { type: "evaluation_end", step: 1, phase: "candidate", loss: 0.25, accuracy: 0.75, successfulCalls: 7, complexity },
      { type: "evaluation_end", step: 1, phase: "validation", loss: 0.4, accuracy: 0.6, successfulCalls: 3, complexity },
      { type: "accepted", step: 1, trainLoss: 0.25, previousLoss: 0.5, toolsetHash: "h" },
    ];
    const summary = summarizeRun(events);
    expect(summary.steps.map((s) => [s.step, s.successfulCalls, s.complexity?.length])).toEqual([[0, 0, 0], [1, 7, 2]]);
    const html = renderReportHtml({ title: "run", summary, curveSvg: "<svg></svg>", toolsets: new Map(), finalToolset: toolset.toJSON() });
    expect(html).toContain("<td>7</td><td>2 (max 3)</td>");
    const table = formatStepTable([
      { step: 0, trainLoss: 0.5, accepted: true, actions: [], rejected: [], toolsetHash: "a", successfulCalls: 0, complexity: [] },
      { step: 1, trainLoss: 0.25, accepted: true, actions: [], rejected: [], toolsetHash: "b", successfulCalls: 7, complexity },
    ]);
    expect(table).toMatch(/fn calls ok +complexity/);
    expect(table).toMatch(/1 +0\.250 +- +accepted +7 +2 \(max 3\)/);
  });

  it("refuses bad values of the new train flags with exit code 2", async () => {
    for (const flags of [["--max-epochs", "0"], ["--max-steps", "x"], ["--patience", "-1"]]) {
      const io = memoryIO();
      const code = await runCli(["train", "--data", "gsm8k:train", "--model", "ollama:m", "--out", join(dir, "never"), ...flags], io);
      expect(code).toBe(2);
      expect(io.err()).toContain(flags[0]);
    }
  });
});
