// Mutation testing of the core folders: `npm run test:mutation [-- <folder or file>...]`.
// scripts/test-mutation.mjs runs Stryker once per source file, or once for
// several with --together (each file keeps its own incremental result in
// stryker-incremental/, so an interrupted folder continues where it stopped)
// and checks the score per folder. README "Development" has the scores.

/** The mutated folders. */
export const MUTATED_FOLDERS = ["src/scoring", "src/functions", "src/optimizer", "src/evaluation", "src/training", "src/sandbox"];

/** Files of those folders that are not mutated, each with the reason. */
export const NOT_MUTATED = {
  // Guest side of the sandbox: JavaScript source held in strings and
  // evaluated inside QuickJS, where a mutant switch cannot reach.
  "src/sandbox/guest-bootstrap.ts": "QuickJS guest source in a string",
  "src/sandbox/guest-capabilities.ts": "QuickJS guest source in a string",
  "src/sandbox/freeze-intrinsics.ts": "QuickJS guest source in a string",
  "src/sandbox/guest-guide.ts": "prompt text for the optimizer, no logic",
  // These run only in the sandbox's worker threads, where Stryker's
  // active-mutant switch (a global of the test thread) does not exist: every
  // mutant there would "survive" untested.
  "src/sandbox/worker.ts": "runs only in a sandbox worker thread",
  "src/sandbox/guest-runtime.ts": "runs only in a sandbox worker thread",
  "src/sandbox/capability-bridge.ts": "runs only in a sandbox worker thread",
  "src/sandbox/library-sources.ts": "runs only in a sandbox worker thread",
};

/** The folder score below which `npm run test:mutation` fails. */
export const BREAK_THRESHOLD = 85;

/**
 * Where a run over `files` keeps its incremental result and names its
 * reports: one file has its own committed result; several files (`--together`)
 * share a merged one that scripts/test-mutation.mjs builds from theirs and
 * splits back after the run (so it lives in the ignored reports/); none
 * (Stryker run directly) means every folder with one result.
 */
export function mutationRun(files) {
  if (files.length === 0) return { name: "all", incrementalFile: "stryker-incremental/all.json" };
  if (files.length > 1) return { name: "together", incrementalFile: "reports/mutation/together.incremental.json" };
  const name = files[0].replace(/^src\//, "").replace(/\.ts$/, "");
  return { name, incrementalFile: `stryker-incremental/${name}.json` };
}

// scripts/test-mutation.mjs sets this to the source files of one run,
// separated by commas: their mutants and incremental result (mutationRun).
const files = (process.env.TOOLFORGE_MUTATION_FILE ?? "").split(",").filter((f) => f !== "");
const { name, incrementalFile } = mutationRun(files);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: files.length > 0 ? files : [...MUTATED_FOLDERS.map((f) => `${f}/**/*.ts`), ...Object.keys(NOT_MUTATED).map((f) => `!${f}`)],
  testRunner: "vitest",
  // Only the unit and in-process suites of these folders (see that file).
  vitest: { configFile: "vitest.mutation.config.ts", related: true },
  checkers: ["typescript"],
  // src/ only: rejecting a mutant that does not compile need not re-check tests.
  tsconfigFile: "tsconfig.mutation.json",
  // Runs only the tests that executed a mutant, not the whole selection.
  coverageAnalysis: "perTest",
  // Only mutants of changed code (or covered by changed tests) are re-run.
  // The results are committed, so every contributor's run continues from
  // the last one instead of starting over.
  incremental: true,
  // `--skip-static` (scripts/test-mutation.mjs): static mutants, which need
  // every related test each, are recorded as ignored instead of run.
  ignoreStatic: process.env.TOOLFORGE_MUTATION_SKIP_STATIC === "1",
  incrementalFile,
  // The machine is shared (2 cores): one checker and one test runner.
  concurrency: 2,
  // A mutant's limit is 3× the time its tests took in the first run (on the
  // same, equally busy machine) plus 20 s: a slow machine does not make a
  // mutant time out (which counts as detected), and one that hangs (a loop
  // whose step was mutated) costs 20 s, not a minute.
  timeoutFactor: 3,
  timeoutMS: 20_000,
  // The first run of a file's related tests, beside other work on 2 cores.
  dryRunTimeoutMinutes: 60,
  // Files are not judged alone: scripts/test-mutation.mjs applies `break`
  // to each folder's score.
  thresholds: { high: 90, low: 85, break: files.length > 0 ? null : BREAK_THRESHOLD },
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  // Stryker copies the project; these are large and irrelevant to the tests.
  ignorePatterns: [".stryker-sandbox-cache", "dist", "runs", "tools", "notebooks", "bench/results", "reports", "stryker-incremental", ".toolforge-cache", "coverage"],
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
