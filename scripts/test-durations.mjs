#!/usr/bin/env node
// Where the suite's time goes: runs vitest once with its JSON reporter
// (extra arguments are passed on, e.g. a folder) and prints the test files
// ranked by wall time, with the CPU time each used (its vitest worker with
// sandbox threads, plus the child processes it ran: test/setup/cpu-time.ts)
// and the run's total. `--from report.json` only ranks an existing report.
// Measures; never judges: it exits with vitest's code. `--save` writes the
// files' wall times to test/setup/expected-durations.json, which vitest's
// sequencer reads to start the longest files first (slow-first-sequencer.ts).
//
//   node scripts/test-durations.mjs [--top N] [--from report.json] [--save] [vitest args…]
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "..");
const args = process.argv.slice(2);
let top = 15;
let from;
let save = false;
const passOn = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--top") top = Number(args[++i]);
  else if (args[i] === "--from") from = args[++i];
  else if (args[i] === "--save") save = true;
  else passOn.push(args[i]);
}

let code = 0;
const started = Date.now();
let cpuLog;
if (!from) {
  const scratch = mkdtempSync(join(tmpdir(), "toolforge-durations-"));
  from = join(scratch, "vitest.json");
  cpuLog = join(scratch, "cpu.jsonl");
  const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
  const env = { ...process.env, TOOLFORGE_TEST_CPU_LOG: cpuLog };
  const run = spawnSync(process.execPath, [vitest, "run", "--reporter=json", `--outputFile=${from}`, ...passOn], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  code = run.status ?? 1;
}
const report = JSON.parse(readFileSync(from, "utf8"));
/** CPU seconds per test file (absent with --from, or where /proc is missing). */
const cpu = new Map();
if (cpuLog && existsSync(cpuLog)) {
  for (const line of readFileSync(cpuLog, "utf8").split("\n").filter(Boolean)) {
    const { file, cpuSeconds } = JSON.parse(line);
    cpu.set(file, (cpu.get(file) ?? 0) + cpuSeconds);
  }
}
const files = report.testResults
  .map((f) => ({
    seconds: (f.endTime - f.startTime) / 1000,
    cpuSeconds: cpu.get(f.name),
    file: relative(root, f.name),
    tests: f.assertionResults.length,
    failed: f.assertionResults.filter((a) => a.status === "failed").length,
  }))
  .sort((a, b) => b.seconds - a.seconds);
const end = Math.max(...report.testResults.map((f) => f.endTime));
const tests = files.reduce((n, f) => n + f.tests, 0);
const failed = files.reduce((n, f) => n + f.failed, 0);
const totalCpu = files.reduce((n, f) => n + (f.cpuSeconds ?? 0), 0);
const sumWall = files.reduce((n, f) => n + f.seconds, 0);
console.log(
  `${files.length} files, ${tests} tests (${failed} failed); vitest wall ${((end - report.startTime) / 1000).toFixed(0)} s` +
    (Date.now() - started > 1000 ? `, whole command ${((Date.now() - started) / 1000).toFixed(0)} s` : "") +
    `; files' wall times add up to ${sumWall.toFixed(0)} s` +
    (cpu.size ? `, their CPU time to ${totalCpu.toFixed(0)} s` : ""),
);
const cpuCell = (f) => (f.cpuSeconds === undefined ? "" : f.cpuSeconds.toFixed(1));
console.log(`| file | tests | wall s | CPU s |\n| --- | ---: | ---: | ---: |`);
for (const f of files.slice(0, top)) console.log(`| ${f.file} | ${f.tests} | ${f.seconds.toFixed(1)} | ${cpuCell(f)} |`);
if (save) {
  const saved = join(root, "test", "setup", "expected-durations.json");
  // A partial run (a folder, a file) updates its files' entries and keeps the others.
  const byFile = existsSync(saved) ? JSON.parse(readFileSync(saved, "utf8")) : {};
  for (const f of files) byFile[f.file] = Math.round(f.seconds * 10) / 10;
  const sorted = Object.entries(byFile).sort(([a], [b]) => (a < b ? -1 : 1));
  writeFileSync(saved, JSON.stringify(Object.fromEntries(sorted), null, 2) + "\n");
  console.log(`wrote ${relative(root, saved)}`);
}
process.exit(code);
