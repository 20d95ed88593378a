import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DatasetError, loadDataset, loadGaia } from "../../src/datasets/index.js";
import { writeGaiaFixture } from "../capabilities/fixture-gaia.js";

const dirs: string[] = [];
async function fresh(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "tf-gaia-"));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe("loadGaia", () => {
  it("reads GAIA's layout: questions, answers, levels, and attachments as the task's files", async () => {
    const dir = await fresh();
    await writeGaiaFixture(dir);
    const data = await loadGaia(dir);
    expect(data.tasks.map((t) => t.id)).toEqual(["g-pdf", "g-csv", "g-web", "g-search", "g-list"]);
    const pdf = data.tasks[0]!;
    expect(pdf.attachments).toEqual({ dir, names: ["report.pdf"] });
    expect(pdf.question).toMatch(/Attached file: report\.pdf$/);
    expect(data.tasks[2]!.attachments).toBeUndefined();
    expect(data.scorer("FINAL ANSWER: 4,210", pdf)).toEqual({ score: 1 });
    expect((await loadGaia(dir, { levels: [2] })).tasks.map((t) => t.id)).toEqual(["g-web", "g-search"]);
  });

  it("splits seeded and disjoint (the paper's 10 train / 100 test)", async () => {
    const dir = await fresh();
    const extra = Array.from({ length: 120 }, (_, i) => ({ task_id: `x${i}`, Question: `q${i}`, Level: 1 + (i % 3), "Final answer": String(i), file_name: "" }));
    await writeGaiaFixture(dir, extra);
    const train = await loadGaia(dir, { split: "train", seed: 3 });
    const test = await loadGaia(dir, { split: "test", seed: 3 });
    expect(train.tasks).toHaveLength(10);
    expect(test.tasks).toHaveLength(100);
    const trainIds = new Set(train.tasks.map((t) => t.id));
    expect(test.tasks.some((t) => trainIds.has(t.id))).toBe(false);
    expect((await loadGaia(dir, { split: "train", seed: 3 })).tasks.map((t) => t.id)).toEqual([...trainIds]);
    expect((await loadGaia(dir, { split: "train", seed: 4 })).tasks.map((t) => t.id)).not.toEqual([...trainIds]);
    const viaPreset = await loadDataset(`gaia:${dir}@train`, { gaia: { seed: 3 } });
    expect(viaPreset.tasks.map((t) => t.id)).toEqual([...trainIds]);
  });

  it("names the folder, file and line for bad input", async () => {
    const empty = await fresh();
    await expect(loadGaia(empty)).rejects.toThrow(/no metadata\.jsonl in this GAIA folder/);
    await expect(loadGaia(join(empty, "nope"))).rejects.toThrow(DatasetError);
    const dir = await fresh();
    await writeGaiaFixture(dir, [{ task_id: "m", Question: "q", Level: 1, "Final answer": "1", file_name: "missing.xlsx" }]);
    await expect(loadGaia(dir)).rejects.toThrow(/metadata\.jsonl:6: attachment "missing\.xlsx" is missing/);
    await writeFile(join(dir, "metadata.jsonl"), `${JSON.stringify({ task_id: "a", Question: "q", Level: 1 })}\n`);
    await expect(loadGaia(dir)).rejects.toThrow(/metadata\.jsonl:1: field "Final answer" is missing/);
    await writeFile(join(dir, "metadata.jsonl"), `${JSON.stringify({ task_id: "a", Question: "q", Level: 1, "Final answer": "1", file_name: "../etc/passwd" })}\n`);
    await expect(loadGaia(dir)).rejects.toThrow(/must be a plain file name/);
    await expect(loadGaia(dir, { levels: [4] })).rejects.toThrow(/levels must be/);
  });
});
