import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { DatasetError, loadDataset } from "../../src/datasets/index.js";
import { expectTypedError, FUZZ, textish } from "../helpers/fuzz.js";

const dir = mkdtempSync(join(tmpdir(), "toolforge-fuzz-data-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Rows shaped like MATH, GSM8K, TabMWP or generic rows, with any field wrong, missing or hostile. */
const value = fc.oneof(textish, fc.jsonValue());
const fuzzRow = fc.oneof(
  fc.record({ problem: value, answer: value, solution: value, level: value, type: value, unique_id: value }, { requiredKeys: [] }),
  fc.record({ question: value, answer: value, id: value }, { requiredKeys: [] }),
  fc.record({ question: value, answer: value, choices: fc.oneof(fc.array(value, { maxLength: 4 }), value), table: value, table_title: value, unit: value, pid: value, table_for_pd: value }, { requiredKeys: [] }),
  fc.dictionary(fc.string(), value, { maxKeys: 5 }),
);
const fuzzLine = fc.oneof(
  { weight: 6, arbitrary: fuzzRow.map((row) => JSON.stringify(row)) },
  { weight: 1, arbitrary: textish.map((t) => t.replace(/\n/g, " ")) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
);
const fuzzOptions = fc.record(
  {
    format: fc.oneof(fc.constantFrom("math", "gsm8k", "tabmwp", "generic"), fc.string()),
    mapping: fc.oneof(fc.record({ id: fc.string(), question: fc.constantFrom("question", "q.text", "a..b", ""), answer: fc.string(), choices: fc.string() }, { requiredKeys: [] }), fc.jsonValue()),
    limit: fc.oneof(fc.nat(5), fc.integer(), fc.double()),
  },
  { requiredKeys: [] },
);

describe("fuzzing dataset rows: a Dataset or a DatasetError naming the file", () => {
  it("loadDataset on arbitrary JSONL files and options", async () => {
    let file = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fuzzLine, { minLength: 0, maxLength: 6 }), fuzzOptions, async (lines, options) => {
        const path = join(dir, `rows-${file++}.jsonl`);
        writeFileSync(path, lines.join("\n"));
        try {
          const data = await loadDataset(path, options as never);
          for (const task of data.tasks) {
            expect(typeof task.id).toBe("string");
            expect(typeof task.question).toBe("string");
            expect(typeof task.answer).toBe("string");
          }
          expect(new Set(data.tasks.map((t) => t.id)).size).toBe(data.tasks.length);
        } catch (error) {
          expectTypedError(error, [DatasetError], `loadDataset(${JSON.stringify(options)})`);
        }
      }),
      FUZZ,
    );
  });
});
