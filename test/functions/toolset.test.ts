import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ToolforgeError } from "../../src/errors.js";
import { FunctionSpecError, Toolset, ToolsetFileError, type FunctionSpec } from "../../src/functions/index.js";
import { addSpec, explodeSpec, greetSpec } from "./fixtures.js";

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

describe("Toolset details a caller relies on", () => {
  it("from([]) is empty, and fromJSON hands back a Toolset it is given", () => {
    expect(Toolset.from([]).hash).toBe(Toolset.empty().hash);
    const ts = Toolset.from([addSpec]);
    expect(Toolset.fromJSON(ts)).toBe(ts);
  });

  it("passes reading options on: allowed packages and the code size limit", async () => {
    const calc = { ...greetSpec, packages: ["mathjs"] };
    const file = Toolset.from([calc]).toJSON();
    expect(codeOf(thrown(() => Toolset.fromJSON(file, { allowedPackages: [] })))).toBe("E_SPEC_PACKAGE");
    expect(codeOf(thrown(() => Toolset.fromJSON(file, { maxCodeChars: 10 })))).toBe("E_SPEC_CODE_TOO_LARGE");
    expect(codeOf(thrown(() => Toolset.empty().add(calc, { allowedPackages: ["nerdamer"] })))).toBe("E_SPEC_PACKAGE");
    const one = Toolset.from([greetSpec]);
    expect(codeOf(thrown(() => one.revise(greetSpec, { maxCodeChars: 5 })))).toBe("E_SPEC_CODE_TOO_LARGE");
    const dir = await mkdtemp(join(tmpdir(), "toolforge-toolset-opts-"));
    try {
      const path = join(dir, "t.json");
      await Toolset.from([calc]).save(path);
      const e = (await Toolset.load(path, { maxCodeChars: 10 }).catch((x: unknown) => x)) as FunctionSpecError;
      expect(e.code).toBe("E_SPEC_CODE_TOO_LARGE");
      expect(e.file).toBe(path);
      expect((await Toolset.load(path, { allowedPackages: ["mathjs"] })).size).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("explains a missing or taken name, also in an empty toolset", () => {
    const ts = Toolset.from([addSpec, greetSpec]);
    expect((thrown(() => ts.add(addSpec)) as FunctionSpecError).reason).toBe('a function named "add" already exists; use revise to change it');
    expect((thrown(() => ts.remove("mul")) as FunctionSpecError).reason).toBe('cannot remove: no function named "mul" (existing: add, greet)');
    const missing = thrown(() => Toolset.empty().revise(addSpec)) as FunctionSpecError;
    expect(missing).toMatchObject({ code: "E_FUNCTION_MISSING", function: "add", field: "name", reason: 'cannot revise: no function named "add" (existing: none)' });
  });

  it("forRole gives the functions without roles and those naming the role, in order", () => {
    const ts = Toolset.from([{ ...addSpec, roles: ["a", "b"] }, greetSpec, { ...explodeSpec, roles: ["b"] }]);
    expect(ts.forRole("b").map((f) => f.name)).toEqual(["add", "greet", "explode"]);
    expect(ts.forRole("a").map((f) => f.name)).toEqual(["add", "greet"]);
    expect(ts.forRole("c").map((f) => f.name)).toEqual(["greet"]);
  });

  it("toJSON has no metadata key without metadata, and is a copy the caller may change", () => {
    const ts = Toolset.from([addSpec]);
    const json = ts.toJSON();
    expect(json).not.toHaveProperty("metadata");
    (json.functions[0] as { description: string }).description = "changed";
    expect(ts.get("add")!.description).toBe(addSpec.description);
    const tagged = ts.withMetadata({ notes: { a: 1 } });
    (tagged.toJSON().metadata!.notes as { a: number }).a = 2;
    expect(tagged.metadata).toEqual({ notes: { a: 1 } });
    expect(tagged.withMetadata(undefined).metadata).toBeUndefined();
    expect(tagged.withMetadata(undefined).hash).toBe(ts.hash);
  });

  it("names the path and the reason when a save fails", async () => {
    const dir = await mkdtemp(join(tmpdir(), "toolforge-toolset-save-"));
    try {
      await writeFile(join(dir, "file"), "x");
      const path = join(dir, "file", "t.json");
      const e = (await Toolset.empty().save(path).catch((x: unknown) => x)) as ToolsetFileError;
      expect(e).toBeInstanceOf(ToolsetFileError);
      expect(e.message).toMatch(new RegExp(`^${path.replaceAll("/", "\\/")}: cannot write toolset file: (ENOTDIR|EEXIST)`));
      expect((e.cause as NodeJS.ErrnoException).code).toMatch(/^(ENOTDIR|EEXIST)$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("metadata must be JSON", () => {
  const problem = (metadata: Record<string, unknown>): string => (thrown(() => Toolset.empty().withMetadata(metadata)) as Error).message;

  it("accepts strings, booleans, null, finite numbers, arrays and plain objects, nested", () => {
    const metadata = { s: "x", t: true, f: false, n: null, z: 0, neg: -1.5, list: [1, "a", [null], { deep: { ok: true } }], empty: {} };
    expect(Toolset.empty().withMetadata(metadata).metadata).toEqual(metadata);
  });

  it("names the first value that is not JSON and what it is", () => {
    class Point {}
    const orphan = Object.create(Object.create(null, { constructor: { value: undefined } }));
    expect(problem({ list: [1, undefined] })).toBe("metadata.list[1] is undefined; only JSON values are allowed");
    expect(problem({ f: () => 1 })).toBe("metadata.f is a function; only JSON values are allowed");
    expect(problem({ big: 1n })).toBe("metadata.big is a bigint; only JSON values are allowed");
    expect(problem({ sym: Symbol("s") })).toBe("metadata.sym is a symbol; only JSON values are allowed");
    expect(problem({ m: new Map() })).toBe("metadata.m is a Map; only JSON values are allowed");
    expect(problem({ p: new Point() })).toBe("metadata.p is a Point; only JSON values are allowed");
    expect(problem({ o: orphan })).toBe("metadata.o is a non-plain object; only JSON values are allowed");
    expect(problem({ a: [1, [2, -Infinity]] })).toBe("metadata.a[1][1] is -Infinity; only finite numbers are JSON");
    expect(problem({ a: { ok: 1, bad: NaN }, later: new Date() })).toBe("metadata.a.bad is NaN; only finite numbers are JSON");
  });

  it("refuses metadata read from a file as a file error naming the file", () => {
    const file = { ...Toolset.from([addSpec]).toJSON(), metadata: { a: [Infinity] } };
    const e = thrown(() => Toolset.fromJSON(file, { source: "m.json" })) as ToolsetFileError;
    expect(e).toBeInstanceOf(ToolsetFileError);
    expect(e.code).toBe("E_TOOLSET_FORMAT");
    expect(e.message).toBe("m.json: metadata.a[0] is Infinity; only finite numbers are JSON");
    expect((thrown(() => Toolset.fromJSON(file)) as ToolforgeError).code).toBe("E_TOOLSET_METADATA");
  });
});

