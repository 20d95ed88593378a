import { constants } from "node:fs";
import { open, realpath } from "node:fs/promises";
import { extname, isAbsolute, join, sep } from "node:path";
import { CapabilityError } from "./errors.js";

/**
 * The files that belong to one task (GAIA ships a file with some
 * questions): a folder and the names in it the task may read.
 *
 * @example
 * const att: import("toolforge").TaskAttachments = { dir: "/data/gaia/2023/validation", names: ["report.pdf"] };
 */
export interface TaskAttachments {
  dir: string;
  names: readonly string[];
}

/**
 * What `readAttachment(name)` returns to learned code: the bytes as base64,
 * and as `text` too when the file is textual.
 *
 * @example
 * const a: import("toolforge").Attachment = { name: "t.csv", mediaType: "text/csv", bytes: 8, text: "a,b\n1,2\n", base64: "YSxiCjEsMgo=" };
 */
export interface Attachment {
  name: string;
  mediaType: string;
  bytes: number;
  text?: string;
  base64: string;
}

const MEDIA_TYPES: Record<string, string> = {
  ".txt": "text/plain", ".md": "text/markdown", ".csv": "text/csv", ".tsv": "text/tab-separated-values", ".json": "application/json",
  ".jsonl": "application/jsonl", ".jsonld": "application/ld+json", ".xml": "application/xml", ".html": "text/html", ".htm": "text/html",
  ".py": "text/x-python", ".pdf": "application/pdf", ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".png": "image/png", ".jpg": "image/jpeg", ".mp3": "audio/mpeg", ".zip": "application/zip",
};
const TEXT_TYPES = /^(text\/|application\/(json|jsonl|ld\+json|xml))/;

/**
 * Reads one attachment of the current task. The name must be one of the
 * task's own file names, without path separators, `..` or an absolute
 * path; the resolved file must lie inside the task's folder (a symlink
 * pointing out is refused) and be a regular file no larger than `maxBytes`.
 * Throws {@link CapabilityError} (`E_CAP_ATTACHMENT`, `E_CAP_TOO_LARGE`).
 *
 * @example
 * import { readTaskAttachment } from "toolforge";
 * const a = await readTaskAttachment("table.csv", { dir: "fixtures/gaia", names: ["table.csv"] }, 1_000_000);
 * console.log(a.text);
 */
export async function readTaskAttachment(name: unknown, attachments: TaskAttachments | undefined, maxBytes: number): Promise<Attachment> {
  const fail = (reason: string): never => {
    throw new CapabilityError("E_CAP_ATTACHMENT", "readAttachment", reason);
  };
  if (typeof name !== "string" || name === "") return fail("expected a file name (a non-empty string)");
  const available = attachments?.names ?? [];
  if (isAbsolute(name) || name.includes("/") || name.includes("\\") || name.includes("\0") || name === "." || name === "..") {
    return fail(`"${name}" is not a plain file name: paths, "..", and absolute names are refused (this task's files: ${list(available)})`);
  }
  if (!attachments || !available.includes(name)) return fail(`"${name}" is not a file of this task (this task's files: ${list(available)})`);
  let root: string;
  let real: string;
  try {
    root = await realpath(attachments.dir);
    real = await realpath(join(attachments.dir, name));
  } catch {
    return fail(`"${name}" cannot be found in the task's folder`);
  }
  if (!real.startsWith(root + sep)) return fail(`"${name}" resolves outside the task's folder (a symlink escaping it is refused)`);
  // O_NOFOLLOW: a symlink swapped in after the check is refused too.
  const handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => fail(`"${name}" cannot be opened`));
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return fail(`"${name}" is not a regular file`);
    if (stat.size > maxBytes) throw new CapabilityError("E_CAP_TOO_LARGE", "readAttachment", `"${name}" is ${stat.size} bytes; at most ${maxBytes} are allowed`);
    const bytes = await handle.readFile();
    const mediaType = MEDIA_TYPES[extname(name).toLowerCase()] ?? "application/octet-stream";
    return { name, mediaType, bytes: bytes.length, ...(TEXT_TYPES.test(mediaType) ? { text: bytes.toString("utf8") } : {}), base64: bytes.toString("base64") };
  } finally {
    await handle.close();
  }
}

function list(names: readonly string[]): string {
  return names.length ? names.join(", ") : "none";
}
