import { describe, it, expect } from "vitest";
import { loadDataset, sampleTasks, splitTasks } from "../../src/datasets/index.js";

describe("sampleTasks / splitTasks", () => {
  it("is deterministic per seed, keeps input order, and varies with the seed", async () => {
    const { tasks } = await loadDataset("gsm8k:train");
    const a = sampleTasks(tasks, 10, 42);
    expect(a).toHaveLength(10);
    expect(sampleTasks(tasks, 10, 42)).toEqual(a);
    const positions = a.map((t) => tasks.indexOf(t));
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    expect(sampleTasks(tasks, 10, 43).map((t) => t.id)).not.toEqual(a.map((t) => t.id));
  });

  it("does not depend on the order of the input", async () => {
    const { tasks } = await loadDataset("tabmwp:test");
    const ids = (list: typeof tasks) => sampleTasks(list, 15, 7).map((t) => t.id).sort();
    expect(ids([...tasks].reverse())).toEqual(ids(tasks));
  });

  it("returns everything when n is at least the length", async () => {
    const { tasks } = await loadDataset("gsm8k:test", { limit: 4 });
    expect(sampleTasks(tasks, 10, 1)).toEqual(tasks);
    expect(sampleTasks(tasks, 0, 1)).toEqual([]);
  });

  it("splits into disjoint parts by count or fraction", async () => {
    const { tasks } = await loadDataset("tabmwp:train");
    const { first, second } = splitTasks(tasks, 0.3, 5);
    expect(first).toHaveLength(30);
    expect(second).toHaveLength(70);
    const firstIds = new Set(first.map((t) => t.id));
    expect(second.some((t) => firstIds.has(t.id))).toBe(false);
    expect(splitTasks(tasks, 30, 5).first).toEqual(first);
  });
});
