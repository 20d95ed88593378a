import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ToolforgeError } from "../../src/errors.js";
import { FunctionSpecError, Toolset, ToolsetFileError, type FunctionSpec } from "../../src/functions/index.js";
import { addSpec, greetSpec } from "./fixtures.js";

const codeOf = (e: unknown) => (e as FunctionSpecError).code;
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
}

describe("Toolset", () => {
  it("is immutable: add/revise/remove return new toolsets and leave the original unchanged", () => {
    const empty = Toolset.empty();
    const one = empty.add(addSpec);
    const two = one.add(greetSpec);
    const revised = two.revise({ ...addSpec, description: "Sum a and b." });
    const removed = revised.remove("greet");
    expect([empty.size, one.size, two.size, revised.size, removed.size]).toEqual([0, 1, 2, 2, 1]);
    expect(two.get("add")?.description).toBe(addSpec.description);
    expect(revised.get("add")?.description).toBe("Sum a and b.");
    expect(revised.functions.map((f) => f.name)).toEqual(["add", "greet"]); // revised keeps its place
    expect(Object.isFrozen(two)).toBe(true);
    expect(Object.isFrozen(two.functions)).toBe(true);
    expect(() => (two.functions as FunctionSpec[]).push(two.functions[0]!)).toThrow(TypeError);
    expect(() => {
      (two.get("add")!.parameters.properties as Record<string, unknown>).c = {};
    }).toThrow(TypeError);
  });

  it("does not share state with the caller's spec object", () => {
    const input = structuredClone(addSpec) as FunctionSpec & { parameters: { properties: Record<string, unknown> } };
    const ts = Toolset.empty().add(input);
    input.parameters.properties.z = { type: "string" };
    expect(Object.keys(ts.get("add")!.parameters.properties)).toEqual(["a", "b"]);
  });

  it("rejects adding an existing name and revising or removing a missing one", () => {
    const ts = Toolset.empty().add(addSpec);
    const exists = thrown(() => ts.add({ ...addSpec, description: "other" })) as FunctionSpecError;
    expect(exists).toBeInstanceOf(FunctionSpecError);
    expect(exists.code).toBe("E_FUNCTION_EXISTS");
    expect(exists.function).toBe("add");
    const missing = thrown(() => ts.revise(greetSpec)) as FunctionSpecError;
    expect(missing.code).toBe("E_FUNCTION_MISSING");
    expect(missing.reason).toContain("existing: add");
    expect(codeOf(thrown(() => ts.remove("nope")))).toBe("E_FUNCTION_MISSING");
    expect(codeOf(thrown(() => ts.add({ ...greetSpec, code: "nonsense(" })))).toBe("E_SPEC_CODE_SYNTAX");
  });

  it("has a stable content hash: sha256 of canonical JSON, independent of order and metadata", () => {
    const ab = Toolset.from([addSpec, greetSpec]);
    const ba = Toolset.from([greetSpec, addSpec]);
    expect(ab.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(ab.hash).toBe(ba.hash);
    expect(ab.equals(ba)).toBe(true);
    expect(ab.withMetadata({ step: 3, trainLoss: 0.5 }).hash).toBe(ab.hash);
    expect(ab.revise({ ...addSpec, code: "const add = ({ a, b }) => a + b;" }).hash).not.toBe(ab.hash);
    // Key order inside the spec does not matter either.
    const reordered = Object.fromEntries(Object.entries(addSpec).reverse()) as unknown as FunctionSpec;
    expect(Toolset.from([reordered, greetSpec]).hash).toBe(ab.hash);
    // Independently computed canonical form of the empty toolset.
    const expectedEmpty = createHash("sha256").update('{"format":"toolforge.toolset","functions":[],"version":1}').digest("hex");
    expect(Toolset.empty().hash).toBe(expectedEmpty);
  });

  it("round-trips through toJSON / fromJSON including metadata", () => {
    const ts = Toolset.from([addSpec, greetSpec]).withMetadata({ createdAt: "2026-11-21T00:00:00Z", step: 2, trainLoss: 0.25 });
    const json = JSON.parse(JSON.stringify(ts.toJSON()));
    expect(json.format).toBe("toolforge.toolset");
    expect(json.version).toBe(2);
    const back = Toolset.fromJSON(json);
    expect(back.hash).toBe(ts.hash);
    expect(back.metadata).toEqual({ createdAt: "2026-11-21T00:00:00Z", step: 2, trainLoss: 0.25 });
    expect(back.functions.map((f) => f.name)).toEqual(["add", "greet"]);
    expect(JSON.stringify(ts)).toBe(JSON.stringify(ts.toJSON()));
  });

  it("drops metadata when functions change (it described the old snapshot)", () => {
    const ts = Toolset.from([addSpec]).withMetadata({ step: 1 });
    expect(ts.add(greetSpec).metadata).toBeUndefined();
    expect(ts.remove("add").metadata).toBeUndefined();
  });

  it("rejects metadata that is not plain JSON", () => {
    const e = thrown(() => Toolset.empty().withMetadata({ trainLoss: Infinity })) as ToolforgeError;
    expect(e).toBeInstanceOf(ToolforgeError);
    expect(e.code).toBe("E_TOOLSET_METADATA");
    expect(e.message).toContain("metadata.trainLoss");
    expect(() => Toolset.empty().withMetadata({ when: new Date() })).toThrow(/metadata.when is a Date/);
  });

  it("validates JSON input: duplicates, wrong format, unknown version", () => {
    const file = Toolset.from([addSpec]).toJSON();
    const dup = thrown(() => Toolset.fromJSON({ ...file, functions: [addSpec, addSpec] }, { source: "dup.json" })) as FunctionSpecError;
    expect(dup.code).toBe("E_FUNCTION_DUPLICATE");
    expect(dup.message).toContain("dup.json");
    expect(dup.context.index).toBe(1);
    const version = thrown(() => Toolset.fromJSON({ ...file, version: 3 }, { source: "v3.json" })) as ToolsetFileError;
    expect(version).toBeInstanceOf(ToolsetFileError);
    expect(version.code).toBe("E_TOOLSET_VERSION");
    expect(version.message).toBe("v3.json: unsupported toolset version 3; this toolforge reads versions 1 and 2");
    expect(codeOf(thrown(() => Toolset.fromJSON({ ...file, format: "other" })))).toBe("E_TOOLSET_FORMAT");
    expect(codeOf(thrown(() => Toolset.fromJSON([file])))).toBe("E_TOOLSET_FORMAT");
    expect(codeOf(thrown(() => Toolset.fromJSON({ ...file, functions: {} })))).toBe("E_TOOLSET_FORMAT");
    expect(codeOf(thrown(() => Toolset.fromJSON({ ...file, metadata: [1] })))).toBe("E_TOOLSET_FORMAT");
    const bad = thrown(() => Toolset.fromJSON({ ...file, functions: [{ ...addSpec, packages: ["fs"] }] }, { source: "bad.json" })) as FunctionSpecError;
    expect(bad.message).toMatch(/^bad\.json: function "add", field "packages": "fs" is not allowed/);
  });

  it("describes its functions' five elements for the optimizer", () => {
    const text = Toolset.from([addSpec]).withMetadata({ step: 1 }).describe();
    expect(text).toContain("name: add");
    expect(text).toContain(`description: ${addSpec.description}`);
    expect(text).toContain(JSON.stringify(addSpec.parameters));
    expect(text).toContain("packages: (none)");
    expect(text).toContain("return a + b;");
    expect(Toolset.empty().describe()).toBe("(no functions)");
  });
});

describe("Toolset metadata", () => {
  it("is a frozen copy: the caller changing its object afterwards changes nothing", () => {
    const meta = { step: 1, trainLoss: 0.4, notes: { tags: ["a"] } };
    const t = Toolset.empty().add(addSpec).withMetadata(meta);
    meta.step = 99;
    meta.notes.tags.push("b");
    expect(t.metadata).toEqual({ step: 1, trainLoss: 0.4, notes: { tags: ["a"] } });
    expect(Object.isFrozen(t.metadata) && Object.isFrozen((t.metadata as any).notes.tags)).toBe(true);
    expect(() => {
      (t.metadata as any).step = 2;
    }).toThrow(TypeError);
    expect(t.toJSON().metadata).toEqual({ step: 1, trainLoss: 0.4, notes: { tags: ["a"] } });
  });

  it("fromJSON refuses metadata that is not JSON (NaN, a Date), naming the field", () => {
    const file = (metadata: unknown) => ({ ...Toolset.empty().add(addSpec).toJSON(), metadata }) as never;
    const nan = thrown(() => Toolset.fromJSON(file({ trainLoss: Number.NaN })));
    expect(nan).toBeInstanceOf(ToolforgeError);
    expect((nan as Error).message).toContain("metadata.trainLoss is NaN; only finite numbers are JSON");
    const date = thrown(() => Toolset.fromJSON(file({ createdAt: new Date(0) })));
    expect((date as Error).message).toContain("metadata.createdAt is a Date; only JSON values are allowed");
    const fromFile = thrown(() => Toolset.fromJSON(file({ trainLoss: Number.POSITIVE_INFINITY }), { source: "x.json" }));
    expect(fromFile).toBeInstanceOf(ToolsetFileError);
  });

  it("refuses cyclic metadata with a typed error naming where the cycle closes, but accepts shared parts", () => {
    const notes: Record<string, unknown> = { tag: "x" };
    notes.self = notes;
    const e = thrown(() => Toolset.empty().withMetadata({ step: 1, notes })) as ToolforgeError;
    expect(e).toBeInstanceOf(ToolforgeError);
    expect(e.code).toBe("E_TOOLSET_METADATA");
    expect(e.message).toContain("metadata.notes.self refers back to an object containing it (a cycle)");
    const list: unknown[] = [1];
    list.push({ back: list });
    expect(() => Toolset.empty().withMetadata({ list })).toThrow(/metadata\.list\[1\]\.back refers back/);
    const shared = { ok: true };
    const t = Toolset.empty().withMetadata({ a: shared, b: [shared, shared] });
    expect(t.toJSON().metadata).toEqual({ a: { ok: true }, b: [{ ok: true }, { ok: true }] });
  });

  it("accepts prototype-less objects and drops undefined values, as JSON does", () => {
    const bare = Object.assign(Object.create(null), { step: 2, inner: Object.assign(Object.create(null), { ok: true }) });
    const t = Toolset.empty().add(addSpec).withMetadata({ ...bare, skipped: undefined, bare });
    expect(JSON.parse(JSON.stringify(t.toJSON().metadata))).toEqual({ step: 2, inner: { ok: true }, bare: { step: 2, inner: { ok: true } } });
    const round = Toolset.fromJSON(JSON.parse(JSON.stringify(t.toJSON())));
    expect(round.metadata).toEqual({ step: 2, inner: { ok: true }, bare: { step: 2, inner: { ok: true } } });
    expect("skipped" in (round.metadata as object)).toBe(false);
  });
});
