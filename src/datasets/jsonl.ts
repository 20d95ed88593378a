import { readFile } from "node:fs/promises";
import { DatasetError } from "./errors.js";

/**
 * One parsed JSONL row and the 1-based line it came from.
 *
 * @example
 * import type { JsonlRow } from "toolforge";
 * const row: JsonlRow = { line: 3, value: { question: "2+2?", answer: "4" } };
 */
export interface JsonlRow {
  line: number;
  value: Record<string, unknown>;
}

/**
 * Reads a JSON Lines file: one JSON object per non-blank line. Throws a
 * `DatasetError` naming the file (and 1-based line) when the file is missing,
 * empty, or a line is not a JSON object.
 *
 * @example
 * import { readJsonl } from "toolforge";
 * const rows = await readJsonl("data/gsm8k/test.jsonl");
 * console.log(rows[0].line, rows[0].value.question);
 */
export async function readJsonl(file: string): Promise<JsonlRow[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new DatasetError("E_DATASET_READ", `${file}: cannot read dataset file (${reason})`, { file }, { cause });
  }
  const rows: JsonlRow[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new DatasetError("E_DATASET_JSON", `${file}:${line}: invalid JSON (${reason})`, { file, line }, { cause });
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      const kind = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
      throw new DatasetError("E_DATASET_ROW", `${file}:${line}: expected a JSON object, got ${kind}`, { file, line });
    }
    rows.push({ line, value: value as Record<string, unknown> });
  });
  if (rows.length === 0) {
    throw new DatasetError("E_DATASET_EMPTY", `${file}: dataset file has no rows`, { file });
  }
  return rows;
}
