import type { FunctionComplexity } from "../functions/function-complexity.js";

/**
 * Mean and highest cyclomatic complexity of a toolset's functions, as the
 * report and the step table show it ("1.5 (max 2)"); "–" without functions.
 *
 * @example
 * import { formatComplexity } from "toolforge";
 * console.log(formatComplexity([{ name: "a", complexity: 1 }, { name: "b", complexity: 2 }])); // "1.5 (max 2)"
 */
export function formatComplexity(complexity: readonly FunctionComplexity[] | undefined): string {
  if (!complexity || complexity.length === 0) return "–";
  const values = complexity.map((c) => c.complexity);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return `${Number.isInteger(mean) ? mean : mean.toFixed(1)} (max ${Math.max(...values)})`;
}
