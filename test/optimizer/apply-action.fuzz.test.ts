import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Toolset } from "../../src/functions/index.js";
import { applyAction, type ApplyOutcome } from "../../src/optimizer/apply-action.js";
import { FUZZ, textish } from "../helpers/fuzz.js";
import { testSandbox } from "../helpers/test-sandbox.js";

const sandbox = testSandbox();

const start = Toolset.empty().add({
  name: "add",
  description: "Add a and b.",
  parameters: { type: "object", properties: { a: { type: "number" }, b: { type: "number" } }, required: ["a", "b"] },
  code: "function add({ a, b }) { return a + b; }",
  packages: [],
});

/** What an optimizer LLM might send as a tool call's arguments. */
const fuzzArgs = fc.oneof(
  fc.record(
    {
      name: fc.oneof(fc.constantFrom("add", "mul", "ghost", "", "__proto__"), textish, fc.jsonValue()),
      description: fc.oneof(textish, fc.jsonValue()),
      arguments: fc.oneof(
        fc.constant({ x: { type: "number" } }),
        fc.constant('{"x":{"type":"number"}}'),
        fc.dictionary(fc.string(), fc.jsonValue()),
        textish,
        fc.jsonValue(),
      ),
      packages: fc.oneof(fc.constant([]), fc.array(fc.string(), { maxLength: 2 }), fc.jsonValue()),
      code: fc.oneof(
        fc.constantFrom(
          "function mul({ x }) { return x * 2; }",
          "function add({ a, b }) { return a - b; }",
          "function mul({ x }) { while (true) {} }",
          "function mul({ x }) { return mul({ x }); }",
          "function mul() { throw new Error('no'); }",
        ),
        textish,
        fc.jsonValue(),
      ),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue(),
  fc.anything(),
);

const CODES = new Set(["invalid_json", "invalid_arguments", "unknown_action", "invalid_spec", "exists", "missing", "smoke_failed", "limit_reached", "terminate_mixed"]);

describe("fuzzing optimizer actions: rejections are typed, nothing throws", () => {
  it("applyAction on arbitrary calls", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom("add_function", "revise_function", "remove_function", "terminate"), fc.string()),
        fuzzArgs,
        fc.option(fc.string(), { nil: undefined }),
        async (name, args, invalidJson) => {
          const outcome: ApplyOutcome = await applyAction(start, { id: "c1", name, args, ...(invalidJson !== undefined ? { invalidJson } : {}) }, { sandbox: sandbox(), records: [], smokeTimeoutMs: 10_000 });
          if (outcome.ok) {
            expect(outcome.toolset.hash).not.toBe(start.hash);
          } else {
            // "internal" would mean an unexpected exception was caught, i.e. an untyped failure.
            expect(CODES, outcome.reason).toContain(outcome.code);
            expect(outcome.reason.length).toBeGreaterThan(0);
          }
          expect(start.size).toBe(1); // the input toolset is never changed
        },
      ),
      { ...FUZZ, numRuns: Math.min(FUZZ.numRuns ?? 100, 100) },
    );
  });
});
