import { defineConfig } from "vitest/config";
import { SlowFirstSequencer } from "./test/setup/slow-first-sequencer.js";

/**
 * Test folders whose files share one worker process and module graph
 * (`isolate: false`) instead of a fresh fork and re-import per file: the
 * fork, vitest's start-up and the imports (LangChain, LangGraph, the sandbox)
 * cost more than many of these files' tests, and a sandbox built in one file
 * lets the next start its runtime from the in-process snapshot instead of
 * preloading mathjs again (~3 s of CPU). Sharing is safe for files that
 * leave no global change behind; files that mock modules, patch globals or
 * set environment variables stay isolated (NEEDS_ISOLATION) — a new file in
 * these folders that does any of that belongs there too.
 */
const SHARED = [
  "test/scoring/**/*.test.ts",
  "test/datasets/**/*.test.ts",
  "test/evaluation/**/*.test.ts",
  "test/functions/**/*.test.ts",
  "test/optimizer/**/*.test.ts",
  "test/agents/**/*.test.ts",
  "test/teams/**/*.test.ts",
  "test/capabilities/**/*.test.ts",
  "test/training/**/*.test.ts",
];
const NEEDS_ISOLATION = [
  "test/scoring/scorers-without-mathjs.test.ts", // vi.mock("mathjs")
  "test/functions/atomic-write.test.ts", // vi.mock("node:fs/promises")
  "test/functions/read-toolset-file.test.ts", // vi.mock("node:fs/promises")
  "test/functions/schema-checked-tool.test.ts", // spies on RegExp.prototype
  "test/training/check-options.test.ts", // vi.mock of the sandbox module (counts sandboxes)
  "test/evaluation/evaluate-own-sandbox.test.ts", // vi.mock of the sandbox module (counts sandboxes)
  "test/training/train-agent-owned-sandbox.test.ts", // vi.mock of the sandbox module (sees its close)
  "test/training/run-lock.test.ts", // vi.stubEnv
  "test/training/run-lock-filesystems.test.ts", // vi.mock("node:fs")
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
