import { describe, expect, it } from "vitest";
import { mergeIncrementalReports, splitIncrementalReport } from "../../scripts/mutation-batch.mjs";

// Small reports in Stryker's incremental format (mutation-testing-report-schema),
// shaped like the per-file results in stryker-incremental/: vitest reports
// tests without locations, and each report numbers its tests from "0".
type Mutant = { id: string; mutatorName: string; replacement: string; status: string; location: object; coveredBy?: string[]; killedBy?: string[] };
const at = (line: number) => ({ start: { line, column: 1 }, end: { line, column: 9 } });
const mutant = (id: string, line: number, status: string, coveredBy: string[], killedBy?: string[]): Mutant => ({
  id,
  mutatorName: "EqualityOperator",
  replacement: `x !== ${line}`,
  status,
  location: at(line),
  coveredBy,
  ...(killedBy ? { killedBy } : {}),
});
const header = { schemaVersion: "1.0", thresholds: { high: 90, low: 85, break: null }, projectRoot: "/repo" };
const report = (file: string, mutants: Mutant[], testFiles: Record<string, { source: string; names: string[] }>) => {
  let nextId = 0;
  return {
    ...header,
    files: { [file]: { language: "typescript", source: `// ${file}`, mutants } },
    testFiles: Object.fromEntries(
      Object.entries(testFiles).map(([path, { source, names }]) => [path, { source, tests: names.map((name) => ({ id: String(nextId++), name })) }]),
    ),
  };
};

/** What a report says about each mutant of `file`, by test names (ids differ between reports). */
function verdicts(r: any, file: string) {
  const nameOf = new Map<string, string>();
  for (const [path, tf] of Object.entries<any>(r.testFiles)) for (const t of tf.tests) nameOf.set(t.id, `${path} > ${t.name}`);
  const names = (ids?: string[]) => (ids ?? []).map((id) => nameOf.get(id) ?? `unknown test ${id}`).sort();
  return r.files[file].mutants.map((m: Mutant) => ({ at: m.location, status: m.status, coveredBy: names(m.coveredBy), killedBy: names(m.killedBy) }));
}

const A = "src/scoring/a.ts";
const B = "src/scoring/b.ts";
const SHARED_TEST = "test/scoring/shared.test.ts";
// Both reports ran shared.test.ts, but numbered its tests differently, and
// each also has a test file of its own whose first test is id "0" too.
const reportA = report(
  A,
  [mutant("0", 3, "Killed", ["0", "1"], ["1"]), mutant("1", 5, "Survived", ["2"]), mutant("2", 7, "NoCoverage", [])],
  { [SHARED_TEST]: { source: "shared v1", names: ["adds", "subtracts"] }, "test/scoring/a.test.ts": { source: "a", names: ["reads a"] } },
);
const reportB = report(B, [mutant("0", 2, "Killed", ["0", "1"], ["0"]), mutant("1", 4, "Timeout", ["1"])], {
  "test/scoring/b.test.ts": { source: "b", names: ["reads b"] },
  [SHARED_TEST]: { source: "shared v1", names: ["subtracts", "adds"] },
});

