import type { Client } from "langsmith";
import { DatasetError } from "./errors.js";
import { getFieldPath } from "./field-path.js";
import type { FieldMapping } from "./formats.js";
import type { JsonlRow } from "./jsonl.js";

/**
 * Prefix of LangSmith dataset sources in `loadDataset("langsmith:<name>")`.
 *
 * @example
 * await loadDataset(`${LANGSMITH_DATASET_PREFIX}gsm8k-eval`);
 */
export const LANGSMITH_DATASET_PREFIX = "langsmith:";

/**
 * Where a LangSmith example's fields are looked for, in order, when no
 * `mapping` names them: the task id is the example id, the question the
 * first of these `inputs` paths that holds text, the answer the first of
 * these `outputs` paths.
 *
 * @example
 * // an example { inputs: { question: "2+2?" }, outputs: { answer: "4" } } becomes { id: <example id>, question: "2+2?", answer: "4" }
 * console.log(LANGSMITH_FIELD_PATHS.question[0]); // "inputs.question"
 */
export const LANGSMITH_FIELD_PATHS = {
  id: "id",
  question: ["inputs.question", "inputs.input", "inputs.query", "inputs.prompt"],
  answer: ["outputs.answer", "outputs.output", "outputs.expected", "outputs.reference"],
} as const;

/**
 * Reads every example of a LangSmith dataset as rows `{ id, inputs,
 * outputs, metadata }` (line = 1-based position), through the `langsmith`
 * client (endpoint and key from `LANGSMITH_ENDPOINT` / `LANGSMITH_API_KEY`
 * unless `client` is given). Failures become a `DatasetError` naming the dataset.
 *
 * @example
 * const rows = await readLangSmithExamples("gsm8k-eval");
 */
export async function readLangSmithExamples(name: string, client?: Client): Promise<JsonlRow[]> {
  const source = `${LANGSMITH_DATASET_PREFIX}${name}`;
  if (name.trim() === "") throw new DatasetError("E_DATASET_OPTIONS", `${source}: name the LangSmith dataset after "langsmith:"`, { file: source });
  const api = client ?? new (await import("langsmith")).Client();
  const rows: JsonlRow[] = [];
  try {
    for await (const example of api.listExamples({ datasetName: name })) {
      rows.push({ value: { id: example.id, inputs: example.inputs, outputs: example.outputs ?? {}, metadata: example.metadata ?? {} }, line: rows.length + 1 });
    }
  } catch (error) {
    throw new DatasetError("E_DATASET_READ", `${source}: could not read the LangSmith dataset: ${(error as Error).message}`, { file: source }, { cause: error });
  }
  return rows;
}

/**
 * The field mapping for LangSmith rows: the user's own paths, else the
 * first {@link LANGSMITH_FIELD_PATHS} entry present in the first example.
 *
 * @example
 * langSmithMapping(rows[0].value, {}); // { id: "id", question: "inputs.question", answer: "outputs.answer" }
 */
export function langSmithMapping(first: Record<string, unknown>, mapping: FieldMapping): FieldMapping {
  const found = (paths: readonly string[]) => paths.find((path) => typeof getFieldPath(first, path) === "string" || typeof getFieldPath(first, path) === "number");
  return {
    id: LANGSMITH_FIELD_PATHS.id,
    question: found(LANGSMITH_FIELD_PATHS.question) ?? LANGSMITH_FIELD_PATHS.question[0],
    answer: found(LANGSMITH_FIELD_PATHS.answer) ?? LANGSMITH_FIELD_PATHS.answer[0],
    ...Object.fromEntries(Object.entries(mapping).filter(([, v]) => v !== undefined)),
  };
}
