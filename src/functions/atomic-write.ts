import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * The temporary file an atomic write of `path` goes through: hidden, in the
 * same directory (same filesystem, so `rename` is atomic), unique per call,
 * and ending in `.tmp`, which is how a run directory's lock holder recognises
 * the leftovers of a writer killed half-way and removes them.
 */
function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
}

/**
 * Writes `text` to `path` so that readers see either the old file or the
 * complete new one, never a partial write: the text goes to a temporary file
 * (flushed to disk), which then replaces `path`. The temporary file is
 * removed when anything fails; only a `kill -9` between the two steps leaves
 * it behind (a `*.tmp` file, see {@link tempPathFor}).
 *
 * @example
 * import { writeFileAtomic } from "toolforge";
 * await writeFileAtomic("runs/a/notes.txt", "hello\n");
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  try {
    await writeFile(temp, text, { encoding: "utf8", flush: true });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/**
 * The synchronous {@link writeFileAtomic}, for small files written where
 * awaiting is not possible (run metadata, reports).
 *
 * @example
 * import { writeFileAtomicSync } from "toolforge";
 * writeFileAtomicSync("runs/a/run.json", JSON.stringify({ threadId: "t1" }));
 */
export function writeFileAtomicSync(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  try {
    const fd = openSync(temp, "w");
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
