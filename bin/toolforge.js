#!/usr/bin/env node
// Entry point of `npx toolforge`. It always runs the compiled dist/: a
// published package ships it, and a clone builds it on `npm ci` / `npm install`
// (the `prepare` script), so no TypeScript compiler runs at start-up.
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";

const compiled = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "src", "cli", "main.js");
if (!existsSync(compiled)) {
  process.stderr.write(`toolforge: ${compiled} is missing; run \`npm run build\` (a clone builds it on \`npm ci\`)\n`);
  process.exit(1);
}
const { runCli } = await import(pathToFileURL(compiled).href);
process.exitCode = await runCli(process.argv.slice(2));
