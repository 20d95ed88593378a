import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { FunctionSpecError, Toolset, ToolsetFileError } from "../../src/functions/index.js";
import { expectTypedError, FUZZ, textish } from "../helpers/fuzz.js";

const TYPED = [ToolsetFileError, FunctionSpecError];
const dir = mkdtempSync(join(tmpdir(), "toolforge-fuzz-toolset-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Function specs whose every field may be right, wrong-typed or hostile. */
const fuzzSpec = fc.record(
  {
    name: fc.oneof(fc.constantFrom("add", "f_1", "class", "__proto__", "1bad", "a".repeat(70)), textish, fc.anything()),
    description: fc.oneof(textish, fc.anything()),
    parameters: fc.oneof(
      fc.constant({ type: "object", properties: { a: { type: "number" } }, required: ["a"] }),
      fc.record({ type: fc.constantFrom("object", "array", 1), properties: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()), required: fc.jsonValue() }, { requiredKeys: [] }),
      fc.jsonValue(),
    ),
    code: fc.oneof(fc.constantFrom("function add({ a }) { return a; }", "const add = (x) => x", "function add(a, b) {}", "import x from 'y'", "function add({ a }) { return require('fs'); }"), textish, fc.anything()),
    packages: fc.oneof(fc.constant([]), fc.array(fc.oneof(fc.constantFrom("mathjs", "fs"), fc.string()), { maxLength: 3 }), fc.anything()),
  },
  { requiredKeys: [] },
);

const fuzzFile = fc.record(
  {
    format: fc.oneof(fc.constant("toolforge.toolset"), fc.jsonValue()),
    version: fc.oneof(fc.constant(1), fc.jsonValue()),
    functions: fc.oneof(fc.array(fuzzSpec, { maxLength: 3 }), fc.jsonValue()),
    metadata: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()),
  },
  { requiredKeys: [] },
);

describe("fuzzing toolset files: only typed errors", () => {
  it("Toolset.fromJSON on near-valid and arbitrary values", () => {
    fc.assert(
      fc.property(fc.oneof(fuzzFile, fc.jsonValue(), fc.anything()), (value) => {
        try {
          const toolset = Toolset.fromJSON(value as never);
          // Whatever was accepted round-trips through its file form.
          expect(Toolset.fromJSON(JSON.parse(JSON.stringify(toolset.toJSON()))).hash).toBe(toolset.hash);
        } catch (error) {
          expectTypedError(error, TYPED, "Toolset.fromJSON");
        }
      }),
      FUZZ,
    );
  });

  it("Toolset.load on arbitrary file contents names the file", async () => {
    const file = join(dir, "fuzz.toolset.json");
    await fc.assert(
      fc.asyncProperty(fc.oneof(fuzzFile.map((v) => JSON.stringify(v)), textish, fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString("latin1"))), async (text) => {
        writeFileSync(file, text);
        try {
          await Toolset.load(file);
        } catch (error) {
          expectTypedError(error, TYPED, "Toolset.load");
          expect((error as Error).message).toContain(file);
        }
      }),
      FUZZ,
    );
  });
});
