import { describe, expect, it } from "vitest";
import { countTokens, formatScore, renderStatisticTable, summariseStatisticTable } from "../../src/optimizer/index.js";

type Row = { taskId: string; score: number; error?: { kind: string; message: string } };
const rec = (taskId: string, score: number, errorKind?: string): Row => ({ taskId, score, ...(errorKind ? { error: { kind: errorKind, message: "boom" } } : {}) });

describe("formatScore", () => {
  it("writes binary scores as 1 / 0 and graded ones with two decimals", () => {
    expect(formatScore(1)).toBe("1");
    expect(formatScore(0)).toBe("0");
    expect(formatScore(0.5)).toBe("0.50");
    expect(formatScore(0.333)).toBe("0.33");
    expect(formatScore(2)).toBe("2.00");
  });

  it("writes a score that is not a finite number as 0", () => {
    expect(formatScore(Number.NaN)).toBe("0");
    expect(formatScore(Number.POSITIVE_INFINITY)).toBe("0");
  });
});

describe("renderStatisticTable", () => {
  it("lists every task in record order with its score, run error and earlier score when it changed", () => {
    const table = renderStatisticTable([rec("t1", 1), rec("t2", 0, "timeout"), rec("t3", 0.5), rec("t4", 0)], { t1: 0, t2: 0, t3: 1 });
    expect(table).toBe(["task | score", "t1 | 1 | was 0", "t2 | 0 | timeout", "t3 | 0.50 | was 1", "t4 | 0"].join("\n"));
  });

  it("has only the header for no records", () => {
    expect(renderStatisticTable([])).toBe("task | score");
  });
});

describe("summariseStatisticTable", () => {
  it("counts outcomes, run errors and changes, and lists every row when they all fit", () => {
    const records = [rec("s1", 1), rec("f1", 0, "timeout"), rec("p1", 0.5), rec("s2", 1), rec("f2", 0, "timeout"), rec("f3", 0, "tool_error")];
    const { text, rowsListed } = summariseStatisticTable(records, { maxTokens: 10_000, previous: { s1: 0, f1: 1, p1: 0.5, s2: 1 } });
    expect(rowsListed).toBe(6);
    expect(text).toBe(
      [
        "Outcomes of the 6 tasks: 2 solved (1), 3 failed (0), 1 partial.",
        "Run errors: timeout 2, tool_error 1.",
        "Changed since the previous best set: 2 (1 better, 1 worse).",
        "Rows, failed tasks first, then changed tasks:",
        "task | score",
        "f1 | 0 | timeout | was 1",
        "p1 | 0.50",
        "f2 | 0 | timeout",
        "f3 | 0 | tool_error",
        "s1 | 1 | was 0",
        "s2 | 1",
      ].join("\n"),
    );
  });

  it("leaves out the error and change lines when there are none", () => {
    const { text } = summariseStatisticTable([rec("a", 1), rec("b", 0)], { maxTokens: 10_000 });
    expect(text).toBe(["Outcomes of the 2 tasks: 1 solved (1), 1 failed (0), 0 partial.", "Rows, failed tasks first, then changed tasks:", "task | score", "b | 0", "a | 1"].join("\n"));
  });

  it("stops at the budget, failed then newly solved rows first, and says how many of each were left out", () => {
    const failed = Array.from({ length: 40 }, (_, i) => rec(`fail${i}`, 0));
    const newlySolved = Array.from({ length: 20 }, (_, i) => rec(`new${i}`, 1));
    const solved = Array.from({ length: 40 }, (_, i) => rec(`old${i}`, 1));
    const previous = Object.fromEntries(newlySolved.map((r) => [r.taskId, 0]));
    const records = [...solved, ...newlySolved, ...failed];
    const full = summariseStatisticTable(records, { maxTokens: 100_000, previous });
    expect(full.rowsListed).toBe(100);
    expect(full.text).not.toContain("not listed");

    for (const maxTokens of [150, 250, 400]) {
      const { text, rowsListed } = summariseStatisticTable(records, { maxTokens, previous });
      expect(countTokens(text)).toBeLessThanOrEqual(maxTokens);
      expect(rowsListed).toBeGreaterThan(0);
      expect(rowsListed).toBeLessThan(100);
      const lines = text.split("\n");
      const rows = lines.slice(lines.indexOf("task | score") + 1, -1);
      expect(rows).toHaveLength(rowsListed);
      const expectedOrder = [...failed.map((r) => `${r.taskId} | 0`), ...newlySolved.map((r) => `${r.taskId} | 1 | was 0`), ...solved.map((r) => `${r.taskId} | 1`)];
      expect(rows).toEqual(expectedOrder.slice(0, rowsListed));
      const leftFailed = Math.max(0, 40 - rowsListed);
      const leftNew = 20 - Math.min(Math.max(0, rowsListed - 40), 20);
      const left = 100 - rowsListed;
      expect(lines.at(-1)).toBe(`(${left} more task(s) not listed: ${leftFailed} failed, ${leftNew} newly solved, ${left - leftFailed - leftNew} solved as before.)`);
    }
    // A budget that leaves room for more rows lists more of them.
    expect(summariseStatisticTable(records, { maxTokens: 400, previous }).rowsListed).toBeGreaterThan(summariseStatisticTable(records, { maxTokens: 250, previous }).rowsListed);
  });

  it("keeps room for the closing line and lists no row when the counts alone fill the budget", () => {
    const records = [rec("a", 0), rec("b", 0)];
    const head = "Outcomes of the 2 tasks: 0 solved (1), 2 failed (0), 0 partial.\nRows, failed tasks first, then changed tasks:\ntask | score";
    const headTokens = countTokens(head);
    const rowCost = countTokens("a | 0") + 1;
    // Exactly enough for one row after the 30 tokens kept for the closing line.
    const one = summariseStatisticTable(records, { maxTokens: headTokens + 30 + rowCost });
    expect(one.rowsListed).toBe(1);
    expect(one.text).toBe(`${head}\na | 0\n(1 more task(s) not listed: 1 failed, 0 newly solved, 0 solved as before.)`);
    const none = summariseStatisticTable(records, { maxTokens: headTokens + 30 + rowCost - 1 });
    expect(none.rowsListed).toBe(0);
    expect(none.text).toBe(`${head}\n(2 more task(s) not listed: 2 failed, 0 newly solved, 0 solved as before.)`);
  });
});
