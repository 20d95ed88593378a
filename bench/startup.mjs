#!/usr/bin/env node
/**
 * Start-up benchmark (issue 10, "fast start"): prints figure / target /
 * verdict for each and exits 1 if any target is missed. Run on an idle
 * machine: `npm run bench:startup` (builds dist/ first when stale).
 *   - `toolforge --help` through the bin (compiled JavaScript), ≤ 0.5 s
 *   - `import("toolforge")` in a fresh Node process, ≤ 0.5 s
 *   - `toolforge demo`: its first output line, ≤ 2 s, with the sandbox
 *     start-up cache off (a first run ever: the sandbox builds its runtime);
 *     the same with the cache warm is printed too, without a target
 * Each figure is the median of RUNS fresh processes (default 5), measured
 * from spawn to the event, so Node's own start-up is included.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const runs = Number(process.env.RUNS ?? 5);
const bin = join(root, "bin", "toolforge.js");

/** Seconds from spawn until the child exits (untilFirstLine: until its first stdout line, then it is killed). */
function time(args, { untilFirstLine = false, env = process.env } = {}) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - start) / 1e9;
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    let settled = false;
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.on("data", (d) => {
      if (untilFirstLine && !settled && String(d).includes("\n")) {
        settled = true;
        resolve(elapsed());
        child.kill("SIGKILL");
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (settled) return;
      if (code !== 0) reject(new Error(`node ${args.join(" ")} exited with ${code}: ${stderr.slice(0, 500)}`));
      else resolve(elapsed());
    });
  });
}

async function median(label, make) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await make());
  samples.sort((a, b) => a - b);
  return { label, samples, median: samples[Math.floor(samples.length / 2)] };
}

const scratch = mkdtempSync(join(tmpdir(), "toolforge-bench-startup-"));
const demo = [bin, "demo", "--force", "--out", join(scratch, "demo")];
const cold = { ...process.env, TOOLFORGE_SANDBOX_CACHE: "off" };
const warm = { ...process.env, TOOLFORGE_SANDBOX_CACHE: join(scratch, "sandbox-cache") };
// One run to fill the warm cache (the demo's first line may come before its sandbox is written: wait for the exit).
await time(demo, { env: warm });
const checks = [
  [await median("toolforge --help", () => time([bin, "--help"])), 0.5],
  [await median('import("toolforge")', () => time(["--input-type=module", "-e", 'await import("toolforge")'])), 0.5],
  [await median("toolforge demo: first line", () => time(demo, { untilFirstLine: true, env: cold })), 2],
  [await median("demo, start-up cache warm", () => time(demo, { untilFirstLine: true, env: warm })), undefined],
];
rmSync(scratch, { recursive: true, force: true });

console.log(`start-up benchmark: median of ${runs} fresh processes; load average ${loadavg().map((x) => x.toFixed(2)).join(" ")} (targets assume an idle machine)`);
let missed = 0;
for (const [{ label, median: figure, samples }, target] of checks) {
  const ok = target === undefined || figure <= target;
  if (!ok) missed++;
  const verdict = target === undefined ? "(no target)       " : `target ≤ ${target} s   ${ok ? "OK" : "MISSED"}`;
  console.log(`${label.padEnd(28)} ${figure.toFixed(3)} s   ${verdict}   (runs: ${samples.map((s) => s.toFixed(2)).join(", ")})`);
}
process.exit(missed === 0 ? 0 : 1);
