import { basename, extname } from "node:path";
import type { Scorer, Task } from "../evaluation/types.js";
import { DatasetError } from "./errors.js";
import { detectFormat, rowToTask, scorerForFormat, type DatasetFormat, type FieldMapping } from "./formats.js";
import type { Client } from "langsmith";
import { loadGaia, type LoadGaiaOptions } from "./gaia.js";
import { readJsonl, type JsonlRow } from "./jsonl.js";
import { LANGSMITH_DATASET_PREFIX, langSmithMapping, readLangSmithExamples } from "./langsmith-dataset.js";
import { parsePresetSelector, selectTasks } from "./preset-selector.js";
import { isPresetName, resolvePreset } from "./presets.js";

/**
 * A list of tasks and the scorer that grades answers to them.
 *
 * @example
 * import { loadDataset } from "toolforge";
 * const { name, tasks, scorer } = await loadDataset("gsm8k:test");
 * await scorer("FINAL ANSWER: 3", tasks[0]);
 */
export interface Dataset {
  /** Preset name (`math:test`) or the file's base name. */
  name: string;
  /** The file the tasks were read from. */
  source: string;
  tasks: Task[];
  scorer: Scorer;
}

/**
 * Options of {@link loadDataset}.
 *
 * @example
 * import { loadDataset } from "toolforge";
 * await loadDataset("tabmwp:train", { limit: 30 });
 */
export interface LoadDatasetOptions {
  /** Source field names for task fields (dotted paths allowed). */
  mapping?: FieldMapping;
  /** Keep only the first `limit` rows. */
  limit?: number;
  /** Row format; detected from the first row when omitted. */
  format?: DatasetFormat;
  /** Replaces the format's scorer. */
  scorer?: Scorer;
  /** For `gaia:<folder>` sources: levels and seed of the split. */
  gaia?: Omit<LoadGaiaOptions, "split">;
  /** LangSmith client for `langsmith:<name>` sources (default: one from `LANGSMITH_ENDPOINT` / `LANGSMITH_API_KEY`). */
  langsmithClient?: Client;
}

const FORMATS: readonly DatasetFormat[] = ["math", "gsm8k", "tabmwp", "generic"];

/**
 * Loads a dataset from a preset (`"math:train"`, `"math:test"`,
 * `"math:train20"`, `"math:test80"`, `"gsm8k:train"`, `"gsm8k:test"`,
 * `"tabmwp:train"`, `"tabmwp:test"`; narrowed by `@<math-type>` or
 * `@sample<n>`, e.g. `"math:test80@algebra"`), a JSONL file, or a LangSmith dataset
 * (`"langsmith:<name>"`: one task per example, fields found by
 * `LANGSMITH_FIELD_PATHS` unless `mapping` names them). The format is detected
 * from the first row unless given; `mapping` names the source fields.
 * Throws `DatasetError` naming the file and 1-based line for bad rows.
 *
 * @example
 * import { loadDataset } from "toolforge";
 * const math = await loadDataset("math:test", { limit: 10 });
 * const mine = await loadDataset("qa.jsonl", { mapping: { question: "prompt", answer: "target.text" } });
 * const shared = await loadDataset("langsmith:gsm8k-eval", { mapping: { answer: "outputs.final" } });
 * const result = await math.scorer("\\boxed{2}", math.tasks[0]);
 */
export async function loadDataset(source: string, options: LoadDatasetOptions = {}): Promise<Dataset> {
  const { limit, mapping = {} } = options;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new DatasetError("E_DATASET_OPTIONS", `limit must be a non-negative integer, got ${limit}`, { limit });
  }
  // Options come from users and config files too: a mapping must name fields by strings.
  const badMapping = typeof mapping !== "object" || mapping === null || Array.isArray(mapping)
    ? "an object"
    : Object.entries(mapping).find(([, path]) => typeof path !== "string")?.[0];
  if (badMapping !== undefined) {
    throw new DatasetError("E_DATASET_OPTIONS", badMapping === "an object" ? `mapping must be an object of field paths, got ${JSON.stringify(mapping)}` : `mapping.${badMapping} must be a field path string`, {
      mapping,
    });
  }
  if (options.format !== undefined && !FORMATS.includes(options.format)) {
    throw new DatasetError("E_DATASET_OPTIONS", `unknown format "${options.format}"; use one of ${FORMATS.join(", ")}`, {
      format: options.format,
    });
  }
  if (source.startsWith("gaia:")) return loadGaiaSource(source, options);
  const selected = parsePresetSelector(source);
  if (selected) {
    const whole = await loadDataset(selected.preset, { ...options, limit: undefined });
    const tasks = selectTasks(whole.tasks, source, selected.selector);
    return { ...whole, name: source, tasks: limit === undefined ? tasks : tasks.slice(0, limit) };
  }
  let file = source;
  let name = basename(source, extname(source));
  let format = options.format;
  let effectiveMapping = mapping;
  let rows: JsonlRow[];
  if (source.startsWith(LANGSMITH_DATASET_PREFIX)) {
    name = source;
    rows = await readLangSmithExamples(source.slice(LANGSMITH_DATASET_PREFIX.length), options.langsmithClient);
    if (rows[0]) effectiveMapping = langSmithMapping(rows[0].value, mapping);
    format ??= "generic";
  } else if (isPresetName(source)) {
    const preset = resolvePreset(source);
    file = preset.file;
    name = source;
    format ??= preset.format;
    rows = await readJsonl(file);
  } else {
    rows = await readJsonl(file);
  }
  const first = rows[0];
  if (!first) throw new DatasetError("E_DATASET_EMPTY", `${file}: dataset has no rows`, { file });
  // Explicit mappings describe a custom file, so they imply "generic" unless a format is named.
  format ??= options.mapping ? "generic" : detectFormat(first.value);
  const kept = limit === undefined ? rows : rows.slice(0, limit);
  const tasks = kept.map(({ value, line }) => rowToTask(value, format, effectiveMapping, { file, line, datasetName: name }));
  return { name, source: file, tasks, scorer: options.scorer ?? scorerForFormat(format) };
}

/** `gaia:<folder>` (all tasks), `gaia:<folder>@train` (10) or `gaia:<folder>@test` (100 others). */
async function loadGaiaSource(source: string, options: LoadDatasetOptions): Promise<Dataset> {
  const spec = source.slice("gaia:".length);
  const at = /@(train|test|all)$/.exec(spec);
  const folder = at ? spec.slice(0, at.index) : spec;
  if (folder === "") throw new DatasetError("E_DATASET_PRESET", `${source}: name the GAIA folder, e.g. gaia:~/gaia/2023/validation@train`, { source });
  const dataset = await loadGaia(folder, { ...options.gaia, split: (at?.[1] ?? "all") as "all" | "train" | "test" });
  const tasks = options.limit === undefined ? dataset.tasks : dataset.tasks.slice(0, options.limit);
  return { ...dataset, tasks, scorer: options.scorer ?? dataset.scorer };
}
