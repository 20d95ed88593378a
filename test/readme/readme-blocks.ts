import { readFileSync } from "node:fs";

/**
 * One fenced code block of README.md and the `<!-- readme-test: … -->`
 * marker on the line above it, which says what the README test does with it:
 * `run` (run it offline and check it exits), `skip <reason>`, or
 * `metadata-of <file>` (a JSON example whose `metadata` must match that file).
 */
export interface ReadmeBlock {
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  code: string;
  marker?: { action: "run" | "skip" | "metadata-of"; argument: string };
}

const MARKER = /^<!--\s*readme-test:\s*(run|skip|metadata-of)\b\s*(.*?)\s*-->$/;

export function readmeBlocks(file: string): ReadmeBlock[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith("```"));
    if (end < 0) throw new Error(`${file}:${i + 1}: unclosed code block`);
    const marker = MARKER.exec(lines[i - 1] ?? "");
    blocks.push({
      line: i + 1,
      lang: open[1]!,
      code: lines.slice(i + 1, end).join("\n"),
      ...(marker && { marker: { action: marker[1] as "run" | "skip" | "metadata-of", argument: marker[2]! } }),
    });
    i = end;
  }
  return blocks;
}
