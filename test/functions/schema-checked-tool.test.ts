import { ToolMessage } from "@langchain/core/messages";
import { ToolInputParsingException } from "@langchain/core/tools";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FunctionSpecError, Toolset, type JSONSchema } from "../../src/functions/index.js";
import { LinearRegExpError, linearRegExp } from "../../src/functions/linear-regexp.js";
import { SchemaCheckedTool } from "../../src/functions/schema-checked-tool.js";
import { fakeSandbox } from "./fixtures.js";

const EVIL = "^(a+)+$";
const spec = (parameters: { properties: Record<string, JSONSchema> } & JSONSchema) => ({
  name: "echo",
  description: "Echoes its arguments.",
  parameters: { type: "object" as const, ...parameters },
  code: "function echo(args) { return args; }",
  packages: [],
});
const call = (args: Record<string, unknown>) => ({ type: "tool_call" as const, id: "c1", name: "echo", args });

/** Sources of every host RegExp executed while `run` runs. */
async function hostRegExpsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const exec = RegExp.prototype.exec;
  const spy = vi.spyOn(RegExp.prototype, "exec").mockImplementation(function (this: RegExp, s: string) {
    seen.push(this.source);
    return exec.call(this, s);
  });
  const test = RegExp.prototype.test;
  const spyTest = vi.spyOn(RegExp.prototype, "test").mockImplementation(function (this: RegExp, s: string) {
    seen.push(this.source);
    return test.call(this, s);
  });
  try {
    await run().catch(() => undefined);
  } finally {
    spy.mockRestore();
    spyTest.mockRestore();
  }
  return seen;
}

afterEach(() => vi.restoreAllMocks());

describe("tool arguments are validated with linear-time patterns", () => {
  const withPattern = Toolset.from([spec({ properties: { s: { type: "string", pattern: EVIL } }, required: ["s"] })]);
  const withPatternKeys = Toolset.from([spec({ properties: {}, patternProperties: { [EVIL]: { type: "number" } }, additionalProperties: false })]);
  const withNested = Toolset.from([spec({ properties: { list: { type: "array", items: { type: "string", pattern: "^(x|xx)+y$" } } } })]);

  it("never hands a schema's pattern to the host's backtracking RegExp engine", async () => {
    const [tool] = withPattern.toTools({ sandbox: fakeSandbox() });
    const sources = await hostRegExpsDuring(() => tool!.invoke(call({ s: "aaaa!" })));
    expect(sources).not.toContain(EVIL);
    const [keyed] = withPatternKeys.toTools({ sandbox: fakeSandbox() });
    expect(await hostRegExpsDuring(() => keyed!.invoke(call({ aaa: 1 })))).not.toContain(EVIL);
  });

  it("rejects a catastrophic input with the schema error and accepts a matching one", async () => {
    const [tool] = withPattern.toTools({ sandbox: fakeSandbox() });
    await expect(tool!.invoke(call({ s: "a".repeat(40) + "!" }))).rejects.toBeInstanceOf(ToolInputParsingException);
    await expect(tool!.invoke(call({ s: "a".repeat(40) + "!" }))).rejects.toThrow(/did not match expected schema[\s\S]*"s" must match pattern/);
    const ok = (await tool!.invoke(call({ s: "aaa" }))) as ToolMessage;
    expect(ok.content).toBe('{"s":"aaa"}');
  });

  it("applies patterns in nested schemas and patternProperties with JSON Schema semantics", async () => {
    const [nested] = withNested.toTools({ sandbox: fakeSandbox() });
    await expect(nested!.invoke(call({ list: ["xxy", "x".repeat(50)] }))).rejects.toThrow(/"list.1" must match pattern/);
    const [keyed] = withPatternKeys.toTools({ sandbox: fakeSandbox() });
    expect(((await keyed!.invoke(call({ aa: 2 }))) as ToolMessage).content).toBe('{"aa":2}');
    await expect(keyed!.invoke(call({ aa: "two" }))).rejects.toThrow(/"aa" must be number/);
    await expect(keyed!.invoke(call({ b: 1 }))).rejects.toThrow(/must NOT have additional properties/);
  });

  it("refuses patterns that need backtracking when the function is accepted, naming field and pattern", () => {
    for (const pattern of ["(?=a)b", "(a)\\1", "(?<!x)y"]) {
      const bad = spec({ properties: { s: { type: "string", pattern } } });
      expect(() => Toolset.empty().add(bad)).toThrow(FunctionSpecError);
      expect(() => Toolset.empty().add(bad)).toThrow(/field "parameters".*not supported.*linear time/);
    }
  });

  it("keeps ECMAScript escapes working and matches like RegExp.test (a search, not a full match)", () => {
    expect(linearRegExp("^\\u00e9\\u{1F600}$").test("é😀")).toBe(true);
    expect(linearRegExp("\\\\u0041").test("\\u0041")).toBe(true); // an escaped backslash stays one
    expect(linearRegExp("b+").test("abbc")).toBe(true);
    expect(linearRegExp("^b+$").test("abbc")).toBe(false);
    expect(() => linearRegExp("(?=a)")).toThrow(LinearRegExpError);
  });
});

