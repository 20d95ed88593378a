import { ToolforgeError } from "../errors.js";

/**
 * A dataset could not be loaded. `context` names the `file` and, for a bad
 * row, its 1-based `line` (and the `field` when a mapped field is missing).
 * Codes: `E_DATASET_READ`, `E_DATASET_EMPTY`, `E_DATASET_JSON`,
 * `E_DATASET_ROW`, `E_DATASET_FIELD`, `E_DATASET_PRESET`, `E_DATASET_OPTIONS`,
 * `E_DATASET_GOLD` (a scorer was given a task without a gold answer).
 *
 * @example
 * import { loadDataset, DatasetError } from "toolforge";
 * try { await loadDataset("nope:train"); }
 * catch (e) { if (e instanceof DatasetError) console.log(e.code); } // "E_DATASET_PRESET"
 */
export class DatasetError extends ToolforgeError {}
