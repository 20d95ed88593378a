import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomicSync } from "../functions/atomic-write.js";
import { redactModelSpec } from "../models/describe-model.js";
import type { ModelSpec } from "../models/types.js";
import { ReproduceError } from "./errors.js";
import type { ExperimentCell } from "./experiments.js";

/**
 * The folder under `--out` that records what each cell was started with
 * (`<cell-id>.json`). It sits beside the cell folders, not in them, because
 * a cell's run directory is emptied when its run begins.
 *
 * @example
 * import { PROTOCOL_DIR } from "./cell-protocol.js";
 * console.log(PROTOCOL_DIR); // "cell-protocols"
 */
export const PROTOCOL_DIR = "cell-protocols";

function protocolFile(out: string, cellId: string): string {
  return join(out, PROTOCOL_DIR, `${cellId}.json`);
}

/**
 * The settings that decide a cell's numbers.
 *
 * @example
 * const s: import("toolforge").CellSettings = { model: "openai:gpt-4o", optimizerModel: "openai:gpt-4o", limit: 5 };
 */
export interface CellSettings {
  model: ModelSpec;
  optimizerModel: ModelSpec;
  limit?: number;
  levels?: number[];
}

function protocolText(cell: ExperimentCell, s: CellSettings): string {
  const protocol = { cell, model: redactModelSpec(s.model), optimizerModel: redactModelSpec(s.optimizerModel), limit: s.limit ?? null, levels: s.levels ?? null };
  return JSON.stringify(protocol, null, 2) + "\n";
}

/**
 * Refuses (`E_REPRODUCE_CHANGED`) a cell folder started with other settings —
 * its definition, the models (keys redacted), `--limit` or `--levels` — since
 * continuing it would mix two protocols in one cell. Reads only.
 *
 * @example
 * import { assertCellProtocol } from "./cell-protocol.js";
 * assertCellProtocol(cell, "runs/table1", { model: "openai:gpt-4o", optimizerModel: "openai:gpt-4o" });
 */
export function assertCellProtocol(cell: ExperimentCell, out: string, settings: CellSettings): void {
  const file = protocolFile(out, cell.cellId);
  if (existsSync(file) && readFileSync(file, "utf8") !== protocolText(cell, settings)) {
    throw new ReproduceError(
      "E_REPRODUCE_CHANGED",
      `${join(out, cell.cellId)} was started with other settings (models, --limit, --levels, --max-steps or the cell's protocol: see ${file}); use another --out, or delete that cell folder and ${file} to run the cell again`,
      { path: join(out, cell.cellId), protocol: file },
    );
  }
}

/**
 * {@link assertCellProtocol}, then records the settings when the cell starts.
 *
 * @example
 * import { recordCellProtocol } from "./cell-protocol.js";
 * recordCellProtocol(cell, "runs/table1", settings);
 */
export function recordCellProtocol(cell: ExperimentCell, out: string, settings: CellSettings): void {
  assertCellProtocol(cell, out, settings);
  const file = protocolFile(out, cell.cellId);
  if (existsSync(file)) return;
  mkdirSync(join(out, PROTOCOL_DIR), { recursive: true });
  writeFileAtomicSync(file, protocolText(cell, settings));
}
