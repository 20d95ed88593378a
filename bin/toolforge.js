#!/usr/bin/env node
// Entry point of `npx toolforge`. In a clone (src/ present) the TypeScript
// sources run directly through tsx, so `npm ci && npx toolforge demo` needs no
// build step and never runs stale output; an installed package (no src/)
// runs the compiled dist/.
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "src", "cli", "main.ts");
const compiled = join(root, "dist", "src", "cli", "main.js");

async function loadMain() {
  if (existsSync(source)) {
    try {
      const { register } = await import("tsx/esm/api");
      register();
      return await import(pathToFileURL(source).href);
    } catch (error) {
      if (!existsSync(compiled)) throw error;
    }
  }
  if (existsSync(compiled)) return import(pathToFileURL(compiled).href);
  throw new Error(`toolforge: neither ${source} (with tsx) nor ${compiled} was found; run \`npm ci\` or \`npm run build\``);
}

const { runCli } = await loadMain();
process.exitCode = await runCli(process.argv.slice(2));
