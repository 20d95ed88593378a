import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScriptedModels } from "../../src/demo/scripted-models.js";
import { transpileTypeScript } from "../helpers/compiled-fixture.js";
import { readmeBlocks } from "./readme-blocks.js";

// Every TypeScript and shell example of README.md either runs here — offline,
// in order, in one scratch directory, against the scripted models — and must
// exit on its own, or carries `<!-- readme-test: skip <reason> -->`.
const root = join(import.meta.dirname, "..", "..");
const blocks = readmeBlocks(join(root, "README.md"));
const runnable = blocks.filter((b) => b.marker?.action === "run");
const bin = join(root, "bin", "toolforge.js");
/** Only a hang guard: an example that keeps the process alive never exits at all. */
const HANG_GUARD_MS = 8 * 60_000;

let work: string;
let scripted: Awaited<ReturnType<typeof startScriptedModels>>;
let env: NodeJS.ProcessEnv;

/** node_modules of the scratch directory: the repository's packages, plus `toolforge` itself, as a user would have them. */
function linkPackages(dir: string): void {
  const modules = join(dir, "node_modules");
  mkdirSync(modules);
  for (const name of readdirSync(join(root, "node_modules"))) if (!name.startsWith(".")) symlinkSync(join(root, "node_modules", name), join(modules, name));
  symlinkSync(root, join(modules, "toolforge"));
}

function run(command: string, args: string[]): Promise<{ code: number | null; output: string; hung: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: work, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let hung = false;
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const guard = setTimeout(() => {
      hung = true;
      child.kill("SIGKILL");
    }, HANG_GUARD_MS);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(guard);
      resolve({ code, output, hung });
    });
  });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "toolforge-readme-"));
  linkPackages(work);
  // Data files the dataset examples name.
  writeFileSync(join(work, "qa.jsonl"), [1, 2].map((i) => JSON.stringify({ uid: `q${i}`, prompt: `What is ${i} + ${i}?`, target: { text: String(2 * i) }, options: [String(2 * i), "0"] })).join("\n") + "\n");
  writeFileSync(join(work, "geometry.jsonl"), JSON.stringify({ id: "g1", problem: "A square has side 3 cm. What is its perimeter?", answer: "12 cm" }) + "\n");
  scripted = await startScriptedModels(["scripted:demo"]);
  const { baseURL } = scripted.resolve("scripted:demo") as { baseURL: string };
  // Every model an example names is answered by the scripted policies on 127.0.0.1; nothing leaves the machine.
  env = { PATH: process.env.PATH, HOME: work, OPENAI_API_KEY: "scripted", OPENAI_BASE_URL: baseURL, OLLAMA_BASE_URL: baseURL, NO_COLOR: "1" };
  // The run's sandbox start-up cache (test/setup/build-dist.ts), not one under HOME per file.
  if (process.env.TOOLFORGE_SANDBOX_CACHE) env.TOOLFORGE_SANDBOX_CACHE = process.env.TOOLFORGE_SANDBOX_CACHE;
});
afterAll(async () => {
  await scripted?.close();
});

describe("README.md examples", () => {
  it("every TypeScript and shell example says whether it runs here, and why not", () => {
    const unmarked = blocks.filter((b) => ["ts", "bash"].includes(b.lang) && !b.marker).map((b) => `README.md:${b.line}`);
    expect(unmarked).toEqual([]);
    for (const b of blocks.filter((x) => x.marker?.action === "skip")) expect(b.marker!.argument, `README.md:${b.line}: skip needs a reason`).not.toBe("");
    expect(runnable.length).toBeGreaterThanOrEqual(10);
  });

  for (const block of runnable) {
    it(`README.md:${block.line} (${block.lang}) runs offline and exits on its own`, async () => {
      let result;
      if (block.lang === "ts") {
        // Transpiled here rather than run through tsx, whose loader hooks cost ~1 s of CPU per block.
        const file = join(work, `readme-${block.line}.mjs`);
        writeFileSync(file, transpileTypeScript(block.code + "\n", `readme-${block.line}.mts`));
        result = await run(process.execPath, [file]);
      } else {
        // `npx toolforge` is this checkout's bin; one line at a time, stopping at the first failure.
        const script = ["set -euo pipefail", ...block.code.split("\n").map((l) => l.replace(/^npx toolforge\b/, `node ${JSON.stringify(bin)}`))].join("\n");
        result = await run("bash", ["-c", script]);
      }
      expect(result.hung, `README.md:${block.line} did not exit within ${HANG_GUARD_MS / 60_000} min (a handle kept it alive?)\n${result.output}`).toBe(false);
      expect(result.code, `README.md:${block.line} failed:\n${result.output}`).toBe(0);
    });
  }

  it("the provenance example has the fields a trained best.toolset.json has", () => {
    const example = blocks.find((b) => b.marker?.action === "metadata-of");
    expect(example, "a JSON block marked metadata-of <file>").toBeDefined();
    const written = JSON.parse(readFileSync(join(work, example!.marker!.argument), "utf8")) as { metadata: Record<string, unknown> };
    const shown = JSON.parse(example!.code) as { metadata: Record<string, unknown> };
    const shape = (value: unknown): unknown =>
      value !== null && typeof value === "object" ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]).sort()) : typeof value;
    expect(shape(shown.metadata)).toEqual(shape(written.metadata));
  });
});
