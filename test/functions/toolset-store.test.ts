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
});
