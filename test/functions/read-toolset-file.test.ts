import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ToolsetFileError } from "../../src/functions/errors.js";
import { readToolsetJson } from "../../src/functions/read-toolset-file.js";

// Tests run as root, which reads any file: an unreadable file is simulated.
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  const readFile = (async (path: unknown, ...rest: unknown[]) => {
    if (String(path).endsWith("locked.json")) {
      throw Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: "EACCES" });
    }
    return (actual.readFile as (...a: unknown[]) => Promise<unknown>)(path, ...rest);
  }) as typeof actual.readFile;
  return { ...actual, readFile, default: { ...actual, readFile } };
});

const failure = async (path: string): Promise<ToolsetFileError> => {
  const error = await readToolsetJson(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ToolsetFileError);
  expect((error as ToolsetFileError).file).toBe(path);
  return error as ToolsetFileError;
};

describe("readToolsetJson (every failure names the file and says what is wrong)", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "toolforge-read-"));
    await mkdir(join(dir, "a-dir"));
    await writeFile(join(dir, "blank.json"), " \n\t\n");
    await writeFile(join(dir, "bad.json"), '{"format": "toolforge.toolset",');
    await writeFile(join(dir, "good.json"), '{"format": "toolforge.toolset", "n": [1]}');
    await writeFile(join(dir, "plain-file"), "x");
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("returns the parsed JSON", async () => {
    expect(await readToolsetJson(join(dir, "good.json"))).toEqual({ format: "toolforge.toolset", n: [1] });
  });

  it("explains a file that cannot be read, keeping the system error as the cause", async () => {
    const cases: [string, string, string][] = [
      ["missing.json", "toolset file not found", "ENOENT"],
      ["a-dir", "is a directory, not a toolset file", "EISDIR"],
      ["locked.json", "permission denied reading the toolset file", "EACCES"],
    ];
    for (const [name, reason, code] of cases) {
      const path = join(dir, name);
      const error = await failure(path);
      expect(error.code).toBe("E_TOOLSET_READ");
      expect(error.message).toBe(`${path}: ${reason}`);
      expect((error.cause as NodeJS.ErrnoException).code).toBe(code);
    }
    const below = join(dir, "plain-file", "toolset.json");
    const other = await failure(below);
    expect(other.code).toBe("E_TOOLSET_READ");
    expect(other.message).toMatch(new RegExp(`^${below.replaceAll("/", "\\/")}: cannot read toolset file: ENOTDIR`));
  });

  it("tells an empty (or whitespace-only) file from one that is not JSON", async () => {
    const blank = await failure(join(dir, "blank.json"));
    expect(blank.code).toBe("E_TOOLSET_JSON");
    expect(blank.message).toBe(`${join(dir, "blank.json")}: toolset file is empty (truncated or never written)`);
    const bad = await failure(join(dir, "bad.json"));
    expect(bad.code).toBe("E_TOOLSET_JSON");
    expect(bad.message).toContain(`${join(dir, "bad.json")}: toolset file is not valid JSON (corrupt or truncated?): `);
    expect(bad.cause).toBeInstanceOf(SyntaxError);
    expect(bad.message).toContain((bad.cause as Error).message);
  });
});
