import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { Toolset } from "../../src/functions/index.js";
import { renderReportHtml } from "../../src/report/report-html.js";
import { summarizeRun } from "../../src/report/run-summary.js";
import { groupByRole } from "../../src/teams/index.js";
import { memoryIO } from "../cli/memory-io.js";
import { addSpec, greetSpec } from "../functions/fixtures.js";

const team = Toolset.from([{ ...addSpec, roles: ["calculator"] }, greetSpec, { ...addSpec, name: "sum", code: "function sum({ a, b }) { return a + b; }", roles: ["calculator", "researcher"] }]);

describe("functions grouped by role", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("lists shared functions first, then each role's, a multi-role function under each", () => {
    expect(groupByRole(team.functions).map((g) => [g.role, g.functions.map((f) => f.name)])).toEqual([
      [null, ["greet"]],
      ["calculator", ["add", "sum"]],
      ["researcher", ["sum"]],
    ]);
    expect(groupByRole(Toolset.from([addSpec]).functions).map((g) => g.role)).toEqual([null]);
  });

  it("toolforge inspect groups a team toolset by role", async () => {
    const dir = mkdtempSync(join(tmpdir(), "toolforge-roles-"));
    dirs.push(dir);
    await team.save(join(dir, "team.toolset.json"));
    const io = memoryIO();
    expect(await runCli(["inspect", join(dir, "team.toolset.json")], io)).toBe(0);
    const out = io.out();
    expect(out.indexOf("== every role (1)")).toBeLessThan(out.indexOf("== role calculator (2)"));
    expect(out.indexOf("== role calculator (2)")).toBeLessThan(out.indexOf("== role researcher (1)"));
  });

  it("the report's final toolset has one section per role", () => {
    const html = renderReportHtml({ title: "t", summary: summarizeRun([]), curveSvg: "<svg></svg>", toolsets: new Map(), finalToolset: team.toJSON() });
    expect(html).toContain('<h3 class="role">Every role</h3>');
    expect(html).toContain('<h3 class="role">Role <code>researcher</code></h3>');
  });
});
