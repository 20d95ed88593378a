// Vitest global setup: tests run the real bin, which runs only compiled
// JavaScript, so dist/ must match src/ before any test starts.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { buildIfStale } from "../../scripts/build-if-stale.mjs";

export default function setup(project?: { config?: { watch?: boolean } }): void {
  buildIfStale();
  // dist/ now matches src/: sandbox workers of the tests can start from the
  // compiled worker instead of through tsx. Not in watch mode, where src/
  // changes after this setup.
  const worker = resolve("dist/src/sandbox/worker.js");
  if (!project?.config?.watch && existsSync(worker)) process.env.TOOLFORGE_COMPILED_SANDBOX_WORKER = worker;
}
