import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { CheckpointerError, createCheckpointer } from "../../src/checkpoint/index.js";
import { runCli } from "../../src/cli/main.js";
import { memoryIO } from "../cli/memory-io.js";
import { tempDirs } from "../helpers/temp-dirs.js";

const newDir = tempDirs("toolforge-corrupt-");

// Bytes that are not SQLite at all, and a SQLite header over garbage pages.
const CORRUPT = {
  "not a database": Buffer.from("this is not a database, just text\n".repeat(200)),
  "a SQLite header over garbage": Buffer.concat([Buffer.from("SQLite format 3\0"), Buffer.alloc(4080, 0x5a)]),
};

describe("a corrupt checkpoints.sqlite", () => {
  it.each(Object.entries(CORRUPT))("is refused at open with E_CHECKPOINTER_CORRUPT naming the file (%s)", async (_name, bytes) => {
    const runDir = newDir();
    const file = join(runDir, "checkpoints.sqlite");
    writeFileSync(file, bytes);
    const error = await createCheckpointer(undefined, { runDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckpointerError);
    expect((error as CheckpointerError).code).toBe("E_CHECKPOINTER_CORRUPT");
    expect((error as Error).message).toContain(file);
    expect(readFileSync(file)).toEqual(bytes);
  });

  it("a fresh or empty file opens", async () => {
    const runDir = newDir();
    writeFileSync(join(runDir, "checkpoints.sqlite"), "");
    const opened = await createCheckpointer(undefined, { runDir });
    expect(await opened.checkpointer.getTuple({ configurable: { thread_id: "t" } })).toBeUndefined();
    await opened.close();
  });

  it("`toolforge resume` exits 2 with the file's name, no stack trace, and changes nothing", async () => {
    const runDir = newDir();
    writeFileSync(join(runDir, "run.json"), JSON.stringify({ threadId: "t", createdAt: "2026-01-01T00:00:00.000Z" }));
    writeFileSync(
      join(runDir, "config.json"),
      JSON.stringify({ format: "toolforge.train-config", version: 1, data: "gsm8k:train", limit: 2, agent: "tool-calling", model: "openai:m", optimizerModel: "openai:m", maxSteps: 1, patience: 1, maxActions: 1, concurrency: 1, seed: 0, codeInterpreter: true }),
    );
    writeFileSync(join(runDir, "checkpoints.sqlite"), CORRUPT["not a database"]);
    const before = readdirSync(runDir).sort();
    vi.stubEnv("OPENAI_API_KEY", "sk-test");
    vi.stubEnv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1");
    const io = memoryIO();
    try {
      expect(await runCli(["resume", runDir], io), io.err()).toBe(2);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(io.err()).toContain(`${join(runDir, "checkpoints.sqlite")}: not a usable SQLite checkpoint file`);
    expect(io.err()).not.toMatch(/\n\s+at /);
    expect(readdirSync(runDir).sort()).toEqual(before);
    expect(readFileSync(join(runDir, "checkpoints.sqlite"))).toEqual(CORRUPT["not a database"]);
  });
});
