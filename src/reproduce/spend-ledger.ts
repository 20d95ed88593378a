import { existsSync, readFileSync } from "node:fs";
import { writeFileAtomicSync } from "../functions/atomic-write.js";
import type { GateUsage } from "../models/request-gate.js";
import type { ModelPrice } from "../training/types.js";
import { ReproduceError } from "./errors.js";

/**
 * Billed usage of one cell or of the whole experiment.
 *
 * @example
 * const s: import("toolforge").Spend = { inputTokens: 1200, outputTokens: 300, usd: 0.006 };
 */
export interface Spend {
  inputTokens: number;
  outputTokens: number;
  usd: number;
}

interface LedgerFile {
  format: "toolforge.reproduce-spend";
  version: 1;
  total: Spend;
  cells: Record<string, Spend>;
}

const zero = (): Spend => ({ inputTokens: 0, outputTokens: 0, usd: 0 });

/**
 * What an experiment has spent, across re-runs: every request the shared
 * gate completed (cache replays never reach it) is priced and added to the
 * current cell and the total, and `spend.json` in the experiment folder is
 * rewritten at once, so a `kill -9` loses at most the request in flight.
 *
 * @example
 * import { SpendLedger } from "toolforge";
 * const ledger = new SpendLedger("runs/table1/spend.json", () => ({ inputPerMTok: 2.5, outputPerMTok: 10 }));
 * ledger.cell = "algebra.react";
 * ledger.add({ model: "gpt-4o", inputTokens: 1000, outputTokens: 100 });
 * console.log(ledger.total.usd); // 0.0035
 */
export class SpendLedger {
  private readonly data: LedgerFile;
  /** The cell requests are charged to. */
  cell: string | undefined;

  constructor(
    readonly file: string,
    private readonly priceOf: (model: string) => ModelPrice | undefined,
  ) {
    this.data = existsSync(file) ? readLedger(file) : { format: "toolforge.reproduce-spend", version: 1, total: zero(), cells: {} };
  }

  /** Everything spent so far, this run and earlier ones. */
  get total(): Spend {
    return { ...this.data.total };
  }

  /** What one cell spent so far. */
  spentBy(cellId: string): Spend {
    return { ...(this.data.cells[cellId] ?? zero()) };
  }

  /** Charges one completed request and persists the ledger. */
  add(usage: GateUsage): void {
    const price = this.priceOf(usage.model);
    const usd = price ? (usage.inputTokens * price.inputPerMTok + usage.outputTokens * price.outputPerMTok) / 1e6 : 0;
    const charge = (s: Spend) => ({ inputTokens: s.inputTokens + usage.inputTokens, outputTokens: s.outputTokens + usage.outputTokens, usd: s.usd + usd });
    this.data.total = charge(this.data.total);
    if (this.cell !== undefined) this.data.cells[this.cell] = charge(this.data.cells[this.cell] ?? zero());
    writeFileAtomicSync(this.file, JSON.stringify(this.data, null, 2) + "\n");
  }
}

function readLedger(file: string): LedgerFile {
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as LedgerFile;
    if (data.format === "toolforge.reproduce-spend" && typeof data.total?.usd === "number" && typeof data.cells === "object") return data;
  } catch {
    // reported below
  }
  throw new ReproduceError("E_REPRODUCE_CELL_FILE", `${file}: not a toolforge spend ledger; restore it or delete it to forget what was spent`, { path: file });
}
