import { defineConfig } from "vitest/config";
import { SlowFirstSequencer } from "./test/setup/slow-first-sequencer.js";

/**
 * Pure in-process test folders share one module graph per worker
 * (`isolate: false`): a fresh fork and re-import per file costs more than
 * most of these files' tests (test/scoring: 14 s → 5 s). Files that mock
 * modules or patch globals stay isolated, like every suite that spawns
 * processes, servers or sandboxes of its own.
 */
const SHARED = ["test/scoring/**/*.test.ts", "test/datasets/**/*.test.ts", "test/evaluation/**/*.test.ts", "test/functions/**/*.test.ts"];
const NEEDS_ISOLATION = [
  "test/scoring/scorers-without-mathjs.test.ts", // vi.mock("mathjs")
  "test/functions/atomic-write.test.ts", // vi.mock("node:fs/promises")
  "test/functions/schema-checked-tool.test.ts", // spies on RegExp.prototype
];

export default defineConfig({
  test: {
    globalSetup: ["test/setup/build-dist.ts"],
    // scripts/test-durations.mjs also records each file's CPU time.
    setupFiles: process.env.TOOLFORGE_TEST_CPU_LOG ? ["test/setup/cpu-time.ts"] : [],
    // Long files first: the suite's wall time is then about its work / 2, not a long file's tail.
    sequence: { sequencer: SlowFirstSequencer },
    // Sandbox workers, child processes and the scripted HTTP server are real
    // resources: two test files at a time is what a 2-core machine can carry.
    maxWorkers: 2,
    // Limits only catch hangs, never judge speed: a test must pass on a
    // machine whose every core is busy with other work (scripts/test-under-load.sh).
    testTimeout: 600_000,
    hookTimeout: 600_000,
    projects: [
      { extends: true, test: { name: "shared", include: SHARED, exclude: NEEDS_ISOLATION, isolate: false } },
      { extends: true, test: { name: "isolated", include: ["test/**/*.test.ts"], exclude: SHARED } },
      { extends: true, test: { name: "mocks", include: NEEDS_ISOLATION } },
    ],
  },
});
