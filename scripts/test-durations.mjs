#!/usr/bin/env node
// Where the suite's time goes: runs vitest once with its JSON reporter
// (extra arguments are passed on, e.g. a folder) and prints the test files
// ranked by wall time, with the run's total. `--from report.json` only ranks
// an existing report. Measures; never judges: it exits with vitest's code.
//
//   node scripts/test-durations.mjs [--top N] [--from report.json] [vitest args…]
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "..");
const args = process.argv.slice(2);
let top = 15;
let from;
const passOn = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--top") top = Number(args[++i]);
  else if (args[i] === "--from") from = args[++i];
  else passOn.push(args[i]);
}

let code = 0;
const started = Date.now();
if (!from) {
  from = join(mkdtempSync(join(tmpdir(), "toolforge-durations-")), "vitest.json");
  const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
  const run = spawnSync(process.execPath, [vitest, "run", "--reporter=json", `--outputFile=${from}`, ...passOn], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  code = run.status ?? 1;
}
const report = JSON.parse(readFileSync(from, "utf8"));
const files = report.testResults
  .map((f) => ({
    seconds: (f.endTime - f.startTime) / 1000,
    file: relative(root, f.name),
    tests: f.assertionResults.length,
    failed: f.assertionResults.filter((a) => a.status === "failed").length,
  }))
  .sort((a, b) => b.seconds - a.seconds);
const end = Math.max(...report.testResults.map((f) => f.endTime));
const tests = files.reduce((n, f) => n + f.tests, 0);
const failed = files.reduce((n, f) => n + f.failed, 0);
console.log(`${files.length} files, ${tests} tests (${failed} failed); vitest wall ${((end - report.startTime) / 1000).toFixed(0)} s` + (from && code === 0 && Date.now() - started > 1000 ? `, whole command ${((Date.now() - started) / 1000).toFixed(0)} s` : ""));
console.log(`| file | tests | seconds |\n| --- | ---: | ---: |`);
for (const f of files.slice(0, top)) console.log(`| ${f.file} | ${f.tests} | ${f.seconds.toFixed(1)} |`);
process.exit(code);
