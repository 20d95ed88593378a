import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FunctionSpecError, Toolset, ToolsetFileError } from "../../src/functions/index.js";
import { addSpec, greetSpec } from "./fixtures.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "toolforge-toolset-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function loadError(path: string): Promise<ToolsetFileError | FunctionSpecError> {
  try {
    await Toolset.load(path);
  } catch (e) {
    return e as ToolsetFileError;
  }
  throw new Error("expected load to fail");
}

describe("Toolset.save / Toolset.load", () => {
  it("writes a pretty JSON file with format and version and reads it back identically", async () => {
    const path = join(dir, "nested", "deeper", "toolset.json");
    const ts = Toolset.from([addSpec, greetSpec]).withMetadata({ step: 4, trainLoss: 0.1 });
    await ts.save(path);
    const text = await readFile(path, "utf8");
    const json = JSON.parse(text);
    expect(json).toMatchObject({ format: "toolforge.toolset", version: 2, metadata: { step: 4, trainLoss: 0.1 } });
    expect(json.functions.map((f: { name: string }) => f.name)).toEqual(["add", "greet"]);
    expect(text.endsWith("\n")).toBe(true);
    const loaded = await Toolset.load(path);
    expect(loaded.hash).toBe(ts.hash);
    expect(loaded.get("greet")?.code).toBe(greetSpec.code);
    // Only the final file remains: the temp file was renamed, not left behind.
    expect(await readdir(join(dir, "nested", "deeper"))).toEqual(["toolset.json"]);
  });

  it("replaces an existing file", async () => {
    const path = join(dir, "toolset.json");
    await Toolset.from([addSpec]).save(path);
    await Toolset.from([greetSpec]).save(path);
    expect((await Toolset.load(path)).functions.map((f) => f.name)).toEqual(["greet"]);
  });

  it("names the file when it is missing, a directory, empty, truncated or not JSON", async () => {
    const missing = await loadError(join(dir, "missing.json"));
    expect(missing).toBeInstanceOf(ToolsetFileError);
    expect(missing.code).toBe("E_TOOLSET_READ");
    expect(missing.message).toBe(`${join(dir, "missing.json")}: toolset file not found`);

    await mkdir(join(dir, "a-dir"));
    expect((await loadError(join(dir, "a-dir"))).code).toBe("E_TOOLSET_READ");

    await writeFile(join(dir, "empty.json"), "  \n");
    const empty = await loadError(join(dir, "empty.json"));
    expect(empty.code).toBe("E_TOOLSET_JSON");
    expect(empty.message).toContain("empty.json: toolset file is empty");

    const full = JSON.stringify(Toolset.from([addSpec]).toJSON(), null, 2);
    await writeFile(join(dir, "truncated.json"), full.slice(0, full.length / 2));
    const truncated = await loadError(join(dir, "truncated.json"));
    expect(truncated.code).toBe("E_TOOLSET_JSON");
    expect(truncated.message).toContain("truncated.json: toolset file is not valid JSON");
    expect((truncated as ToolsetFileError).file).toBe(join(dir, "truncated.json"));
  });

  it("names file, function and field for an invalid function inside a file", async () => {
    const path = join(dir, "bad.json");
    const file = Toolset.from([addSpec, greetSpec]).toJSON();
    file.functions[1] = { ...file.functions[1]!, code: "const greet = 42;" };
    await writeFile(path, JSON.stringify(file));
    const e = (await loadError(path)) as FunctionSpecError;
    expect(e).toBeInstanceOf(FunctionSpecError);
    expect(e.file).toBe(path);
    expect(e.function).toBe("greet");
    expect(e.field).toBe("code");
    expect(e.code).toBe("E_SPEC_CODE_NOT_DEFINED");
  });

  it("rejects unknown versions and foreign formats by file name", async () => {
    const path = join(dir, "future.json");
    await writeFile(path, JSON.stringify({ ...Toolset.empty().toJSON(), version: 7 }));
    const e = await loadError(path);
    expect(e.code).toBe("E_TOOLSET_VERSION");
    expect(e.message).toContain("future.json");
    await writeFile(path, JSON.stringify({ functions: [] }));
    expect((await loadError(path)).code).toBe("E_TOOLSET_FORMAT");
  });

  it("fails with E_TOOLSET_WRITE and keeps the old file when the target cannot be replaced", async () => {
    const path = join(dir, "toolset.json");
    await Toolset.from([addSpec]).save(path);
    const before = await readFile(path, "utf8");
    // Saving "into" a path below a regular file cannot succeed.
    const blocked = join(path, "child.json");
    await expect(Toolset.from([greetSpec]).save(blocked)).rejects.toMatchObject({ code: "E_TOOLSET_WRITE", file: blocked });
    expect(await readFile(path, "utf8")).toBe(before);
  });
});
