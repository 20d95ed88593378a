/** Merges per-file Stryker incremental reports into one, for one run over all their files (test ids renumbered). */
export function mergeIncrementalReports(
  results: { file: string; report: any }[],
  options?: { currentSource?: (testFile: string) => string | undefined },
): any | undefined;
/** Splits the report of a run over several files into one report per file (its mutants and the test files they use). */
export function splitIncrementalReport(report: any, batch: string[]): Map<string, any>;
