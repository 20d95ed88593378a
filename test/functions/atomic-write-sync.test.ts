import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic, writeFileAtomicSync } from "../../src/functions/index.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "toolforge-atomic-sync-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("writeFileAtomicSync / writeFileAtomic", () => {
  it("write the whole text, creating missing folders, and replace an existing file", async () => {
    const sync = join(dir, "a", "b", "run.json");
    writeFileAtomicSync(sync, "first ✓\n");
    expect(readFileSync(sync, "utf8")).toBe("first ✓\n");
    writeFileAtomicSync(sync, "second");
    expect(readFileSync(sync, "utf8")).toBe("second");
    const async = join(dir, "c", "d", "notes.txt");
    await writeFileAtomic(async, "é\n");
    await writeFileAtomic(async, "again é");
    expect(readFileSync(async, "utf8")).toBe("again é");
    expect(readdirSync(join(dir, "a", "b"))).toEqual(["run.json"]);
    expect(readdirSync(join(dir, "c", "d"))).toEqual(["notes.txt"]);
  });

  it("leave no temporary file and throw the system error when the target cannot be replaced", async () => {
    // A non-empty directory cannot be replaced by a file.
    const target = join(dir, "occupied");
    mkdirSync(target);
    writeFileSync(join(target, "keep.txt"), "kept");
    expect(() => writeFileAtomicSync(target, "x")).toThrow(/^E(ISDIR|NOTEMPTY|EXIST|NOTDIR)/);
    await expect(writeFileAtomic(target, "x")).rejects.toThrow(/^E(ISDIR|NOTEMPTY|EXIST|NOTDIR)/);
    expect(readdirSync(dir)).toEqual(["occupied"]);
    expect(readFileSync(join(target, "keep.txt"), "utf8")).toBe("kept");
  });
});
