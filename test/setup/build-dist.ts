// Vitest global setup: tests run the real bin, which runs only compiled
// JavaScript, so dist/ must match src/ before any test starts.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildIfStale } from "../../scripts/build-if-stale.mjs";

export default function setup(project?: { config?: { watch?: boolean } }): () => void {
  buildIfStale();
  // dist/ now matches src/: sandbox workers of the tests can start from the
  // compiled worker instead of through tsx. Not in watch mode, where src/
  // changes after this setup.
  const worker = resolve("dist/src/sandbox/worker.js");
  if (!project?.config?.watch && existsSync(worker)) process.env.TOOLFORGE_COMPILED_SANDBOX_WORKER = worker;
  // One sandbox start-up cache for the whole run, shared by the test
  // processes and every CLI, script and notebook they start (each would
  // otherwise build its first runtime: ~2.5 s of CPU), and never the user's
  // own cache: the run starts empty and leaves nothing behind.
  const cache = mkdtempSync(join(tmpdir(), "toolforge-test-sandbox-cache-"));
  process.env.TOOLFORGE_SANDBOX_CACHE = cache;
  return () => rmSync(cache, { recursive: true, force: true });
}
