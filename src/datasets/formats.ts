import type { Scorer, Task } from "../evaluation/types.js";
import { extractBoxed } from "../scoring/extract-answer.js";
import { scoreExactMatch } from "../scoring/score-exact.js";
import { scoreGSM8K } from "../scoring/score-gsm8k.js";
import { scoreMath } from "../scoring/score-math.js";
import { scoreTabMWP } from "../scoring/tabmwp.js";
import { requireGold } from "../scoring/gold-answer.js";
import { DatasetError } from "./errors.js";
import { getFieldPath } from "./field-path.js";
import { renderTabMWPPrompt } from "./tabmwp-prompt.js";

/**
 * Row formats `loadDataset` understands; `generic` is plain question/answer rows.
 *
 * @example
 * import { loadDataset, type DatasetFormat } from "toolforge";
 * const format: DatasetFormat = "math";
 * await loadDataset("my-problems.jsonl", { format });
 */
export type DatasetFormat = "math" | "gsm8k" | "tabmwp" | "generic";

/**
 * Which source field (dotted paths allowed) feeds each task field. Unset keys
 * keep the format's default (`question`/`answer`/`id`/`choices`; MATH reads
 * `problem`; TabMWP also reads `table`, `table_title` and `unit`).
 *
 * @example
 * import { loadDataset } from "toolforge";
 * await loadDataset("qa.jsonl", { mapping: { id: "uid", question: "input", answer: "output.value" } });
 */
export interface FieldMapping {
  id?: string;
  question?: string;
  answer?: string;
  choices?: string;
  /** TabMWP only. */
  table?: string;
  /** TabMWP only. */
  tableTitle?: string;
  /** TabMWP only. */
  unit?: string;
}

type ResolvedMapping = Required<FieldMapping>;

const DEFAULT_MAPPING: ResolvedMapping = {
  id: "id",
  question: "question",
  answer: "answer",
  choices: "choices",
  table: "table",
  tableTitle: "table_title",
  unit: "unit",
};

const FORMAT_DEFAULTS: Record<DatasetFormat, Partial<FieldMapping>> = {
  math: { question: "problem" },
  gsm8k: {},
  tabmwp: {},
  generic: {},
};

/**
 * Where a row came from, for error messages.
 *
 * @example
 * import type { RowOrigin } from "toolforge";
 * const origin: RowOrigin = { file: "qa.jsonl", line: 12, datasetName: "qa" };
 */
export interface RowOrigin {
  file: string;
  line: number;
  /** Used for ids when the row has none. */
  datasetName: string;
}

/**
 * Guesses the format of a dataset from one row's fields: `table` + `question`
 * → tabmwp; `problem` → math; `question` + `answer` with a `solution` or a
 * `####` answer → gsm8k; anything else → generic.
 *
 * @example
 * import { detectFormat } from "toolforge";
 * detectFormat({ problem: "1+1?", answer: "2" }); // "math"
 */
export function detectFormat(row: Record<string, unknown>): DatasetFormat {
  if ("table" in row && "question" in row) return "tabmwp";
  if ("problem" in row) return "math";
  if ("question" in row && "answer" in row) {
    if ("solution" in row || (typeof row.answer === "string" && row.answer.includes("####"))) return "gsm8k";
  }
  return "generic";
}

function missing(origin: RowOrigin, role: string, field: string, why = "is missing"): DatasetError {
  return new DatasetError(
    "E_DATASET_FIELD",
    `${origin.file}:${origin.line}: field "${field}" (task ${role}) ${why}`,
    { file: origin.file, line: origin.line, field, role },
  );
}

function readText(row: Record<string, unknown>, field: string, role: string, origin: RowOrigin): string {
  const value = getFieldPath(row, field);
  if (value === undefined || value === null) throw missing(origin, role, field);
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (typeof value !== "string") throw missing(origin, role, field, `must be a string, got ${typeof value}`);
  return value;
}

function readOptionalText(row: Record<string, unknown>, field: string): string | undefined {
  const value = getFieldPath(row, field);
  return value === undefined || value === null ? undefined : String(value);
}

function readChoices(row: Record<string, unknown>, field: string, origin: RowOrigin): string[] | undefined {
  const value = getFieldPath(row, field);
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((c) => typeof c !== "string" && typeof c !== "number")) {
    throw missing(origin, "choices", field, "must be an array of strings");
  }
  return value.map(String);
}

/** Unmapped source fields become `meta`; worked solutions stay out so they cannot leak into prompts. */
function metaOf(row: Record<string, unknown>, used: readonly string[]): Record<string, unknown> | undefined {
  const meta: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (!used.includes(key) && key !== "solution") meta[key] = value;
  }
  return Object.keys(meta).length > 0 ? meta : undefined;
}

