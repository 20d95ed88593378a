#!/usr/bin/env node
// Mutation testing of the core folders (Stryker; see stryker.config.mjs).
// Stryker runs once per source file, each file with its own incremental
// result in stryker-incremental/<folder>/<file>.json: a rerun re-tests only
// mutants of changed code or covered by changed tests, and an interrupted
// folder continues with the files not yet done. With --together the files
// share one Stryker run (one first run of their tests instead of one per
// file): their results are merged into one incremental file before it and
// split back into the per-file files after it (scripts/mutation-batch.mjs).
// Then it prints the mutation score of each folder (from those results) and
// exits 1 when one is below the break threshold.
// Usage: npm run test:mutation [-- <folder or file>...] [--together] [--untested] [--force] [--skip-static] [--tests=<test file>,...] [--scores] [--survivors]
//   e.g. npm run test:mutation -- src/scoring
//        npm run test:mutation -- src/scoring/extract-answer.ts
//        npm run test:mutation -- src/scoring --untested --together
//        npm run test:mutation -- --scores   (only print the recorded scores)
//        npm run test:mutation -- src/scoring --survivors   (list recorded survivors, run nothing)
//        npm run test:mutation -- src/optimizer/action-tools.ts --tests=test/optimizer/action-tools.test.ts
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { mergeIncrementalReports, splitIncrementalReport } from "./mutation-batch.mjs";
import { countMutants, mutationScore, undetected } from "./mutation-score.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { MUTATED_FOLDERS, NOT_MUTATED, BREAK_THRESHOLD, mutationRun } = await import(join(root, "stryker.config.mjs"));

const FLAGS = ["--scores", "--together", "--untested", "--force", "--skip-static", "--survivors"];
const argv = process.argv.slice(2);
const survivorsOnly = argv.includes("--survivors");
const scoresOnly = argv.includes("--scores") || survivorsOnly;
const together = argv.includes("--together");
const untestedOnly = argv.includes("--untested");
// Re-test every mutant instead of reusing recorded results (Stryker reuses a
// surviving static mutant even when tests were added since).
const force = argv.includes("--force");
// Leave out static mutants (code run once when a module loads: each needs
// every related test, ~80 % of a run's time); they are recorded as not
// tested, reported apart, and tested by a later run without the flag.
const skipStatic = argv.includes("--skip-static");
// Only these test files run against the mutants (a file's own tests, for its
// static mutants: each would otherwise re-run every related test). Fewer
// tests can only let more mutants survive, so the score is a lower bound.
const TESTS_FLAG = "--tests=";
const onlyTests = argv.filter((a) => a.startsWith(TESTS_FLAG)).flatMap((a) => a.slice(TESTS_FLAG.length).split(",")).filter((t) => t !== "");
const missingTests = onlyTests.filter((t) => !t.endsWith(".test.ts") || !existsSync(join(root, t)));
if (missingTests.length > 0) {
  process.stderr.write(`test:mutation: --tests takes existing *.test.ts files; not one: ${missingTests.join(", ")}\n`);
  process.exit(2);
}
const asked = argv.filter((a) => !FLAGS.includes(a) && !a.startsWith(TESTS_FLAG)).map((a) => a.replace(/\/+$/, ""));
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
const resultFile = (file) => join(root, mutationRun([file]).incrementalFile);
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

/** Written beside and renamed over: an interruption leaves the old file or the new one, never half of one. */
function writeAtomically(path, text) {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

const stryker = join(root, "node_modules", "@stryker-mutator", "core", "bin", "stryker.js");
/** One Stryker run over `files`; exits 130 when interrupted. Returns whether it succeeded. */
function runStryker(files) {
  const run = spawnSync(process.execPath, [stryker, "run", "stryker.config.mjs", ...(force ? ["--force"] : [])], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, TOOLFORGE_MUTATION_FILE: files.join(","), TOOLFORGE_MUTATION_SKIP_STATIC: skipStatic ? "1" : "", TOOLFORGE_MUTATION_TESTS: onlyTests.join(",") },
  });
  // Interrupted (Ctrl-C, kill): stop here; the files done so far keep their results.
  if (run.signal || run.status === 130) process.exit(130);
  return run.status === 0;
}

/**
 * One Stryker run over several files. The per-file results are only read
 * before it and only replaced after it succeeded, so an interrupted or failed
 * run leaves every earlier per-file result as it was.
 */
