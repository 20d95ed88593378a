import { isInfrastructureFailure } from "../evaluation/infrastructure.js";
import type { ExecutionRecord } from "../evaluation/types.js";

/**
 * Loss (1 − mean score) over the records whose runs were scored, i.e. not
 * infrastructure failures; `null` when none was.
 *
 * @example
 * scoredLoss([{ score: 1 }, { score: 0, error: { kind: "model_error", message: "down" } }] as any); // 0
 */
export function scoredLoss(records: readonly Pick<ExecutionRecord, "score" | "error">[]): number | null {
  const scored = records.filter((r) => !isInfrastructureFailure(r));
  return scored.length ? 1 - scored.reduce((sum, r) => sum + r.score, 0) / scored.length : null;
}

/**
 * Losses of a candidate and of the best set on the same tasks: those scored
 * on both sides. A task left out (its run failed for an infrastructure
 * reason on either side) counts on neither, so the comparison stays paired.
 * `null` losses when no task is scored on both sides.
 *
 * @example
 * const { candidate, best } = pairedLosses(candidateRecords, state.bestRecords);
 */
export function pairedLosses(
  candidate: readonly ExecutionRecord[],
  best: readonly ExecutionRecord[],
): { candidate: number | null; best: number | null; common: number } {
  const bestById = new Map(best.map((r) => [r.taskId, r]));
  const pairs = candidate.flatMap((c) => {
    const b = bestById.get(c.taskId);
    return b && !isInfrastructureFailure(b) && !isInfrastructureFailure(c) ? [[c, b] as const] : [];
  });
  return { candidate: scoredLoss(pairs.map(([c]) => c)), best: scoredLoss(pairs.map(([, b]) => b)), common: pairs.length };
}
