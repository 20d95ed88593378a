#!/usr/bin/env node
// Mutation testing of the core folders, one folder at a time (Stryker, see
// stryker.config.mjs). Each folder keeps its own incremental file in
// stryker-incremental/, so a run re-tests only mutants of changed code and
// the tests that changed, and an interrupted folder continues where it was.
// Exits non-zero when any folder scores below the break threshold.
// Usage: npm run test:mutation [-- src/scoring src/functions ...]
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const folders = ["src/scoring", "src/functions", "src/optimizer", "src/evaluation", "src/training", "src/sandbox"];

const asked = process.argv.slice(2).map((a) => a.replace(/\/+$/, ""));
const unknown = asked.filter((a) => !folders.includes(a));
if (unknown.length > 0) {
  process.stderr.write(`test:mutation: not a mutated folder: ${unknown.join(", ")} (one of ${folders.join(", ")})\n`);
  process.exit(2);
}

const stryker = join(root, "node_modules", "@stryker-mutator", "core", "bin", "stryker.js");
const failed = [];
for (const folder of asked.length > 0 ? asked : folders) {
  process.stdout.write(`\n== mutation testing ${folder} ==\n`);
  const run = spawnSync(
    process.execPath,
    [stryker, "run", "stryker.config.mjs"],
    { cwd: root, stdio: "inherit", env: { ...process.env, TOOLFORGE_MUTATION_FOLDER: folder } },
  );
  if (run.status !== 0) failed.push(folder);
}
if (failed.length > 0) {
  process.stderr.write(`test:mutation: below the break threshold or failed: ${failed.join(", ")}\n`);
  process.exit(1);
}