function runTogether(files) {
  const merged = join(root, mutationRun(files).incrementalFile);
  const report = mergeIncrementalReports(
    files.filter((f) => existsSync(resultFile(f))).map((file) => ({ file, report: readJson(resultFile(file)) })),
    { currentSource: (path) => (existsSync(join(root, path)) ? readFileSync(join(root, path), "utf8") : undefined) },
  );
  rmSync(merged, { force: true });
  if (report) {
    mkdirSync(dirname(merged), { recursive: true });
    writeFileSync(merged, JSON.stringify(report));
  }
  try {
    if (!runStryker(files)) return false;
    for (const [file, result] of splitIncrementalReport(readJson(merged), files)) {
      mkdirSync(dirname(resultFile(file)), { recursive: true });
      writeAtomically(resultFile(file), JSON.stringify(result, null, 2));
    }
    return true;
  } finally {
    rmSync(merged, { force: true });
  }
}

const failedRuns = [];
if (!scoresOnly) {
  const files = [...new Set(targets.flatMap((t) => (t.endsWith(".ts") ? [t] : mutatedFiles(t))))].filter(
    (f) => !untestedOnly || !existsSync(resultFile(f)),
  );
  if (together && files.length > 1) {
    process.stdout.write(`\n== mutation testing ${files.length} files together: ${files.join(", ")} ==\n`);
    if (!runTogether(files)) failedRuns.push(...files);
  } else {
    for (const file of files) {
      process.stdout.write(`\n== mutation testing ${file} ==\n`);
      if (!runStryker([file])) failedRuns.push(file);
    }
  }
}

/** The mutants recorded for `file` (its committed result), or undefined when it was never tested. */
function recordedMutants(file) {
  const path = resultFile(file);
  if (!existsSync(path)) return undefined;
  return Object.values(readJson(path).files).flatMap(({ mutants }) => mutants);
}
function counts(file) {
  const mutants = recordedMutants(file);
  return mutants && countMutants(mutants);
}

/** Each recorded survivor of `file`: where it is, what it changed, and the line it changed. */
function printSurvivors(file) {
  const survivors = (recordedMutants(file) ?? []).filter(undetected);
  const source = survivors.length > 0 && existsSync(join(root, file)) ? readFileSync(join(root, file), "utf8").split("\n") : [];
  for (const m of survivors) {
    const { line, column } = m.location.start;
    const replacement = String(m.replacement ?? "").replace(/\s+/g, " ").slice(0, 80);
    process.stdout.write(`${file}:${line}:${column} ${m.status} ${m.mutatorName}${m.static ? " (static)" : ""} → ${replacement}\n    ${(source[line - 1] ?? "").trim().slice(0, 120)}\n`);
  }
}
if (survivorsOnly) for (const t of targets) for (const f of t.endsWith(".ts") ? [t] : mutatedFiles(t)) printSurvivors(f);

const below = [];
process.stdout.write(`\nmutation score per folder (break threshold ${BREAK_THRESHOLD} %):\n`);
for (const folder of folders) {
  const total = { detected: 0, undetected: 0, ignored: 0, staticSkipped: 0 };
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
  const score = mutationScore(total);
  const partial = missing.length > 0 ? ` — PARTIAL: ${missing.length} file(s) never tested` : "";
  process.stdout.write(`  ${folder}: ${Number.isNaN(score) ? "n/a" : `${score.toFixed(2)} %`} (${total.detected} of ${tested} mutants detected, ${total.ignored} marked equivalent${total.staticSkipped > 0 ? `, ${total.staticSkipped} static not tested (--skip-static)` : ""})${partial}\n`);
  if (missing.length > 0) process.stdout.write(missing.map((f) => `      not yet tested: ${f}\n`).join(""));
  if (!(score >= BREAK_THRESHOLD) || missing.length > 0) below.push(folder);
}
if (failedRuns.length > 0) process.stderr.write(`test:mutation: Stryker failed on ${failedRuns.join(", ")}\n`);
if (below.length > 0) process.stderr.write(`test:mutation: below ${BREAK_THRESHOLD} % or incomplete: ${below.join(", ")}\n`);
process.exit(failedRuns.length > 0 || below.length > 0 ? 1 : 0);
