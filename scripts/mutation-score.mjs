// How scripts/test-mutation.mjs counts a file's recorded mutants (Stryker's
// mutation score): detected (killed, timed out) over valid mutants (detected,
// survived, not covered). Compile errors do not count; ignored mutants are
// either marked equivalent in the source or static ones a `--skip-static`
// run left untested, reported apart.

/** A mutant no test detected. */
export const undetected = ({ status }) => status === "Survived" || status === "NoCoverage";

/** A static mutant a `--skip-static` run left untested (Stryker records it as ignored, with this reason). */
export const staticSkipped = ({ status, statusReason }) => status === "Ignored" && /ignoreStatic/.test(String(statusReason ?? ""));

/** Counts of `mutants` by what they say about the tests. */
export function countMutants(mutants) {
  const c = { detected: 0, undetected: 0, ignored: 0, staticSkipped: 0 };
  for (const mutant of mutants) {
    if (mutant.status === "Killed" || mutant.status === "Timeout") c.detected++;
    else if (undetected(mutant)) c.undetected++;
    else if (staticSkipped(mutant)) c.staticSkipped++;
    else if (mutant.status === "Ignored") c.ignored++;
  }
  return c;
}

/** The mutation score in percent, NaN when nothing valid was tested. */
export const mutationScore = (c) => (c.detected + c.undetected === 0 ? Number.NaN : (100 * c.detected) / (c.detected + c.undetected));
