// Mutation testing of the core folders: `npm run test:mutation [-- <folder>...]`
// (scripts/test-mutation.mjs runs one folder at a time, each with its own
// incremental file). README "Development" has the scores per folder.

/** Every folder's patterns, exclusions included. */
const allMutate = [
    "src/scoring/**/*.ts",
    "src/functions/**/*.ts",
    "src/optimizer/**/*.ts",
    "src/evaluation/**/*.ts",
    "src/training/**/*.ts",
    "src/sandbox/**/*.ts",
    // Guest side of the sandbox, left out on purpose. These files are
    // JavaScript source held in strings and evaluated inside QuickJS; a
    // mutant switch cannot reach into them.
    "!src/sandbox/guest-bootstrap.ts",
    "!src/sandbox/guest-capabilities.ts",
    "!src/sandbox/freeze-intrinsics.ts",
    // Prompt text for the optimizer, not logic.
    "!src/sandbox/guest-guide.ts",
    // These run only in the sandbox's worker threads, where Stryker's
    // active-mutant switch (a global of the test thread) does not exist:
    // every mutant there would "survive" untested.
    "!src/sandbox/worker.ts",
    "!src/sandbox/guest-runtime.ts",
    "!src/sandbox/capability-bridge.ts",
    "!src/sandbox/library-sources.ts",
];

// scripts/test-mutation.mjs sets this to one folder (e.g. src/scoring):
// its mutants, its own incremental file and report.
const folder = process.env.TOOLFORGE_MUTATION_FOLDER;
const name = folder ? folder.replace(/^src\//, "") : "all";

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: folder ? allMutate.filter((p) => p.replace(/^!/, "").startsWith(`${folder}/`)) : allMutate,
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts", related: true },
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.json",
  // Runs only the tests that executed a mutant, not the whole selection.
  coverageAnalysis: "perTest",
  // Only mutants of changed code (or covered by changed tests) are re-run.
  // The results are committed, one file per folder, so every contributor's
  // run continues from the last one instead of starting over.
  incremental: true,
  incrementalFile: `stryker-incremental/${name}.json`,
  // The machine is shared (2 cores): two test runners at most.
  concurrency: 2,
  // Generous: on a busy machine a mutant must not time out (which counts as
  // detected) only because the machine is slow; one that hangs still does.
  timeoutFactor: 3,
  timeoutMS: 60_000,
  thresholds: { high: 90, low: 85, break: 85 },
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  // Stryker copies the project; these are large and irrelevant to the tests.
  ignorePatterns: ["dist", "runs", "tools", "notebooks", "bench/results", "reports", "stryker-incremental", ".toolforge-cache", "coverage"],
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
