import type { CellResult, TaskScores } from "./types.js";

type FunctionMetrics = NonNullable<CellResult["functionMetrics"]>;

/** Experiments whose table position holds both agents' runs of a dataset, combined. */
const COMBINED = new Set<CellResult["experiment"]>(["table6"]);

function meanMetrics(cells: readonly CellResult[]): FunctionMetrics {
  const metrics: FunctionMetrics = {};
  for (const field of ["callsSecondStep", "callsLastStep", "meanComplexity"] as const) {
    const values = cells.map((c) => c.functionMetrics?.[field]).filter((v) => typeof v === "number");
    if (values.length > 0) metrics[field] = values.reduce((a, b) => a + b, 0) / values.length;
  }
  return metrics;
}

/** Both runs' scores of each split, a task keyed `<cellId>/<task>` (the same task scored by two agents stays two). */
function unionScores(cells: readonly CellResult[], phase: "before" | "after"): CellResult["before"] {
  const out: CellResult["before"] = {};
  for (const cell of cells) {
    for (const [split, scores] of Object.entries(cell[phase] ?? {}) as [keyof CellResult["before"], TaskScores | undefined][]) {
      for (const [task, score] of Object.entries(scores ?? {})) (out[split] ??= {})[`${cell.cellId}/${task}`] = score;
    }
  }
  return out;
}

function combine(cells: readonly CellResult[]): CellResult {
  if (cells.length === 1) return cells[0]!;
  const costs = cells.map((c) => c.usage?.costUsd);
  return {
    experiment: cells[0]!.experiment,
    cellId: cells.map((c) => c.cellId).join("+"),
    row: cells[0]!.row,
    column: cells[0]!.column,
    before: unionScores(cells, "before"),
    after: unionScores(cells, "after"),
    functionMetrics: meanMetrics(cells),
    usage: {
      inputTokens: cells.reduce((a, c) => a + (c.usage?.inputTokens ?? 0), 0),
      outputTokens: cells.reduce((a, c) => a + (c.usage?.outputTokens ?? 0), 0),
      ...(costs.every((c) => typeof c === "number") && { costUsd: costs.reduce((a, b) => a + b, 0) }),
    },
  };
}

/**
 * Table 6 prints one figure per dataset, averaged over the GPT-4+ and the
 * ReAct agent (§3.4), while `toolforge reproduce table6` trains each agent
 * in its own resumable cell. This merges the finished cells of a Table 6
 * position into one: each function metric is the mean over the cells that
 * measured it, scores are kept per cell (`<cellId>/<task>`), usage is
 * summed, and the id names both cells (`"math.tool-calling+math.react"`).
 * Cells of other experiments are returned unchanged.
 *
 * @example
 * import { combineAgentCells, renderReproductionTables } from "toolforge";
 * const { markdown } = renderReproductionTables("table6", combineAgentCells(cells));
 */
export function combineAgentCells(cells: readonly CellResult[]): CellResult[] {
  const groups = new Map<string, CellResult[]>();
  const out: (CellResult | CellResult[])[] = [];
  for (const cell of cells) {
    if (!COMBINED.has(cell.experiment)) {
      out.push(cell);
      continue;
    }
    const key = JSON.stringify([cell.experiment, cell.row, cell.column]);
    const group = groups.get(key);
    if (group) group.push(cell);
    else {
      const fresh = [cell];
      groups.set(key, fresh);
      out.push(fresh);
    }
  }
  return out.map((c) => (Array.isArray(c) ? combine(c) : c));
}
