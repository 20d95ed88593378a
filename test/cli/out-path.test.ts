import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { memoryIO } from "./memory-io.js";

const dir = mkdtempSync(join(tmpdir(), "toolforge-out-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("train --out that is not a usable directory", () => {
  it.each([
    ["a file", "notes.txt", /notes\.txt is a file, not a run directory/],
    ["a path below a file", join("notes.txt", "run"), /notes\.txt\/run: cannot create the run directory \(ENOTDIR\)/],
  ])("%s: exit 2, a message naming it, no stack trace, nothing changed", async (_kind, out, message) => {
    writeFileSync(join(dir, "notes.txt"), "keep me\n");
    vi.stubEnv("OPENAI_API_KEY", "sk-test");
    vi.stubEnv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1");
    const io = memoryIO();
    try {
      expect(await runCli(["train", "--data", "gsm8k:train", "--limit", "1", "--model", "openai:m", "--out", join(dir, out), "--force"], io), io.err()).toBe(2);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(io.err()).toMatch(message);
    expect(io.err()).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir)).toEqual(["notes.txt"]);
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("keep me\n");
  });
});
