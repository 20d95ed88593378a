import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const root = join(import.meta.dirname, "..", "..");
/** Seconds each test file took on an idle 2-core machine (`node scripts/test-durations.mjs --save`). */
export const EXPECTED_DURATIONS_FILE = join(import.meta.dirname, "expected-durations.json");

function expectedDurations(): Record<string, number> {
  return existsSync(EXPECTED_DURATIONS_FILE) ? (JSON.parse(readFileSync(EXPECTED_DURATIONS_FILE, "utf8")) as Record<string, number>) : {};
}

/**
 * Starts the longest test files first, so that no long file starts last and
 * runs alone while the other worker idles. Vitest's own order knows durations
 * only from its cache in node_modules/.vite, which a fresh clone (`npm ci`)
 * lacks; then it orders by file size, which put the slowest file near the end.
 * Durations come from the committed measurements, else from vitest's cache;
 * ties keep vitest's order.
 */
export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const expected = expectedDurations();
    const seconds = (spec: TestSpecification): number => {
      const file = relative(root, spec.moduleId);
      const cached = this.ctx.cache.getFileTestResults(`${spec.project.name}:${file}`)?.duration;
      return expected[file] ?? (cached === undefined ? 0 : cached / 1000);
    };
    const ordered = await super.sort(files);
    return ordered
      .map((spec, index) => ({ spec, index, seconds: seconds(spec) }))
      .sort((a, b) => b.seconds - a.seconds || a.index - b.index)
      .map((e) => e.spec);
  }
}
