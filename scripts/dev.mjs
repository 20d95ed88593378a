#!/usr/bin/env node
// `npm run dev`: the LangGraph dev server (Studio, /docs) on the root
// langgraph.json, from its own install in tools/langgraph-dev. Extra
// arguments go to `langgraphjs dev` (e.g. `npm run dev -- --port 8123`).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "tools", "langgraph-dev", "node_modules", "@langchain", "langgraph-cli", "dist", "cli", "cli.mjs");
if (!existsSync(cli)) {
  console.error("npm run dev: the LangGraph CLI is not installed; run `bash scripts/ci-setup.sh` once (it installs tools/langgraph-dev).");
  process.exit(2);
}
const args = process.argv.slice(2);
const defaults = [["--config", join(root, "langgraph.json")], ["--host", "127.0.0.1"], ["--port", "2024"]].filter(([flag]) => !args.includes(flag)).flat();
const child = spawn(process.execPath, [cli, "dev", ...defaults, ...args], { cwd: root, stdio: "inherit", env: { LANGGRAPH_CLI_NO_ANALYTICS: "1", ...process.env } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
