import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** One human-labelled pair: a model's reply, the gold answer, the verdict and why. */
export interface LabelledRow {
  gold: string;
  answer: string;
  label: 0 | 1;
  reason: string;
  choices?: string[] | null;
  unit?: string | null;
}

/** The folder holding the labelled JSONL sets. */
export const LABELLED_DIR = dirname(fileURLToPath(import.meta.url));

/** Reads `<name>.jsonl` from the labelled folder. */
export function readLabelled(name: string): LabelledRow[] {
  return readFileSync(join(LABELLED_DIR, `${name}.jsonl`), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as LabelledRow);
}
