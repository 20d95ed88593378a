import { describe, expect, it } from "vitest";
import { DatasetError } from "../../src/datasets/index.js";
import { requireGold, scoreExactMatch, scoreGSM8K, scoreTabMWP } from "../../src/scoring/index.js";

describe("requireGold", () => {
  it("passes text and finite numbers through", () => {
    expect(requireGold("42", "s")).toBe("42");
    expect(requireGold(7 as unknown as string, "s")).toBe("7");
  });
  it("throws a DatasetError naming scorer and task", () => {
    expect(() => requireGold(null, "scoreGSM8K", "t-3")).toThrow(DatasetError);
    expect(() => requireGold(undefined, "scoreGSM8K", "t-3")).toThrow(/scoreGSM8K: the gold answer of task "t-3" is missing \(got undefined\)/);
    expect(() => requireGold({}, "scoreGSM8K")).toThrow(/got object/);
  });
  it("guards every built-in scorer", () => {
    const missing = null as unknown as string;
    expect(() => scoreGSM8K("1", missing)).toThrow(DatasetError);
    expect(() => scoreTabMWP("1", missing)).toThrow(DatasetError);
    expect(() => scoreExactMatch("1", missing)).toThrow(DatasetError);
  });
});
