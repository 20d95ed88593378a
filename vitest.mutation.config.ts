import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The source files Stryker mutates in this run (scripts/test-mutation.mjs;
// empty when Stryker is run directly on every folder).
const mutated = (process.env.TOOLFORGE_MUTATION_FILE ?? "").split(",").filter((f) => f !== "");
// The sandbox start-up cache keeps runtimes built from the sandbox's source.
// When the code that chooses, writes or reads its entries is mutated, all
// mutants would share (and could damage) one entry, so every runtime is
// built. Otherwise each mutant's test files copy a runtime from a cache that
// lives only as long as Stryker's copy of the project (~0.3 s instead of
// ~2.8 s per test process). Other sandbox files may be mutated with the cache
// on: the runtime is built in a worker thread, where no mutant is active.
const CACHE_CODE = ["src/sandbox/snapshot-cache.ts", "src/sandbox/runtime-snapshot.ts", "src/sandbox/worker-pool.ts", "src/sandbox/create-sandbox.ts"];
const sandboxMutated = mutated.length === 0 || mutated.some((f) => CACHE_CODE.includes(f));
const sandboxCache = sandboxMutated ? "off" : fileURLToPath(new URL("./.stryker-sandbox-cache", import.meta.url));
// `--tests=` of scripts/test-mutation.mjs: only these test files run.
const onlyTests = (process.env.TOOLFORGE_MUTATION_TESTS ?? "").split(",").filter((f) => f !== "");

// The tests Stryker runs against each mutant (stryker.config.mjs). Only the
// unit and in-process suites of the mutated folders: every surviving mutant
// re-runs the tests that cover it, so a suite that takes minutes (real
// training runs, child processes, kill -9, the sandbox's hostile batteries,
// property fuzzing) would make a folder take days on a 2-core machine. Those
// suites still run in `npm test`; what they alone would kill shows up here as
// a survivor, to be pinned by a unit test.
export default defineConfig({
  test: {
    include:
      onlyTests.length > 0
        ? onlyTests
        : [
            "test/scoring/**/*.test.ts",
            "test/functions/**/*.test.ts",
            "test/optimizer/**/*.test.ts",
            "test/evaluation/**/*.test.ts",
            "test/training/**/*.test.ts",
            "test/sandbox/**/*.test.ts",
          ],
    exclude: [
      "**/*.fuzz.test.ts",
      // Child processes / the built bin (they need dist/, which Stryker's copy does not rebuild).
      "test/training/kill-nine.test.ts",
      "test/training/run-lock.test.ts",
      "test/sandbox/lifetime.test.ts",
      "test/sandbox/snapshot-cache-processes.test.ts",
      // Whole training runs with resumes: one to two minutes each per mutant.
      "test/training/crash-resume.test.ts",
      "test/training/infrastructure-failures.test.ts",
      "test/training/train-agent.test.ts",
      "test/training/usage-accounting.test.ts",
      // Security batteries: they exercise the QuickJS guest, which is not mutated.
      "test/sandbox/hostile.test.ts",
      "test/sandbox/hostile-capabilities.test.ts",
      "test/sandbox/isolation.test.ts",
    ],
    env: { TOOLFORGE_SANDBOX_CACHE: sandboxCache },
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
