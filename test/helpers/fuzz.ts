import fc from "fast-check";

/**
 * Settings of every property-based test: a fixed seed, so a failure is
 * reproducible and the suite is not flaky; `FUZZ_SEED` / `FUZZ_RUNS` explore
 * further (e.g. `FUZZ_SEED=$RANDOM FUZZ_RUNS=5000 npm run test:crash`).
 */
export const FUZZ: fc.Parameters<unknown> = {
  seed: Number(process.env.FUZZ_SEED ?? 20240711),
  numRuns: Number(process.env.FUZZ_RUNS ?? 150),
};

/** Strings an LLM or a file might hold: mostly printable, with JSON, LaTeX and odd Unicode mixed in. */
export const textish = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.stringMatching(/^[-+*/^(){}\\a-z0-9.,$% ]{0,30}$/),
  fc.json(),
  fc.constantFrom("", " ", "\u0000", "NaN", "Infinity", "-0", "1e309", "__proto__", "constructor", "\\boxed{", "\\frac{1}{0}", "10^10^10^10", "x".repeat(5000)),
);

/** Throws unless `error` is an instance of one of `classes` (a typed error, not a crash). */
export function expectTypedError(error: unknown, classes: (abstract new (...args: never[]) => Error)[], where: string): void {
  if (classes.some((c) => error instanceof c)) return;
  throw new Error(`${where}: untyped ${(error as Error)?.constructor?.name ?? typeof error}: ${(error as Error)?.stack ?? String(error)}`);
}
