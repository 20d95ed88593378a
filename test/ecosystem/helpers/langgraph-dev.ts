import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "./free-port.js";
import { stopProcessGroup } from "./process-group.js";
import { missingSetup } from "./setup-hint.js";

export const REPO_ROOT = join(import.meta.dirname, "..", "..", "..");
export const LANGGRAPH_DEV_DIR = join(REPO_ROOT, "tools", "langgraph-dev");
const CLI = join(LANGGRAPH_DEV_DIR, "node_modules", "@langchain", "langgraph-cli", "dist", "cli", "cli.mjs");

export interface LangGraphDevServer {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Everything the server printed so far. */
  logs(): string;
  stop(): Promise<void>;
}

/**
 * Starts `langgraphjs dev` (from tools/langgraph-dev) on 127.0.0.1 and an
 * ephemeral port, no browser, in its own process group; resolves once
 * `GET /ok` answers. `config` is resolved from the repository root; the
 * server keeps its state (`.langgraph_api`) beside it.
 */
export async function startLangGraphDev(options: { config: string; env?: Record<string, string>; timeoutMs?: number }): Promise<LangGraphDevServer> {
  if (!existsSync(CLI)) throw missingSetup(`@langchain/langgraph-cli (${CLI})`);
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [CLI, "dev", "--config", options.config, "--host", "127.0.0.1", "--port", String(port), "--no-browser", "--n-jobs-per-worker", "2"],
    {
      cwd: REPO_ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      // Tracing stays off unless options.env switches it on (towards a local fake endpoint).
      // The server runs the graphs from TypeScript under its own loader, which cannot start the
      // compiled sandbox worker the test setup points vitest's own processes at.
      env: { ...withoutCompiledWorker(process.env), LANGSMITH_TRACING: "false", ...options.env, BROWSER: "none", LANGGRAPH_CLI_NO_ANALYTICS: "1", NO_COLOR: "1" },
    },
  );
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const server: LangGraphDevServer = { url, pid: child.pid!, child, logs: () => output, stop: () => stopProcessGroup(child) };
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`langgraphjs dev exited with code ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/ok`);
      if (res.ok) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await server.stop();
  throw new Error(`langgraphjs dev did not answer on ${url}/ok in time:\n${output}`);
}

function withoutCompiledWorker(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { TOOLFORGE_COMPILED_SANDBOX_WORKER: _compiled, ...rest } = env;
  return rest;
}
