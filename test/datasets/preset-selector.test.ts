import { describe, expect, it } from "vitest";
import { DatasetError, loadDataset, MATH_TYPES, parsePresetSelector } from "../../src/datasets/index.js";

describe("preset selectors", () => {
  it("parses <preset>@<selector> and leaves other sources alone", () => {
    expect(parsePresetSelector("math:train20@intermediate-algebra")).toEqual({ preset: "math:train20", selector: "intermediate-algebra" });
    expect(parsePresetSelector("math:train20")).toBeUndefined();
    expect(parsePresetSelector("./data@x.jsonl")).toBeUndefined();
  });

  it("a MATH type keeps exactly that type's rows, then --limit applies", async () => {
    for (const [slug, type] of Object.entries(MATH_TYPES)) {
      const d = await loadDataset(`math:train20@${slug}`);
      expect(d.tasks).toHaveLength(20);
      expect(d.tasks.every((t) => t.meta?.type === type)).toBe(true);
      expect(d.name).toBe(`math:train20@${slug}`);
    }
    expect((await loadDataset("math:test80@geometry", { limit: 3 })).tasks).toHaveLength(3);
  });

  it("@sample<n> is a stable seeded sample", async () => {
    const a = await loadDataset("tabmwp:train@sample30");
    const b = await loadDataset("tabmwp:train@sample30");
    expect(a.tasks).toHaveLength(30);
    expect(a.tasks.map((t) => t.id)).toEqual(b.tasks.map((t) => t.id));
    expect(a.tasks.map((t) => t.id)).not.toEqual((await loadDataset("tabmwp:train", { limit: 30 })).tasks.map((t) => t.id));
  });

  it("unknown selectors, types on non-MATH presets and oversized samples are DatasetErrors", async () => {
    await expect(loadDataset("math:test@calculus")).rejects.toThrow(/unknown selector "@calculus"/);
    await expect(loadDataset("gsm8k:test@algebra")).rejects.toThrow(DatasetError);
    await expect(loadDataset("tabmwp:test@sample101")).rejects.toThrow(/cannot sample 101 of 100/);
  });
});
