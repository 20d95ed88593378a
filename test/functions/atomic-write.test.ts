import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// Simulate the two ways a write can die half-way: the data write fails after
// some bytes reached the disk, or the final rename fails.
const failures = vi.hoisted(() => ({ writeFile: false, rename: false }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...real,
    writeFile: async (...args: Parameters<typeof real.writeFile>) => {
      if (!failures.writeFile) return real.writeFile(...args);
      await real.writeFile(args[0], String(args[1]).slice(0, 10));
      throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
    },
    rename: async (...args: Parameters<typeof real.rename>) => {
      if (failures.rename) throw Object.assign(new Error("EXDEV: simulated rename failure"), { code: "EXDEV" });
      return real.rename(...args);
    },
  };
});

const { Toolset, ToolsetFileError } = await import("../../src/functions/index.js");
const { addSpec, greetSpec } = await import("./fixtures.js");

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "toolforge-atomic-"));
  failures.writeFile = false;
  failures.rename = false;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("atomic save", () => {
  it.each(["writeFile", "rename"] as const)("keeps the old file intact and leaves no temp file when %s fails", async (step) => {
    const path = join(dir, "toolset.json");
    await Toolset.from([addSpec]).save(path);
    const before = await readFile(path, "utf8");

    failures[step] = true;
    const error = await Toolset.from([addSpec, greetSpec]).save(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolsetFileError);
    expect((error as InstanceType<typeof ToolsetFileError>).code).toBe("E_TOOLSET_WRITE");
    expect((error as Error).message).toContain(path);

    expect(await readFile(path, "utf8")).toBe(before);
    expect((await Toolset.load(path)).size).toBe(1);
    expect(await readdir(dir)).toEqual(["toolset.json"]);
  });
});
