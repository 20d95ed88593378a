// Types of mutation-score.mjs for the tests that import it.
export interface RecordedMutant {
  status: string;
  statusReason?: string;
}
export interface MutantCounts {
  detected: number;
  undetected: number;
  ignored: number;
  staticSkipped: number;
}
export declare const undetected: (mutant: RecordedMutant) => boolean;
export declare const staticSkipped: (mutant: RecordedMutant) => boolean;
export declare function countMutants(mutants: readonly RecordedMutant[]): MutantCounts;
export declare const mutationScore: (counts: MutantCounts) => number;
