/**
 * A small seeded PRNG (mulberry32): the same seed always gives the same
 * sequence of numbers in [0, 1), on every platform, so seeded choices
 * (minibatches, injected faults) are reproducible.
 *
 * @example
 * import { mulberry32 } from "toolforge";
 * const random = mulberry32(42);
 * random(); // always the same first number for seed 42
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
