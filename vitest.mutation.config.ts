import { defineConfig } from "vitest/config";

// The tests Stryker runs against each mutant (stryker.config.mjs). Only the
// unit and in-process suites of the mutated folders: every surviving mutant
// re-runs the tests that cover it, so a suite that takes minutes (real
// training runs, child processes, kill -9, the sandbox's hostile batteries,
// property fuzzing) would make a folder take days on a 2-core machine. Those
// suites still run in `npm test`; what they alone would kill shows up here as
// a survivor, to be pinned by a unit test.
export default defineConfig({
  test: {
    include: [
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
    // Mutants share one instrumented sandbox source, so they would share (and
    // could damage) one start-up cache entry: every runtime is built.
    env: { TOOLFORGE_SANDBOX_CACHE: "off" },
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