/**
 * Converts one source row into a `Task`, per format. Throws a `DatasetError`
 * naming file, line and field when a mapped field is missing or malformed.
 *
 * @example
 * import { rowToTask } from "toolforge";
 * rowToTask({ id: "7", question: "2+2?", answer: 4 }, "generic", {}, { file: "x.jsonl", line: 1, datasetName: "x" });
 * // { id: "7", question: "2+2?", answer: "4" }
 */
export function rowToTask(
  row: Record<string, unknown>,
  format: DatasetFormat,
  mapping: FieldMapping,
  origin: RowOrigin,
): Task {
  const m: ResolvedMapping = { ...DEFAULT_MAPPING, ...FORMAT_DEFAULTS[format], ...stripUndefined(mapping) };
  const id = readOptionalText(row, m.id) ?? `${origin.datasetName}:${origin.line}`;
  let question = readText(row, m.question, "question", origin);
  let answer: string;
  const used = [m.id, m.question, m.answer, m.choices];
  if (format === "math" && getFieldPath(row, m.answer) === undefined && typeof row.solution === "string") {
    // Raw MATH rows carry the answer only inside the solution's last \boxed{}.
    const boxed = extractBoxed(row.solution);
    if (boxed === null) throw missing(origin, "answer", m.answer, "is missing and the solution has no \\boxed{}");
    answer = boxed;
  } else {
    answer = readText(row, m.answer, "answer", origin);
  }
  if (format === "gsm8k" && answer.includes("####")) {
    answer = (answer.split("####").pop() ?? "").trim().replaceAll(",", "");
  }
  checkGold(answer, format, origin, m.answer);
  const choices = readChoices(row, m.choices, origin);
  if (format === "tabmwp") {
    const table = readText(row, m.table, "table", origin);
    const unit = readOptionalText(row, m.unit);
    used.push(m.table);
    const rendered = renderTabMWPPrompt({
      question,
      table,
      table_title: readOptionalText(row, m.tableTitle) ?? null,
      choices: choices ?? null,
      unit: unit ?? null,
    });
    const meta = { ...metaOf(row, used), originalQuestion: question, table };
    question = rendered;
    return { id, question, answer, ...(choices ? { choices } : {}), meta };
  }
  const meta = metaOf(row, used);
  return { id, question, answer, ...(choices ? { choices } : {}), ...(meta ? { meta } : {}) };
}

/**
 * A gold answer no reply could match would score every task 0 without a word:
 * an empty answer, or a GSM8K answer without a number, is a bad row.
 */
function checkGold(answer: string, format: DatasetFormat, origin: RowOrigin, field: string): void {
  if (answer.trim() === "") throw missing(origin, "answer", field, "is empty");
  if (format === "gsm8k" && !/\d/.test(answer)) throw missing(origin, "answer", field, `has no number ("${answer}")`);
}

function stripUndefined(mapping: FieldMapping): FieldMapping {
  return Object.fromEntries(Object.entries(mapping).filter(([, v]) => v !== undefined)) as FieldMapping;
}

function unitOf(task: Task): string | null {
  const unit = task.meta?.unit;
  return typeof unit === "string" ? unit : null;
}

/**
 * The scorer that fits a format, adapted to `(prediction, task)`: `scoreMath`,
 * `scoreGSM8K`, `scoreTabMWP` (with the task's choices and unit) or
 * `scoreExactMatch` for generic rows. A task whose `answer` is missing
 * (`null`) throws a `DatasetError` (`E_DATASET_GOLD`) naming the task.
 *
 * @example
 * import { scorerForFormat } from "toolforge";
 * const scorer = scorerForFormat("gsm8k");
 * scorer("FINAL ANSWER: 4", { id: "1", question: "2+2?", answer: "4" }); // { score: 1 }
 */
export function scorerForFormat(format: DatasetFormat): Scorer {
  // The gold answer is checked here too, so the error names the task.
  const gold = (task: Task, scorer: string): string => requireGold(task.answer, scorer, task.id);
  switch (format) {
    case "math":
      return (prediction, task) => scoreMath(prediction, gold(task, "scoreMath"));
    case "gsm8k":
      return (prediction, task) => scoreGSM8K(prediction, gold(task, "scoreGSM8K"));
    case "tabmwp":
      return (prediction, task) =>
        scoreTabMWP(prediction, gold(task, "scoreTabMWP"), { choices: task.choices ?? null, unit: unitOf(task) });
    case "generic":
      return (prediction, task) => scoreExactMatch(prediction, gold(task, "scoreExactMatch"));
  }
}
