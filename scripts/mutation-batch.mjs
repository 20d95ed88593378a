// Several source files in one Stryker run (`npm run test:mutation -- --together`)
// while each keeps its own committed incremental result: the per-file results
// are merged into one incremental file before the run, and the report Stryker
// writes is split back into per-file results after it. Both are pure: the
// script (scripts/test-mutation.mjs) does the reading and writing.
//
// The format is Stryker's mutation-testing-report-schema: `files` keyed by
// source path (each with its `mutants`, whose `coveredBy` / `killedBy` hold
// test ids), `testFiles` keyed by test path (each with its `tests` and the
// `source` they ran from). Test ids are numbered per report, so the same test
// has different ids in two per-file results: merging renumbers them.

/**
 * A test's identity across reports, as Stryker's incremental differ sees it
 * within one test file: its start position (0:0 when the runner reports
 * none, as vitest does) and its full name.
 */
const testKey = (test) => {
  const start = test.location?.start ?? { line: 0, column: 0 };
  return `${start.line}:${start.column}\n${test.name}`;
};

/**
 * Merges per-file incremental results into one incremental file for a run
 * over all their files. Returns `undefined` when there is nothing to merge
 * (the run then tests every mutant).
 *
 * A test file that changed between two per-file runs appears with two
 * `source` versions; one merged report holds one. The version equal to the
 * current file (`currentSource`) is kept, else the first one, and the tests
 * of the other versions are left out: Stryker's differ would drop them
 * anyway (vitest reports no test locations, so a changed test file counts
 * as all its tests changed), and a mutant that relied on them is re-tested.
 *
 * @param {{ file: string, report: any }[]} results each source file with its per-file report
 * @param {{ currentSource?: (testFile: string) => string | undefined }} [options]
 * @returns {any | undefined}
 * @example
 *   const merged = mergeIncrementalReports([{ file: "src/a.ts", report: a }, { file: "src/b.ts", report: b }]);
 *   writeFileSync("together.json", JSON.stringify(merged));
 */
export function mergeIncrementalReports(results, { currentSource = () => undefined } = {}) {
  const usable = results.filter(({ file, report }) => report?.files?.[file] !== undefined);
  if (usable.length === 0) return undefined;

  // The test-file version each test path keeps.
  const chosenSource = new Map();
  for (const { report } of usable) {
    for (const [path, testFile] of Object.entries(report.testFiles ?? {})) {
      const current = currentSource(path);
      if (!chosenSource.has(path) || (current !== undefined && testFile.source === current)) chosenSource.set(path, testFile.source);
    }
  }

  const testFiles = {};
  const newIdByKey = new Map();
  const files = {};
  let nextMutantId = 0;
  for (const { file, report } of usable) {
    // This report's test ids -> the merged ids (tests of a dropped version map to nothing).
    const newId = new Map();
    for (const [path, testFile] of Object.entries(report.testFiles ?? {})) {
      if (testFile.source !== chosenSource.get(path)) continue;
      const merged = (testFiles[path] ??= { ...testFile, tests: [] });
      for (const test of testFile.tests) {
        const key = `${path}\n${testKey(test)}`;
        if (!newIdByKey.has(key)) {
          newIdByKey.set(key, String(newIdByKey.size));
          merged.tests.push({ ...test, id: newIdByKey.get(key) });
        }
        newId.set(test.id, newIdByKey.get(key));
      }
    }
    const remap = (ids) => (ids === undefined ? undefined : [...new Set(ids.map((id) => newId.get(id)).filter((id) => id !== undefined))]);
    const source = report.files[file];
    files[file] = {
      ...source,
      mutants: source.mutants.map((mutant) => ({
        ...mutant,
        // Mutant ids need only be unique in the report; Stryker matches old
        // mutants by file, location and replacement.
        id: String(nextMutantId++),
        coveredBy: remap(mutant.coveredBy),
        killedBy: remap(mutant.killedBy),
      })),
    };
  }
  const { files: _files, testFiles: _testFiles, ...header } = usable[0].report;
  return { ...header, files, testFiles };
}

/**
 * Splits the report of a run over several files into one report per file:
 * that file's mutants and the test files whose tests cover or killed them.
 * A file the run mutated but that has no mutants gets a report with no
 * files (tested, nothing to mutate), as Stryker itself writes.
 *
 * @param {any} report the incremental report Stryker wrote
 * @param {string[]} batch the source files of the run
 * @returns {Map<string, any>} per source file its report
 * @example
 *   for (const [file, result] of splitIncrementalReport(report, ["src/a.ts", "src/b.ts"])) write(file, result);
 */
export function splitIncrementalReport(report, batch) {
  const { files, testFiles = {}, ...header } = report;
  const pathOfTest = new Map();
  for (const [path, testFile] of Object.entries(testFiles)) for (const test of testFile.tests) pathOfTest.set(test.id, path);
  const split = new Map();
  for (const file of batch) {
    const mutants = files[file]?.mutants ?? [];
    const used = new Set(mutants.flatMap((m) => [...(m.coveredBy ?? []), ...(m.killedBy ?? [])]).map((id) => pathOfTest.get(id)));
    split.set(file, {
      ...header,
      files: files[file] === undefined ? {} : { [file]: files[file] },
      testFiles: Object.fromEntries(Object.entries(testFiles).filter(([path]) => used.has(path))),
    });
  }
  return split;
}
