import { tool } from "@langchain/core/tools";
import { DynamicStructuredTool } from "@langchain/core/tools";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseActionInput } from "../../src/agents/action-input.js";

const add = tool(async ({ a, b }) => a + b, { name: "add", description: "add", schema: z.object({ a: z.number(), b: z.number() }) });
const evalExpr = new DynamicStructuredTool({
  name: "evaluate_expression",
  description: "evaluate",
  schema: { type: "object", properties: { expression: { type: "string" } }, required: ["expression"] },
  func: async () => "",
});
const square = tool(async ({ n }) => n * n, { name: "square", description: "square", schema: z.object({ n: z.number() }) });
const noArgs = tool(async () => "pi", { name: "pi", description: "pi", schema: z.object({}) });

describe("parseActionInput", () => {
  it("reads JSON objects, also inside code fences", () => {
    expect(parseActionInput('{"a": 1, "b": 2}', add)).toEqual({ ok: true, args: { a: 1, b: 2 } });
    expect(parseActionInput('```json\n{"a": 1, "b": 2}\n```', add)).toEqual({ ok: true, args: { a: 1, b: 2 } });
  });

  it("reads Python-style dicts", () => {
    expect(parseActionInput("{'expression': 'x', 'flag': True, 'y': None,}", evalExpr)).toEqual({ ok: true, args: { expression: "x", flag: true, y: null } });
    expect(parseActionInput("{'a': 1, 'b': 2}", add)).toEqual({ ok: true, args: { a: 1, b: 2 } });
  });

  it("maps a bare value to the only argument, with type coercion", () => {
    expect(parseActionInput("2 + 3 * 4", evalExpr)).toEqual({ ok: true, args: { expression: "2 + 3 * 4" } });
    expect(parseActionInput('"2+2"', evalExpr)).toEqual({ ok: true, args: { expression: "2+2" } });
    expect(parseActionInput("12", square)).toEqual({ ok: true, args: { n: 12 } });
  });

  it("reads key=value pairs and key: value lines", () => {
    expect(parseActionInput("a=1, b=2", add)).toEqual({ ok: true, args: { a: 1, b: 2 } });
    expect(parseActionInput("a: 3\nb: 4", add)).toEqual({ ok: true, args: { a: 3, b: 4 } });
  });

  it("unwraps one extra level of nesting", () => {
    expect(parseActionInput('{"args": {"a": 1, "b": 2}}', add)).toEqual({ ok: true, args: { a: 1, b: 2 } });
  });

  it("accepts an empty input for a tool without arguments only", () => {
    expect(parseActionInput("", noArgs)).toEqual({ ok: true, args: {} });
    const r = parseActionInput("", add);
    expect(r.ok).toBe(false);
  });

  it("explains unreadable input with the expected fields", () => {
    const r = parseActionInput("add one and two", add);
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('"a", "b"') });
  });
});
