import { AIMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { normalizeRemoveArgs, normalizeSpecArgs, readToolCalls, sampleCallArgs } from "../../src/optimizer/index.js";
import { baseRecords } from "./fixtures.js";

const base = { name: "f", description: "d", code: "function f({ x }) { return x; }" };

describe("normalizeSpecArgs", () => {
  it("accepts the full object schema unchanged", () => {
    const schema = { type: "object", properties: { x: { type: "number" } }, required: ["x"] };
    const r = normalizeSpecArgs({ ...base, arguments: schema, packages: [] });
    expect(r).toEqual({ ok: true, value: { ...base, parameters: schema, packages: [] } });
  });

  it("wraps the paper's properties-only form and parses a JSON string", () => {
    const r = normalizeSpecArgs({ ...base, arguments: '{"x": {"type": "number"}, "type": {"type": "string"}}', packages: "" });
    expect(r.ok && r.value.parameters).toEqual({ type: "object", properties: { x: { type: "number" }, type: { type: "string" } } });
    expect(r.ok && r.value.packages).toEqual([]);
  });

  it("adds a missing top-level type to an object schema with properties", () => {
    const r = normalizeSpecArgs({ ...base, arguments: { properties: { x: { type: "number" } }, required: ["x"] } });
    expect(r.ok && r.value.parameters).toEqual({ type: "object", properties: { x: { type: "number" } }, required: ["x"] });
  });

  it("reads packages given as a comma list or a JSON array string", () => {
    const a = normalizeSpecArgs({ ...base, arguments: {}, packages: "mathjs, other" });
    const b = normalizeSpecArgs({ ...base, arguments: {}, packages: '["mathjs"]' });
    expect(a.ok && a.value.packages).toEqual(["mathjs", "other"]);
    expect(b.ok && b.value.packages).toEqual(["mathjs"]);
  });

  it("names a schema string that is not JSON", () => {
    const r = normalizeSpecArgs({ ...base, arguments: "{x:" });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/^field "arguments" is a string but not valid JSON \(.+\)/);
  });

  it("refuses non-object arguments", () => {
    expect(normalizeSpecArgs(["f"])).toEqual({ ok: false, code: "invalid_arguments", reason: "the arguments must be a JSON object, got an array" });
    expect(normalizeRemoveArgs({ name: "  " })).toMatchObject({ ok: false, code: "invalid_arguments" });
  });
});

describe("readToolCalls", () => {
  it("keeps the provider's order of valid and invalid calls and gives each an answerable id", () => {
    const reply = new AIMessage({
      content: "",
      tool_calls: [{ id: "b", name: "remove_function", args: { name: "x" } }],
      invalid_tool_calls: [{ id: "a", name: "add_function", args: '{"name":', error: "bad", type: "invalid_tool_call" }],
      additional_kwargs: { tool_calls: [{ id: "a" }, { id: "b" }] as never },
    });
    const { calls, message } = readToolCalls(reply, 1);
    expect(calls.map((c) => c.id)).toEqual(["a", "b"]);
    expect(calls[0]!.invalidJson).toMatch(/JSON|Unexpected end/);
    expect(message.tool_calls?.map((c) => [c.id, c.args])).toEqual([["a", {}], ["b", { name: "x" }]]);
    expect(message.invalid_tool_calls ?? []).toEqual([]);
  });
});

describe("sampleCallArgs", () => {
  it("returns the first recorded object arguments of the function", () => {
    expect(sampleCallArgs(baseRecords(), "double")).toEqual({ x: 2 });
    expect(sampleCallArgs(baseRecords(), "absent")).toBeUndefined();
  });
});

describe("normalize-action: edge cases a model produces", () => {
  it("trims surrounding spaces from a remove_function name, and refuses a blank one", () => {
    expect(normalizeRemoveArgs({ name: "  sq \n" })).toEqual({ ok: true, value: "sq" });
    expect(normalizeRemoveArgs({ name: "   " })).toMatchObject({ ok: false, code: "invalid_arguments" });
  });

  it("treats a type-less schema whose properties mix objects and non-objects as the paper's properties-only map", () => {
    const mixed = { properties: { x: { type: "number" }, y: 3 } };
    const r = normalizeSpecArgs({ ...base, arguments: mixed, packages: [] });
    expect(r.ok && r.value.parameters).toEqual({ type: "object", properties: mixed });
    // All objects: it is the full form that only lacks "type".
    const full = { properties: { x: { type: "number" } }, required: ["x"] };
    const r2 = normalizeSpecArgs({ ...base, arguments: full, packages: [] });
    expect(r2.ok && r2.value.parameters).toEqual({ type: "object", ...full });
  });

  it("reads packages: null as no packages", () => {
    const r = normalizeSpecArgs({ ...base, arguments: { x: { type: "number" } }, packages: null });
    expect(r.ok && r.value.packages).toEqual([]);
  });
});
