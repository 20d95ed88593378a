import { existsSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { Task } from "../evaluation/types.js";
import { scoreGaia } from "../scoring/score-gaia.js";
import { DatasetError } from "./errors.js";
import { readJsonl } from "./jsonl.js";
import type { Dataset } from "./load-dataset.js";
import { sampleTasks, splitTasks } from "./sample.js";

/**
 * Options of {@link loadGaia}.
 *
 * @example
 * const opts: import("toolforge").LoadGaiaOptions = { levels: [1, 2], split: "train", seed: 0 };
 */
export interface LoadGaiaOptions {
  /** Keep only these levels (1, 2, 3); default all. */
  levels?: readonly number[];
  /**
   * `all` (default), or the paper's seeded split of the folder's tasks:
   * `train` (10 tasks) and `test` (100 of the rest), disjoint.
   */
  split?: "all" | "train" | "test";
  /** Seed of the split. */
  seed?: number;
  /** Sizes of the split; default 10 / 100 as in the paper. */
  trainSize?: number;
  testSize?: number;
}

const REQUIRED = ["task_id", "Question", "Level", "Final answer"] as const;

/**
 * Loads a local copy of GAIA in its own layout: `<folder>/metadata.jsonl`
 * (`task_id`, `Question`, `Level`, `Final answer`, `file_name`) with each
 * attachment beside it. GAIA is gated: download it yourself (e.g. the
 * `2023/validation` folder); toolforge never bundles or fetches it. A task
 * with a file gets it as its only attachment (`readAttachment(name)`) and a
 * line naming it in the question. The scorer is {@link scoreGaia}.
 * Throws {@link DatasetError} naming the file and line (missing
 * `metadata.jsonl`, a missing field, a missing attachment, a bad level).
 *
 * @example
 * import { loadGaia } from "toolforge";
 * const train = await loadGaia("data/gaia/2023/validation", { split: "train", levels: [1] });
 * console.log(train.tasks.length, train.tasks[0].attachments);
 */
export async function loadGaia(folder: string, options: LoadGaiaOptions = {}): Promise<Dataset> {
  const dir = resolve(folder);
  const file = join(dir, "metadata.jsonl");
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new DatasetError("E_DATASET_READ", `${folder}: GAIA folder not found`, { file: folder });
  if (!existsSync(file)) throw new DatasetError("E_DATASET_READ", `${folder}: no metadata.jsonl in this GAIA folder (expected GAIA's own layout: metadata.jsonl with the attachment files beside it)`, { file });
  const levels = options.levels;
  if (levels !== undefined && (!Array.isArray(levels) || levels.length === 0 || !levels.every((l) => l === 1 || l === 2 || l === 3))) {
    throw new DatasetError("E_DATASET_OPTIONS", `levels must be a non-empty list of 1, 2, 3; got ${JSON.stringify(levels)}`, { levels });
  }
  const rows = await readJsonl(file);
  const tasks: Task[] = [];
  for (const { value, line } of rows) {
    const row = value as Record<string, unknown>;
    const where = `${file}:${line}`;
    for (const key of REQUIRED) {
      if (row[key] === undefined || row[key] === null) throw new DatasetError("E_DATASET_FIELD", `${where}: field "${key}" is missing`, { file, line, field: key });
    }
    const level = Number(row.Level);
    if (![1, 2, 3].includes(level)) throw new DatasetError("E_DATASET_ROW", `${where}: "Level" must be 1, 2 or 3, got ${JSON.stringify(row.Level)}`, { file, line });
    if (levels && !levels.includes(level)) continue;
    const fileName = typeof row.file_name === "string" ? row.file_name.trim() : "";
    let question = String(row.Question);
    const task: Task = { id: String(row.task_id), question, answer: String(row["Final answer"]), meta: { level, file_name: fileName } };
    if (fileName !== "") {
      if (basename(fileName) !== fileName) throw new DatasetError("E_DATASET_ROW", `${where}: "file_name" must be a plain file name, got ${JSON.stringify(fileName)}`, { file, line });
      if (!existsSync(join(dir, fileName))) throw new DatasetError("E_DATASET_FIELD", `${where}: attachment "${fileName}" is missing from ${folder}`, { file, line, attachment: fileName });
      question += `\n\nAttached file: ${fileName}`;
      task.question = question;
      task.attachments = { dir, names: [fileName] };
    }
    tasks.push(task);
  }
  if (tasks.length === 0) throw new DatasetError("E_DATASET_EMPTY", `${file}: no GAIA tasks${levels ? ` at levels ${levels.join(", ")}` : ""}`, { file });
  const split = options.split ?? "all";
  const seed = options.seed ?? 0;
  let chosen = tasks;
  if (split !== "all") {
    const { first, second } = splitTasks(tasks, options.trainSize ?? 10, seed);
    chosen = split === "train" ? first : sampleTasks(second, options.testSize ?? 100, seed);
  }
  return { name: `gaia:${split}`, source: file, tasks: chosen, scorer: (prediction, task) => scoreGaia(prediction, task.answer) };
}