describe("validators across many tools", () => {
  it("validates each function by its own schema when two schemas share an $id", async () => {
    // Ajv registers a compiled schema's $id; a second, different schema with the same $id used to throw
    // "already exists" when its tool was built, so one learned function could break another.
    const num = { ...spec({ $id: "args", properties: { v: { type: "number" } }, required: ["v"] }), name: "num", code: "function num(args) { return args; }" };
    const str = { ...spec({ $id: "args", properties: { v: { type: "string" } }, required: ["v"] }), name: "str", code: "function str(args) { return args; }" };
    const [a, b] = Toolset.from([num, str]).toTools({ sandbox: fakeSandbox() });
    const args = (name: string, v: unknown) => ({ type: "tool_call" as const, id: "c", name, args: { v } });
    expect(((await a!.invoke(args("num", 1))) as ToolMessage).content).toBe('{"v":1}');
    await expect(a!.invoke(args("num", "x"))).rejects.toThrow(/"v" must be number/);
    expect(((await b!.invoke(args("str", "x"))) as ToolMessage).content).toBe('{"v":"x"}');
    await expect(b!.invoke(args("str", 1))).rejects.toThrow(/"v" must be string/);
  });

  it("keeps validating correctly when the same schema is rebuilt for every task", async () => {
    const toolset = Toolset.from([spec({ properties: { n: { type: "integer", minimum: 0 } }, required: ["n"] })]);
    for (let task = 0; task < 50; task++) {
      const [tool] = toolset.toTools({ sandbox: fakeSandbox() });
      expect(((await tool!.invoke(call({ n: task }))) as ToolMessage).content).toBe(`{"n":${task}}`);
      await expect(tool!.invoke(call({ n: -task - 1 }))).rejects.toThrow(/"n" must be >= 0/);
    }
  });
});

describe("schemas with an $id", () => {
  it("can be turned into tools again and again (each evaluation does), and validate each time", async () => {
    const toolset = Toolset.from([spec({ $id: "echo-args", properties: { n: { type: "number" } }, required: ["n"] })]);
    for (let round = 0; round < 3; round++) {
      const [echo] = toolset.toTools({ sandbox: fakeSandbox() });
      expect(((await echo!.invoke(call({ n: round }))) as ToolMessage).status).toBe("success");
      await expect(echo!.invoke({ n: "x" })).rejects.toThrow(ToolInputParsingException);
    }
  });
});

describe("SchemaCheckedTool", () => {
  const schema = { type: "object" as const, properties: { n: { type: "number" as const } }, required: ["n"] };
  const echo = (verboseParsingErrors: boolean) =>
    new SchemaCheckedTool({ name: "echo", description: "echo", schema, verboseParsingErrors, func: async (x: unknown) => JSON.stringify(x) });
  const refusal = async (promise: Promise<unknown>): Promise<ToolInputParsingException> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ToolInputParsingException);
    return error as ToolInputParsingException;
  };

  it("says why only when asked to (verboseParsingErrors), and keeps the input it refused", async () => {
    const terse = await refusal(echo(false).invoke({ n: "x" }));
    expect(terse.message).toBe("Received tool input did not match expected schema");
    expect(terse.output).toBe('{"n":"x"}');
    const verbose = await refusal(echo(true).invoke({ n: "x" }));
    expect(verbose.message).toBe('Received tool input did not match expected schema\nDetails: "n" must be number');
    const asCall = await refusal(echo(true).call(call({})));
    expect(asCall.message).toBe("Received tool input did not match expected schema\nDetails: must have required property 'n'");
    expect(JSON.parse(asCall.output!)).toEqual(call({}));
  });

  it("validates a tool call's args, and anything else as the input itself", async () => {
    expect(((await echo(true).invoke(call({ n: 1 }))) as ToolMessage).content).toBe('{"n":1}');
    // LangChain unwraps a tool call before `call`; called directly with one, the args are what is checked.
    expect(((await echo(true).call(call({ n: 1 }))) as ToolMessage).content).toBe('{"n":1}');
    await refusal(echo(true).call(call({ n: "1" })));
    expect(await echo(true).invoke({ n: 2 })).toBe('{"n":2}');
    // Shaped like a tool call but without args: it is the input, and lacks "n".
    await refusal(echo(true).invoke({ type: "tool_call", n: 3 } as never));
    expect(await echo(true).invoke({ type: "other", n: 3, args: {} } as never)).toBe('{"type":"other","n":3,"args":{}}');
  });

  it("turns a validator that throws into the same refusal, with the reason", async () => {
    const hostile = Object.defineProperty({}, "n", {
      enumerable: true,
      get() {
        throw new Error("getter exploded");
      },
    });
    const error = await refusal(echo(true).invoke(hostile));
    expect(error.message).toBe("Received tool input did not match expected schema\nDetails: arguments could not be validated: getter exploded");
    expect(error.output).toBeUndefined();
  });

  it("refuses arguments nested deeper than the host stack under a recursive schema, as a refusal", async () => {
    const tree = new SchemaCheckedTool({ name: "tree", description: "tree", schema: { type: "object", properties: { n: { $ref: "#" } } }, verboseParsingErrors: true, func: async () => "ok" });
    let deep: object = {};
    for (let i = 0; i < 200_000; i++) deep = { n: deep };
    const error = await refusal(tree.invoke(deep));
    expect(error.message).toBe("Received tool input did not match expected schema\nDetails: arguments could not be validated: Maximum call stack size exceeded");
    expect(await tree.invoke({ n: { n: {} } })).toBe("ok");
  });
});
