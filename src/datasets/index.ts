// Datasets: JSONL loading with field mapping, bundled presets, seeded sampling.
export { DatasetError } from "./errors.js";
export { readJsonl, type JsonlRow } from "./jsonl.js";
export { getFieldPath } from "./field-path.js";
export { renderTabMWPPrompt, type TabMWPProblem } from "./tabmwp-prompt.js";
export {
  detectFormat,
  rowToTask,
  scorerForFormat,
  type DatasetFormat,
  type FieldMapping,
  type RowOrigin,
} from "./formats.js";
export { DATASET_PRESETS, packageDataDir, isPresetName, resolvePreset, type DatasetPreset } from "./presets.js";
export { loadDataset, type Dataset, type LoadDatasetOptions } from "./load-dataset.js";
export { LANGSMITH_DATASET_PREFIX, LANGSMITH_FIELD_PATHS, langSmithMapping, readLangSmithExamples } from "./langsmith-dataset.js";
export { sampleTasks, splitTasks } from "./sample.js";
export { MATH_TYPES, parsePresetSelector, selectTasks, type MathTypeSlug } from "./preset-selector.js";
export { loadGaia, type LoadGaiaOptions } from "./gaia.js";
