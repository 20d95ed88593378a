import { ToolforgeError } from "../errors.js";

/**
 * `toolforge reproduce` was asked for something it cannot do: an unknown
 * experiment, Table 2 without a GAIA folder, an agent model without tool
 * calling, a `--cells` glob that matches nothing, a cell folder started with
 * other settings, a dollar budget without
 * prices, or a finished cell whose `cell.json` is unreadable. Raised before
 * any model is called; the CLI exits 2.
 * Codes: `E_REPRODUCE_EXPERIMENT`, `E_REPRODUCE_GAIA`, `E_REPRODUCE_TOOLS`,
 * `E_REPRODUCE_CELLS`, `E_REPRODUCE_PRICES`, `E_REPRODUCE_CELL_FILE`, `E_REPRODUCE_CHANGED`,
 * `E_REPRODUCE_CONFIRM`.
 *
 * @example
 * import { ReproduceError } from "toolforge";
 * throw new ReproduceError("E_REPRODUCE_EXPERIMENT", 'unknown experiment "table9"', { experiment: "table9" });
 */
export class ReproduceError extends ToolforgeError {}