describe("mergeIncrementalReports (one incremental file for a --together run)", () => {
  it("keeps every file's mutants with the tests that covered and killed them, although the reports number tests differently", () => {
    const merged = mergeIncrementalReports([
      { file: A, report: reportA },
      { file: B, report: reportB },
    ]);
    expect(Object.keys(merged.files).sort()).toEqual([A, B]);
    expect(verdicts(merged, A)).toEqual(verdicts(reportA, A));
    expect(verdicts(merged, B)).toEqual(verdicts(reportB, B));
    // One entry per test (Stryker matches old tests by file and name), one id per test.
    expect(merged.testFiles[SHARED_TEST].tests.map((t: any) => t.name).sort()).toEqual(["adds", "subtracts"]);
    const testIds = Object.values<any>(merged.testFiles).flatMap((tf) => tf.tests.map((t: any) => t.id));
    expect(new Set(testIds).size).toBe(testIds.length);
    const mutantIds = Object.values<any>(merged.files).flatMap((f) => f.mutants.map((m: Mutant) => m.id));
    expect(new Set(mutantIds).size).toBe(5);
    expect(merged.schemaVersion).toBe("1.0");
  });

  it("of a test file that changed between two runs keeps the version on disk, and leaves out what the older version's tests did", () => {
    const older = report(A, [mutant("0", 3, "Killed", ["0"], ["0"])], { [SHARED_TEST]: { source: "shared v1", names: ["adds"] } });
    const newer = report(B, [mutant("0", 2, "Killed", ["0"], ["0"])], { [SHARED_TEST]: { source: "shared v2", names: ["adds"] } });
    const inputs = [
      { file: A, report: older },
      { file: B, report: newer },
    ];
    const merged = mergeIncrementalReports(inputs, { currentSource: (path) => (path === SHARED_TEST ? "shared v2" : undefined) });
    expect(merged.testFiles[SHARED_TEST].source).toBe("shared v2");
    expect(verdicts(merged, B)).toEqual(verdicts(newer, B));
    // A's mutant was killed by the old "adds": it has no killer left, so Stryker re-tests it.
    expect(verdicts(merged, A)[0]).toMatchObject({ status: "Killed", coveredBy: [], killedBy: [] });

    // Neither version on disk (e.g. the file was edited again): one version, never a mix.
    const neither = mergeIncrementalReports(inputs, { currentSource: () => "shared v3" });
    expect(neither.testFiles[SHARED_TEST].source).toBe("shared v1");
    expect(verdicts(neither, A)).toEqual(verdicts(older, A));
    expect(verdicts(neither, B)[0]).toMatchObject({ coveredBy: [], killedBy: [] });
  });

  it("has nothing to merge when no file of the run has a result yet (a full run)", () => {
    expect(mergeIncrementalReports([])).toBeUndefined();
    // A result that does not hold its file (e.g. renamed) is not used.
    expect(mergeIncrementalReports([{ file: B, report: reportA }])).toBeUndefined();
    expect(Object.keys(mergeIncrementalReports([{ file: B, report: reportA }, { file: A, report: reportA }]).files)).toEqual([A]);
  });
});

describe("splitIncrementalReport (per-file results after a --together run)", () => {
  it("gives each file its own mutants and the test files they used, so merging the parts again gives the same verdicts", () => {
    const written = mergeIncrementalReports([
      { file: A, report: reportA },
      { file: B, report: reportB },
    ]);
    const parts = splitIncrementalReport(written, [A, B]);
    expect([...parts.keys()]).toEqual([A, B]);
    const partA = parts.get(A);
    const partB = parts.get(B);
    expect(Object.keys(partA.files)).toEqual([A]);
    expect(Object.keys(partB.files)).toEqual([B]);
    expect(verdicts(partA, A)).toEqual(verdicts(reportA, A));
    expect(verdicts(partB, B)).toEqual(verdicts(reportB, B));
    // b.test.ts covers none of A's mutants, so A's result does not carry it.
    expect(Object.keys(partA.testFiles).sort()).toEqual(["test/scoring/a.test.ts", SHARED_TEST]);
    expect(Object.keys(partB.testFiles).sort()).toEqual(["test/scoring/b.test.ts", SHARED_TEST]);
    expect(partA.schemaVersion).toBe("1.0");
    expect(partA.thresholds).toEqual(header.thresholds);

    const again = mergeIncrementalReports([
      { file: A, report: partA },
      { file: B, report: partB },
    ]);
    expect(verdicts(again, A)).toEqual(verdicts(reportA, A));
    expect(verdicts(again, B)).toEqual(verdicts(reportB, B));
  });

  it("records a file of the run without mutants as tested with nothing to mutate", () => {
    const parts = splitIncrementalReport(reportA, [A, "src/scoring/index.ts"]);
    expect(parts.get("src/scoring/index.ts")).toMatchObject({ files: {}, testFiles: {}, schemaVersion: "1.0" });
  });
});
