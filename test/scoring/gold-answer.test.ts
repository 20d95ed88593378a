import { describe, expect, it } from "vitest";
import { DatasetError } from "../../src/datasets/index.js";
import { thrown } from "../helpers/thrown.js";
import { requireGold, scoreExactMatch, scoreGSM8K, scoreMath, scoreTabMWP } from "../../src/scoring/index.js";

describe("requireGold", () => {
  it("passes text and finite numbers through", () => {
    expect(requireGold("42", "s")).toBe("42");
    expect(requireGold("", "s")).toBe("");
    expect(requireGold(7 as unknown as string, "s")).toBe("7");
    expect(requireGold(-0.5 as unknown as string, "s")).toBe("-0.5");
  });
  it("throws a DatasetError naming scorer and task", () => {
    expect(() => requireGold(null, "scoreGSM8K", "t-3")).toThrow(DatasetError);
    expect(() => requireGold(undefined, "scoreGSM8K", "t-3")).toThrow(/scoreGSM8K: the gold answer of task "t-3" is missing \(got undefined\)/);
    expect(() => requireGold({}, "scoreGSM8K")).toThrow(/got object/);
  });
  it("says what it got, and names no task when none is known", () => {
    const error = thrown(() => requireGold(null, "scoreMath"));
    expect(error).toBeInstanceOf(DatasetError);
    expect(error).toMatchObject({ code: "E_DATASET_GOLD", message: "scoreMath: the gold answer is missing (got null)" });
    // No `taskId` key at all (not one holding undefined): the context is printed as it is.
    expect((error as DatasetError).context).toStrictEqual({ scorer: "scoreMath", got: "null" });
    expect((thrown(() => requireGold(undefined, "s", "t-3")) as DatasetError).context).toStrictEqual({ scorer: "s", taskId: "t-3", got: "undefined" });
  });
  it("refuses numbers that are no answer", () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => requireGold(value, "s")).toThrow("s: the gold answer is missing (got number)");
    }
  });
  it("guards every built-in scorer, naming it", () => {
    const missing = null as unknown as string;
    expect(() => scoreGSM8K("1", missing)).toThrow(/^scoreGSM8K: /);
    expect(() => scoreTabMWP("1", missing)).toThrow(/^scoreTabMWP: /);
    expect(() => scoreExactMatch("1", missing)).toThrow(/^scoreExactMatch: /);
    expect(() => scoreMath("1", missing)).toThrow(/^scoreMath: /);
    expect(() => scoreMath("1", missing)).toThrow(DatasetError);
  });
});
