/**
 * Complementary error function (Numerical Recipes' Chebyshev fit, relative
 * error < 1.2e-7 everywhere) — enough for p-values, and it avoids pulling a
 * statistics library in for one tail probability.
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/**
 * Upper tail probability P(X ≥ x) of a χ² distribution with one degree of
 * freedom, the reference distribution of McNemar's asymptotic test.
 *
 * @example
 * import { chiSquare1Survival } from "toolforge";
 * chiSquare1Survival(3.841459); // ≈ 0.05
 */
export function chiSquare1Survival(x: number): number {
  if (!(x > 0)) return 1;
  return erfc(Math.sqrt(x / 2));
}
