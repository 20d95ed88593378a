import { InMemoryStore } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { Toolset, ToolsetStore, ToolsetStoreError } from "../../src/functions/index.js";
import { addSpec, greetSpec } from "./fixtures.js";

describe("ToolsetStore over a LangGraph BaseStore", () => {
  it("saves versions with provenance, returns the latest, and does not duplicate an identical save", async () => {
    const base = new InMemoryStore();
    const store = new ToolsetStore(base);
    expect(await store.latest("math")).toBeUndefined();
    const v1 = Toolset.from([addSpec]);
    const v2 = v1.add(greetSpec);
    expect((await store.save("math", v1, { runId: "r1", step: 1, trainLoss: 0.5 })).version).toBe(1);
    expect((await store.save("math", v2.toJSON(), { runId: "r1", step: 3, trainLoss: 0.2 })).version).toBe(2);
    expect((await store.save("math", v2, { runId: "r1", step: 3 })).version).toBe(2);

    const latest = (await store.latest("math"))!;
    expect(latest.version).toBe(2);
    expect(latest.toolset.hash).toBe(v2.hash);
    expect(latest.provenance).toEqual({ runId: "r1", step: 3, trainLoss: 0.2 });
    expect((await store.get("math", 1))!.toolset.hash).toBe(v1.hash);
    expect((await store.versions("math")).map((v) => [v.version, v.provenance.step])).toEqual([[1, 1], [2, 3]]);
    // Namespaced: another app reading the same store sees the same data; other names are separate.
    expect((await new ToolsetStore(base).latest("math"))!.version).toBe(2);
    expect(await store.latest("other")).toBeUndefined();
    expect(await new ToolsetStore(base, { namespace: ["elsewhere"] }).latest("math")).toBeUndefined();
  });

  it("refuses bad names and validates what it reads back, with typed errors", async () => {
    const base = new InMemoryStore();
    const store = new ToolsetStore(base);
    await expect(store.save("a.b", Toolset.empty())).rejects.toBeInstanceOf(ToolsetStoreError);
    await base.put(["toolforge", "toolsets", "bad"], "v000001", { version: 1, toolset: { format: "toolforge.toolset", version: 1, functions: [{ name: "1x" }] } });
    await base.put(["toolforge", "toolsets", "bad"], "latest", { version: 1 });
    const error = await store.latest("bad").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolsetStoreError);
    expect((error as Error).message).toContain("toolforge/toolsets/bad/v000001");
  });

  it("stores each version under a zero-padded key with its hash and time, and a latest pointer", async () => {
    const base = new InMemoryStore();
    const store = new ToolsetStore(base, { namespace: ["apps", "calc"] });
    expect(store.prefix).toEqual(["apps", "calc"]);
    const toolset = Toolset.from([addSpec]);
    const before = Date.now();
    const saved = await store.save("math", toolset);
    expect(saved).toMatchObject({ name: "math", version: 1, hash: toolset.hash, provenance: {} });
    expect(saved.toolset).toBe(toolset);
    expect(Date.parse(saved.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(saved.createdAt).toBe(new Date(saved.createdAt).toISOString());
    const item = await base.get(["apps", "calc", "math"], "v000001");
    expect(item?.value).toEqual({ version: 1, toolset: toolset.toJSON(), hash: toolset.hash, provenance: {}, createdAt: saved.createdAt });
    expect((await base.get(["apps", "calc", "math"], "latest"))?.value).toEqual({ version: 1 });
    expect(new ToolsetStore(base).prefix).toEqual(["toolforge", "toolsets"]);
    const read = (await store.get("math", 1))!;
    expect(read).toMatchObject({ name: "math", version: 1, hash: toolset.hash, provenance: {}, createdAt: saved.createdAt });
    expect(await store.get("math", 2)).toBeUndefined();
  });

  it("lists every version oldest first, with hash, provenance and time, beyond a search page", async () => {
    const store = new ToolsetStore(new InMemoryStore());
    let toolset = Toolset.from([addSpec]);
    const hashes: string[] = [];
    for (let step = 1; step <= 12; step++) {
      toolset = toolset.revise({ ...addSpec, description: `Add, revision ${step}.` });
      hashes.push(toolset.hash);
      await store.save("math", toolset, { step });
    }
    const versions = await store.versions("math");
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(versions.map((v) => v.hash)).toEqual(hashes);
    expect(versions[11]).toMatchObject({ name: "math", provenance: { step: 12 } });
    expect(versions[11]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(versions[0]).not.toHaveProperty("toolset");
    expect(await store.versions("none")).toEqual([]);
  });

  it("sorts versions by number and fills in what a foreign writer left out", async () => {
    const base = new InMemoryStore();
    const file = Toolset.from([addSpec]).toJSON();
    await base.put(["toolforge", "toolsets", "x"], "v000002", { version: 2, toolset: file, hash: 5, provenance: "not an object", createdAt: 7 });
    await base.put(["toolforge", "toolsets", "x"], "v000001", { version: 1, toolset: file });
    await base.put(["toolforge", "toolsets", "x"], "latest", { version: 2 });
    const store = new ToolsetStore(base);
    expect((await store.versions("x")).map((v) => [v.version, v.hash, v.provenance, v.createdAt])).toEqual([
      [1, "", {}, ""],
      [2, "", {}, ""],
    ]);
    const latest = (await store.latest("x"))!;
    expect(latest).toMatchObject({ version: 2, provenance: {}, createdAt: "", hash: Toolset.fromJSON(file).hash });
    for (const provenance of [null, ["step"]]) {
      await base.put(["toolforge", "toolsets", "x"], "v000001", { version: 1, toolset: file, provenance });
      expect((await store.get("x", 1))!.provenance).toEqual({});
      expect((await store.versions("x"))[0]!.provenance).toEqual({});
    }
  });

  it("refuses a latest pointer without a usable version number, naming where it is", async () => {
    for (const version of [undefined, "1", 0, -1, 1.5]) {
      const base = new InMemoryStore();
      await base.put(["toolforge", "toolsets", "x"], "latest", { version });
      const error = await new ToolsetStore(base).latest("x").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ToolsetStoreError);
      expect(error).toMatchObject({ code: "E_TOOLSET_STORE", context: { name: "x", key: "latest" } });
      expect((error as Error).message).toBe("toolset store toolforge/toolsets/x/latest: the latest pointer has no version number");
      expect("cause" in (error as Error)).toBe(false);
    }
  });

  it("keeps the validation error of a corrupt version as the cause, and names the store key", async () => {
    const base = new InMemoryStore();
    await base.put(["toolforge", "toolsets", "bad"], "v000003", { version: 3, toolset: { format: "other" } });
    const error = (await new ToolsetStore(base).get("bad", 3).catch((e: unknown) => e)) as ToolsetStoreError;
    expect(error).toBeInstanceOf(ToolsetStoreError);
    expect(error.context).toEqual({ name: "bad", key: "v000003" });
    expect(error.message).toBe('toolset store toolforge/toolsets/bad/v000003: store toolforge/toolsets/bad/v000003: "format" must be "toolforge.toolset", got "other"');
    expect((error.cause as Error).message).toBe('store toolforge/toolsets/bad/v000003: "format" must be "toolforge.toolset", got "other"');
  });

  it("refuses empty, dotted and non-string names before touching the store, and names the toolset a bad save came with", async () => {
    const store = new ToolsetStore(new InMemoryStore());
    for (const name of ["", "a.b", 5 as unknown as string]) {
      const error = await store.latest(name).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ToolsetStoreError);
      expect(error).toMatchObject({ code: "E_TOOLSET_STORE", context: { name } });
      expect((error as Error).message).toBe(`toolset store: name must be a non-empty string without dots, got ${JSON.stringify(name)}`);
    }
    await expect(store.versions("")).rejects.toBeInstanceOf(ToolsetStoreError);
    await expect(store.get("a.b", 1)).rejects.toBeInstanceOf(ToolsetStoreError);
    await expect(store.save("math", { format: "toolforge.toolset", version: 9, functions: [] } as never)).rejects.toThrow(/^toolset for store name "math": unsupported toolset version 9/);
  });
});
