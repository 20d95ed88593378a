import { readFile } from "node:fs/promises";
import { ToolsetFileError } from "./errors.js";

/**
 * Reads and JSON-parses a toolset file, turning every failure into a
 * {@link ToolsetFileError} that names the file (and the position of bad JSON).
 */
export async function readToolsetJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "toolset file not found"
      : code === "EISDIR" ? "is a directory, not a toolset file"
      : code === "EACCES" ? "permission denied reading the toolset file"
      : `cannot read toolset file: ${(error as Error).message}`;
    throw new ToolsetFileError("E_TOOLSET_READ", path, reason, { cause: error });
  }
  if (text.trim() === "") throw new ToolsetFileError("E_TOOLSET_JSON", path, "toolset file is empty (truncated or never written)");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ToolsetFileError("E_TOOLSET_JSON", path, `toolset file is not valid JSON (corrupt or truncated?): ${(error as Error).message}`, { cause: error });
  }
}
