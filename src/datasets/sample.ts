import { createHash } from "node:crypto";
import type { Task } from "../evaluation/types.js";

/** Rank of a task under a seed: sha256 of `"<seed>:<id>"`, the same scheme the bundled samples use. */
function rank(seed: number | string, task: Task): string {
  return createHash("sha256").update(`${seed}:${task.id}`).digest("hex");
}

function ranked(tasks: readonly Task[], seed: number | string): Task[] {
  const keyed = tasks.map((task, index) => ({ task, index, key: rank(seed, task) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
  return keyed.map((k) => k.task);
}

/**
 * A deterministic sample of `n` tasks (all if `n` ≥ length), chosen by a
 * seeded hash of each task id — no `Math.random`, independent of input
 * order. The sample keeps the input order.
 *
 * @example
 * import { loadDataset, sampleTasks } from "toolforge";
 * const { tasks } = await loadDataset("tabmwp:train");
 * const batch = sampleTasks(tasks, 10, 42); // same 10 tasks for seed 42, every run
 */
export function sampleTasks(tasks: readonly Task[], n: number, seed: number | string = 0): Task[] {
  if (n >= tasks.length) return [...tasks];
  const chosen = new Set(ranked(tasks, seed).slice(0, Math.max(0, Math.floor(n))));
  return tasks.filter((task) => chosen.has(task));
}

/**
 * Splits tasks into two disjoint, deterministic parts. `size` is a count
 * (≥ 1) or a fraction (< 1) of the tasks that go to `first`.
 *
 * @example
 * import { loadDataset, splitTasks } from "toolforge";
 * const { tasks } = await loadDataset("gsm8k:train");
 * const { first: train, second: validation } = splitTasks(tasks, 0.8, 7); // 80 / 20
 */
export function splitTasks(
  tasks: readonly Task[],
  size: number,
  seed: number | string = 0,
): { first: Task[]; second: Task[] } {
  const count = size < 1 ? Math.round(size * tasks.length) : Math.floor(size);
  const first = new Set(sampleTasks(tasks, count, seed));
  return { first: tasks.filter((t) => first.has(t)), second: tasks.filter((t) => !first.has(t)) };
}
