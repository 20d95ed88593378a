import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIfStale } from "../../scripts/build-if-stale.mjs";
import { REPO_ROOT } from "./helpers/langgraph-dev.js";
import { missingSetup } from "./helpers/setup-hint.js";

const NOTEBOOKS = readdirSync(join(REPO_ROOT, "notebooks"))
  .filter((name) => name.endsWith(".ipynb"))
  .sort();
const KERNEL = join(REPO_ROOT, "tools", "notebooks", ".jupyter", "share", "jupyter", "kernels", "tslab", "kernel.json");

interface NotebookCell {
  cell_type: string;
  outputs?: { output_type: string; data?: Record<string, unknown>; ename?: string }[];
}

function run(command: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(command, args, { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, ...env }, timeout: 600_000 });
}

describe("notebooks/ execute headless with the tslab kernel", () => {
  const out = mkdtempSync(join(tmpdir(), "toolforge-nb-"));

  beforeAll(() => {
    if (!existsSync("/usr/bin/jupyter") && run("jupyter", ["--version"]).status !== 0) throw missingSetup("Jupyter (nbconvert)");
    if (!existsSync(KERNEL)) throw missingSetup(`the tslab kernel (${KERNEL})`);
    // Notebooks import the built package by name: vitest's global setup has
    // rebuilt dist/ if src/ changed, so this is a no-op unless src/ changed since.
    buildIfStale();
    const linked = run(process.execPath, ["scripts/link-toolforge.mjs"]);
    expect(linked.status, linked.stderr).toBe(0);
  });

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("has the four documented notebooks", () => {
    expect(NOTEBOOKS).toEqual(["01-quickstart.ipynb", "02-reuse-a-trained-toolset.ipynb", "03-train-your-own-agent.ipynb", "04-train-a-team.ipynb"]);
  });

  for (const name of NOTEBOOKS) {
    it(`runs ${name} without a cell error`, () => {
      const result = run("bash", ["scripts/run-notebooks.sh", join("notebooks", name)], { SKIP_BUILD: "1", NOTEBOOK_OUTPUT_DIR: out });
      expect(result.status, `${result.stdout}\n${result.stderr}`.slice(-6000)).toBe(0);
      const executed = JSON.parse(readFileSync(join(out, name), "utf8")) as { cells: NotebookCell[] };
      const code = executed.cells.filter((cell) => cell.cell_type === "code");
      expect(code.length).toBeGreaterThan(0);
      const outputs = code.flatMap((cell) => cell.outputs ?? []);
      expect(outputs.filter((o) => o.output_type === "error")).toEqual([]);
      if (name.startsWith("01-") || name.startsWith("04-")) {
        // The learning curve is shown inline as an SVG.
        const html = outputs.flatMap((o) => (o.data?.["text/html"] ? [String(([] as unknown[]).concat(o.data["text/html"]).join(""))] : []));
        expect(html.some((h) => h.startsWith("<svg"))).toBe(true);
      }
    });
  }
});
