import { EvaluationConfigError } from "./errors.js";
import type { Task } from "./types.js";

/**
 * Checks that every task has a distinct non-empty id — records, paired
 * comparisons and reports are keyed by it — and throws an
 * {@link EvaluationConfigError} naming the offending entry (`test[3].id`)
 * otherwise. `evaluate` runs it; the CLI runs it on a `--test` split before
 * it writes anything.
 *
 * @example
 * import { checkUniqueTaskIds } from "toolforge";
 * checkUniqueTaskIds([{ id: "a", question: "q", answer: "1" }, { id: "a", question: "r", answer: "2" }], "test");
 * // throws: test[1].id: "a" is also the id of test[0]; task ids must be unique
 */
export function checkUniqueTaskIds(tasks: readonly Task[], field = "tasks"): void {
  const seen = new Map<string, number>();
  tasks.forEach((task, index) => {
    const id = (task as Partial<Task> | undefined)?.id;
    const option = `${field}[${index}].id`;
    if (typeof id !== "string" || id === "") throw new EvaluationConfigError("E_EVAL_CONFIG", `${option}: expected a non-empty string, got ${JSON.stringify(id)}`, { option });
    const first = seen.get(id);
    if (first !== undefined) throw new EvaluationConfigError("E_EVAL_CONFIG", `${option}: "${id}" is also the id of ${field}[${first}]; task ids must be unique`, { option });
    seen.set(id, index);
  });
}
