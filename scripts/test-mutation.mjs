#!/usr/bin/env node
// Mutation testing of the core folders (Stryker; see stryker.config.mjs).
// Stryker runs once per source file, each file with its own incremental
// result in stryker-incremental/<folder>/<file>.json: a rerun re-tests only
// mutants of changed code or covered by changed tests, and an interrupted
// folder continues with the files not yet done. Then it prints the mutation
// score of each folder (from those results) and exits 1 when one is below
// the break threshold.
// Usage: npm run test:mutation [-- <folder or file>...] [--scores]
//   e.g. npm run test:mutation -- src/scoring
//        npm run test:mutation -- src/scoring/extract-answer.ts
//        npm run test:mutation -- --scores   (only print the recorded scores)
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { MUTATED_FOLDERS, NOT_MUTATED, BREAK_THRESHOLD } = await import(join(root, "stryker.config.mjs"));

const argv = process.argv.slice(2);
const scoresOnly = argv.includes("--scores");
const asked = argv.filter((a) => a !== "--scores").map((a) => a.replace(/\/+$/, ""));
const folderOf = (path) => MUTATED_FOLDERS.find((f) => path === f || path.startsWith(`${f}/`));
const mutatedFiles = (folder) =>
  readdirSync(join(root, folder), { recursive: true })
    .map((f) => `${folder}/${String(f).replaceAll("\\", "/")}`)
    .filter((f) => f.endsWith(".ts") && !(f in NOT_MUTATED))
    .sort();

const bad = asked.filter((a) => !folderOf(a) || (a.endsWith(".ts") && !mutatedFiles(folderOf(a)).includes(a)) || (!a.endsWith(".ts") && !MUTATED_FOLDERS.includes(a)));
if (bad.length > 0) {
  process.stderr.write(`test:mutation: not a mutated folder or file: ${bad.join(", ")}\nfolders: ${MUTATED_FOLDERS.join(", ")}\n`);
  process.exit(2);
}
const targets = asked.length > 0 ? asked : MUTATED_FOLDERS;
const folders = [...new Set(targets.map(folderOf))];
const resultFile = (file) => join(root, "stryker-incremental", `${file.replace(/^src\//, "").replace(/\.ts$/, "")}.json`);

const failedRuns = [];
if (!scoresOnly) {
  const stryker = join(root, "node_modules", "@stryker-mutator", "core", "bin", "stryker.js");
  for (const file of new Set(targets.flatMap((t) => (t.endsWith(".ts") ? [t] : mutatedFiles(t))))) {
    process.stdout.write(`\n== mutation testing ${file} ==\n`);
    const run = spawnSync(process.execPath, [stryker, "run", "stryker.config.mjs"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, TOOLFORGE_MUTATION_FILE: file },
    });
    // Interrupted (Ctrl-C, kill): stop here; the files done so far keep their results.
    if (run.signal || run.status === 130) process.exit(130);
    if (run.status !== 0) failedRuns.push(file);
  }
}

// Stryker's mutation score: detected (killed, timed out) over valid mutants
// (detected, survived, not covered); compile errors and ignored ones do not count.
function counts(file) {
  const path = resultFile(file);
  if (!existsSync(path)) return undefined;
  const report = JSON.parse(readFileSync(path, "utf8"));
  const c = { detected: 0, undetected: 0, ignored: 0 };
  for (const { mutants } of Object.values(report.files)) {
    for (const { status } of mutants) {
      if (status === "Killed" || status === "Timeout") c.detected++;
      else if (status === "Survived" || status === "NoCoverage") c.undetected++;
      else if (status === "Ignored") c.ignored++;
    }
  }
  return c;
}
const percent = (c) => (c.detected + c.undetected === 0 ? Number.NaN : (100 * c.detected) / (c.detected + c.undetected));

const below = [];
process.stdout.write(`\nmutation score per folder (break threshold ${BREAK_THRESHOLD} %):\n`);
for (const folder of folders) {
  const total = { detected: 0, undetected: 0, ignored: 0 };
  const missing = [];
  for (const file of mutatedFiles(folder)) {
    const c = counts(file);
    if (!c) {
      missing.push(file);
      continue;
    }
    for (const k of Object.keys(total)) total[k] += c[k];
  }
  const tested = total.detected + total.undetected;
  const score = percent(total);
  const partial = missing.length > 0 ? ` — PARTIAL: ${missing.length} file(s) never tested` : "";
  process.stdout.write(`  ${folder}: ${Number.isNaN(score) ? "n/a" : `${score.toFixed(2)} %`} (${total.detected} of ${tested} mutants detected, ${total.ignored} marked equivalent)${partial}\n`);
  if (missing.length > 0) process.stdout.write(missing.map((f) => `      not yet tested: ${f}\n`).join(""));
  if (!(score >= BREAK_THRESHOLD) || missing.length > 0) below.push(folder);
}
if (failedRuns.length > 0) process.stderr.write(`test:mutation: Stryker failed on ${failedRuns.join(", ")}\n`);
if (below.length > 0) process.stderr.write(`test:mutation: below ${BREAK_THRESHOLD} % or incomplete: ${below.join(", ")}\n`);
process.exit(failedRuns.length > 0 || below.length > 0 ? 1 : 0);
