import { mulberry32 } from "../seeded-random.js";

/**
 * The indices (ascending) of a seeded sample of `batchSize` out of `size`
 * items for one step; all indices when `batchSize` is absent or ≥ `size`.
 * The sample depends only on `(seed, step)`.
 *
 * @example
 * import { sampleBatch } from "toolforge";
 * sampleBatch(10, 3, 0, 1); // e.g. [1, 4, 8] — always the same for (seed 0, step 1)
 */
export function sampleBatch(size: number, batchSize: number | undefined, seed: number, step: number): number[] {
  const all = Array.from({ length: size }, (_, i) => i);
  // Stryker disable next-line EqualityOperator: at batchSize === size the shuffled, sorted sample is every index anyway.
  if (batchSize === undefined || batchSize >= size) return all;
  // Seeded, so a resumed run shows the optimizer the same records as an uninterrupted one.
  const random = mulberry32((seed * 1_000_003 + step * 7_919) >>> 0);
  // Partial Fisher–Yates: the first batchSize slots become the sample.
  // Stryker disable next-line EqualityOperator: one more swap (i === batchSize) only moves items after the sample.
  for (let i = 0; i < batchSize; i++) {
    const j = i + Math.floor(random() * (size - i));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, batchSize).sort((a, b) => a - b);
}
