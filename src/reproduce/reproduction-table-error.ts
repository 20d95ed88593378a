import { ToolforgeError } from "../errors.js";

/**
 * The results table cannot be rendered: an unknown experiment
 * (`E_REPRODUCE_EXPERIMENT`), or a cell result (a `cell.json`) holding a
 * figure the table cannot show — a task score outside 0–1, a function metric
 * that is not a finite number ≥ 0 (`E_REPRODUCE_CELL`). `context` names the
 * cell, the field and the value.
 *
 * @example
 * import { ReproductionTableError, renderReproductionTables } from "toolforge";
 * try { renderReproductionTables("table1", cells); }
 * catch (e) { if (e instanceof ReproductionTableError) console.log(e.code, e.context.cellId, e.context.field); }
 */
export class ReproductionTableError extends ToolforgeError {}
