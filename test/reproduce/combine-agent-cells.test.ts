import { describe, expect, it } from "vitest";
import { combineAgentCells } from "../../src/reproduce/combine-agent-cells.js";
import { renderReproductionTables } from "../../src/reproduce/reproduction-table.js";
import type { ReproductionReport } from "../../src/reproduce/reproduction-report.js";
import type { CellResult } from "../../src/reproduce/types.js";

const cell = (cellId: string, column: string, functionMetrics: CellResult["functionMetrics"], costUsd?: number): CellResult => ({
  experiment: "table6",
  cellId,
  row: "Agent training",
  column,
  before: { test: { t1: 0 } },
  after: { test: { t1: 1 } },
  functionMetrics,
  usage: { inputTokens: 10, outputTokens: 2, ...(costUsd !== undefined && { costUsd }) },
});

describe("combineAgentCells: Table 6's two agent runs of a dataset become one position", () => {
  const cells = [
    cell("math.tool-calling", "MATH", { callsSecondStep: 10, callsLastStep: 20, meanComplexity: 2 }, 0.5),
    cell("math.react", "MATH", { callsSecondStep: 4, callsLastStep: 8 }, 0.25),
    cell("tabmwp.tool-calling", "TabMWP", { meanComplexity: 3 }),
  ];

  it("averages each metric over the runs that measured it, keeps every run's scores and sums the spend", () => {
    const [math, tabmwp] = combineAgentCells(cells);
    expect(math).toEqual({
      experiment: "table6",
      cellId: "math.tool-calling+math.react",
      row: "Agent training",
      column: "MATH",
      before: { test: { "math.tool-calling/t1": 0, "math.react/t1": 0 } },
      after: { test: { "math.tool-calling/t1": 1, "math.react/t1": 1 } },
      functionMetrics: { callsSecondStep: 7, callsLastStep: 14, meanComplexity: 2 },
      usage: { inputTokens: 20, outputTokens: 4, costUsd: 0.75 },
    });
    expect(tabmwp).toBe(cells[2]);
  });

  it("the combined cells render without warnings; the raw ones would leave the second agent out", () => {
    const combined = renderReproductionTables("table6", combineAgentCells(cells)).json as ReproductionReport;
    expect(combined.warnings).toEqual([]);
    const lastEpoch = combined.rows.find((r) => r.label === "Last Epoch")!.entries[0]!;
    expect(lastEpoch).toMatchObject({ status: "measured", value: 14, cellId: "math.tool-calling+math.react" });
    expect(lastEpoch.paper).toBeTypeOf("number");
    expect((renderReproductionTables("table6", cells).json as ReproductionReport).warnings).toEqual([expect.stringMatching(/math\.react.*repeats cell "math\.tool-calling"/)]);
  });

  it("leaves other experiments' cells alone, even on one position", () => {
    const table1 = [{ ...cells[0]!, experiment: "table1" as const }, { ...cells[1]!, experiment: "table1" as const }];
    expect(combineAgentCells(table1)).toEqual(table1);
  });
});
