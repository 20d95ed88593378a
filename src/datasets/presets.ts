import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DatasetError } from "./errors.js";
import type { DatasetFormat } from "./formats.js";

/**
 * A bundled dataset: its file under the package's `data/` folder and its format.
 *
 * @example
 * import { DATASET_PRESETS } from "toolforge";
 * DATASET_PRESETS["tabmwp:test"].file; // "tabmwp/test.jsonl"
 */
export interface DatasetPreset {
  file: string;
  format: DatasetFormat;
  description: string;
}

/**
 * Built-in dataset presets. MATH comes in both readings of the paper's split
 * sizes: the text's 80 train / 20 test per type (`math:train`, `math:test`)
 * and Table 1's 20 train / 80 test per type (`math:train20`, `math:test80`).
 *
 * @example
 * import { DATASET_PRESETS } from "toolforge";
 * console.log(Object.keys(DATASET_PRESETS)); // ["math:train", "math:train20", ...]
 */
export const DATASET_PRESETS: Readonly<Record<string, DatasetPreset>> = {
  "math:train": { file: "math/train.jsonl", format: "math", description: "MATH train, 80 per type (560)" },
  "math:train20": { file: "math/train20.jsonl", format: "math", description: "MATH train, 20 per type (140)" },
  "math:test": { file: "math/test.jsonl", format: "math", description: "MATH test, 20 per type (140)" },
  "math:test80": { file: "math/test80.jsonl", format: "math", description: "MATH test, 80 per type (560)" },
  "gsm8k:train": { file: "gsm8k/train.jsonl", format: "gsm8k", description: "GSM8K train sample (100)" },
  "gsm8k:test": { file: "gsm8k/test.jsonl", format: "gsm8k", description: "GSM8K test sample (100)" },
  "tabmwp:train": { file: "tabmwp/train.jsonl", format: "tabmwp", description: "TabMWP dev sample (100)" },
  "tabmwp:test": { file: "tabmwp/test.jsonl", format: "tabmwp", description: "TabMWP test sample (100)" },
};

let cachedDataDir: string | undefined;

/**
 * The package's own `data/` folder, found by walking up from this module to
 * the toolforge `package.json` — so it works from `src/` (tsx, vitest) and
 * from the compiled `dist/src/`.
 *
 * @example
 * import { packageDataDir } from "toolforge";
 * console.log(packageDataDir()); // /…/node_modules/toolforge/data
 */
export function packageDataDir(): string {
  if (cachedDataDir !== undefined) return cachedDataDir;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        const { name } = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string };
        if (name === "toolforge") return (cachedDataDir = join(dir, "data"));
      } catch {
        // an unreadable package.json of some other package: keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new DatasetError("E_DATASET_PRESET", "cannot find the toolforge package root", {});
    dir = parent;
  }
}

/**
 * True when `source` names a preset rather than a file (`name:split`, no path
 * separators or extension).
 *
 * @example
 * import { isPresetName } from "toolforge";
 * isPresetName("math:test"); // true
 * isPresetName("./my.jsonl"); // false
 */
export function isPresetName(source: string): boolean {
  return /^[a-z0-9]+:[a-z0-9]+$/i.test(source);
}

/**
 * Resolves a preset name to its file and format. `TOOLFORGE_DATA_DIR`, when
 * set, is searched before the bundled `data/` folder. Throws a `DatasetError`
 * listing the presets when the name is unknown.
 *
 * @example
 * import { resolvePreset } from "toolforge";
 * resolvePreset("gsm8k:test"); // { file: "/…/data/gsm8k/test.jsonl", format: "gsm8k" }
 */
export function resolvePreset(name: string): { file: string; format: DatasetFormat } {
  const preset = DATASET_PRESETS[name];
  if (!preset) {
    const known = Object.keys(DATASET_PRESETS).join(", ");
    throw new DatasetError("E_DATASET_PRESET", `unknown dataset preset "${name}"; known presets: ${known}`, {
      preset: name,
      known: Object.keys(DATASET_PRESETS),
    });
  }
  const override = process.env.TOOLFORGE_DATA_DIR;
  if (override) {
    const candidate = join(override, preset.file);
    if (existsSync(candidate)) return { file: candidate, format: preset.format };
  }
  const file = join(packageDataDir(), preset.file);
  if (!existsSync(file)) {
    throw new DatasetError(
      "E_DATASET_PRESET",
      `dataset preset "${name}" is missing from this installation (${preset.description}); set TOOLFORGE_DATA_DIR to a folder containing ${preset.file}`,
      { preset: name, file },
    );
  }
  return { file, format: preset.format };
}
