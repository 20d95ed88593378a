#!/usr/bin/env node
// Rebuilds dist/ when a source file is newer than the last build, so the bin
// (which only runs compiled JavaScript) never runs stale output in tests or
// benchmarks. Cheap when nothing changed: one directory walk.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const stamp = join(root, "dist", ".build-stamp");

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

/** Builds dist/ unless it is newer than src/, the tsconfigs and package.json; returns whether it built. */
export function buildIfStale({ log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const inputs = ["src", "tsconfig.json", "tsconfig.build.json", "package.json"].map((p) => join(root, p));
  const newest = Math.max(...inputs.filter((p) => existsSync(p)).map(newestMtime));
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= newest) return false;
  log("build-if-stale: src/ changed since the last build; running tsc -p tsconfig.build.json");
  const tsc = spawnSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.build.json")], { cwd: root, stdio: "inherit" });
  // tsc still emits on type errors; the typecheck step reports them.
  if (tsc.status !== 0) log("build-if-stale: tsc reported errors (dist/ was emitted anyway)");
  if (!existsSync(join(root, "dist", "src", "index.js"))) throw new Error("build-if-stale: tsc produced no dist/src/index.js");
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) buildIfStale();
