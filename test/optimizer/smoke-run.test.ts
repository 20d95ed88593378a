import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCapabilities } from "../../src/capabilities/index.js";
import type { ExecutionRecord } from "../../src/evaluation/types.js";
import type { FunctionSpec } from "../../src/functions/index.js";
import { sampleCallArgs, smokeRun } from "../../src/optimizer/index.js";
import { createSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { crashesUnlessParseAnswers } from "./fixtures.js";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ workers: 1 });
});
afterAll(async () => {
  await sandbox?.close();
});

const spec = (code: string, extra: Partial<FunctionSpec> = {}): FunctionSpec => ({
  name: "probe",
  description: "A probe.",
  parameters: { type: "object", properties: { text: { type: "string" } } },
  packages: [],
  code,
  ...extra,
});
const recordCalling = (...args: unknown[]) =>
  ({ taskId: "t", question: "q", gold: "g", messages: [], functionCalls: args.map((a, i) => ({ id: `c${i}`, name: "probe", args: a })), finalAnswer: null, score: 0, usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 }, latencyMs: 0 }) as unknown as ExecutionRecord;
const CRASH = "function probe({ text }) { const down = () => down() + 1; return down(); }";

describe("sampleCallArgs", () => {
  it("skips recorded calls whose arguments are not an object (null, an array, a string)", () => {
    expect(sampleCallArgs([recordCalling(null, [1, 2], "text", { text: "a" }, { text: "b" })], "probe")).toEqual({ text: "a" });
    expect(sampleCallArgs([recordCalling(null, [1], "x")], "probe")).toBeUndefined();
  });
});

describe("smokeRun", () => {
  it("only evaluates the definition when the histories never call the function, and says so", async () => {
    expect(await smokeRun(sandbox, spec(CRASH), [])).toEqual({ ok: true, sampled: false });
    expect(await smokeRun(sandbox, spec(CRASH), [recordCalling([1])])).toEqual({ ok: true, sampled: false });
    expect(await smokeRun(sandbox, spec("function probe({ text }) { return text; }"), [recordCalling({ text: "a" })])).toEqual({ ok: true, sampled: true });
  });

  it("refuses a function whose recorded sample call crashes the runtime, quoting the call (cut at 200 characters)", async () => {
    const short = await smokeRun(sandbox, spec(CRASH), [recordCalling({ text: "a" })]);
    expect(short).toEqual({ ok: false, reason: 'a sample call probe({"text":"a"}) taken from the execution histories crashed the sandbox (stack_overflow): stack limit exceeded (unbounded recursion?)' });
    const exactly = { text: "x".repeat(200 - '{"text":""}'.length) };
    const at200 = await smokeRun(sandbox, spec(CRASH), [recordCalling(exactly)]);
    expect(!at200.ok && at200.reason).toContain(`probe(${JSON.stringify(exactly)}) taken`);
    const long = { text: "y".repeat(500) };
    const cut = await smokeRun(sandbox, spec(CRASH), [recordCalling(long)]);
    expect(!cut.ok && cut.reason).toContain(`probe(${JSON.stringify(long).slice(0, 200)}…) taken`);
  });

  it("runs a function that declares capabilities with the handler of the capabilities it is given", async () => {
    // parse needs no network; refused, this code would crash the runtime.
    const code = crashesUnlessParseAnswers("probe", "text");
    const parsing = spec(code, { capabilities: ["parse"] });
    const capabilities = createCapabilities({ parse: true }).replayOnly();
    expect(await smokeRun(sandbox, parsing, [recordCalling({ text: "a" })], { capabilities })).toEqual({ ok: true, sampled: true });
    // Composed with its capabilities, a crashing function is still refused.
    expect(await smokeRun(sandbox, spec(CRASH, { capabilities: ["parse"] }), [recordCalling({ text: "a" })], { capabilities })).toMatchObject({ ok: false });
  });
});
