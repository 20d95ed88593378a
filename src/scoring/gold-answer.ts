import { DatasetError } from "../datasets/errors.js";

/**
 * The gold answer as a string, or a `DatasetError` (`E_DATASET_GOLD`) naming
 * the scorer (and task, when known) when it is missing or not text: a
 * dataset row without an answer must not surface as a `TypeError` mid-run.
 *
 * @example
 * import { requireGold } from "toolforge";
 * requireGold("42", "scoreGSM8K"); // "42"
 * requireGold(null, "scoreGSM8K", "task-7"); // throws DatasetError E_DATASET_GOLD
 */
export function requireGold(gold: unknown, scorer: string, taskId?: string): string {
  if (typeof gold === "string") return gold;
  if (Number.isFinite(gold)) return String(gold);
  const where = taskId === undefined ? "" : ` of task "${taskId}"`;
  const got = gold === null ? "null" : typeof gold;
  throw new DatasetError("E_DATASET_GOLD", `${scorer}: the gold answer${where} is missing (got ${got})`, {
    scorer,
    ...(taskId === undefined ? {} : { taskId }),
    got,
  });
}
