#!/usr/bin/env node
// The contributors' inner loop: the vitest suite without the suites that need
// system software installed by scripts/ci-setup.sh (PostgreSQL, Jupyter +
// tslab, the langgraph-dev tool, rsvg-convert). It never drops a suite
// silently: every one left out is printed with the reason, before and after.
// Extra arguments go to vitest (e.g. a file filter).
// Usage: npm run test:fast [-- <vitest args>]
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const hasCommand = (name) => spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;

const leftOut = [
  ["test/ecosystem/langgraph-dev.test.ts", "needs tools/langgraph-dev (scripts/ci-setup.sh)"],
  ["test/ecosystem/notebooks.test.ts", "needs Jupyter and the tslab kernel (scripts/ci-setup.sh)"],
  ["test/ecosystem/postgres-checkpointer.test.ts", "needs a PostgreSQL server (scripts/ci-setup.sh)"],
];
if (!hasCommand("rsvg-convert")) leftOut.push(["test/report/report.test.ts", "rsvg-convert is not installed (scripts/ci-setup.sh)"]);

const listing = leftOut.map(([file, why]) => `  - ${file}: ${why}`).join("\n");
const banner = `test:fast leaves out ${leftOut.length} suites; \`npm test\` runs them:\n${listing}\n`;
process.stdout.write(banner);
const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
const args = [vitest, "run", ...leftOut.map(([file]) => `--exclude=${file}`), ...process.argv.slice(2)];
const run = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit" });
process.stdout.write(`\n${banner}`);
process.exit(run.status ?? 1);
