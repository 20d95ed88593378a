/**
 * Wilson score interval of a proportion (default 95 %, z = 1.96). Works for
 * fractional `successes` (a sum of scores in [0, 1]); `n = 0` gives [0, 1].
 *
 * @example
 * import { wilsonInterval } from "toolforge";
 * wilsonInterval(8, 10); // { low: 0.490…, high: 0.943… }
 */
export function wilsonInterval(successes: number, n: number, z = 1.96): { low: number; high: number } {
  if (!(n > 0)) return { low: 0, high: 1 };
  const p = Math.min(1, Math.max(0, successes / n));
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, center - half), high: Math.min(1, center + half) };
}
