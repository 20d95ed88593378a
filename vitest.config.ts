import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/build-dist.ts"],
    // Sandbox workers, child processes and the scripted HTTP server are real
    // resources: two test files at a time is what a 2-core machine can carry.
    maxWorkers: 2,
    // Limits only catch hangs, never judge speed: a test must pass on a
    // machine whose every core is busy with other work (scripts/test-under-load.sh).
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
