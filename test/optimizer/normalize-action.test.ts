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

describe("normalize-action: capabilities, roles and the exact refusals", () => {
  it("reads capabilities like packages and leaves them out when there are none", () => {
    const none = normalizeSpecArgs({ ...base, arguments: {}, packages: [] });
    expect(none.ok && "capabilities" in none.value).toBe(false);
    const empty = normalizeSpecArgs({ ...base, arguments: {}, capabilities: "" });
    expect(empty.ok && "capabilities" in empty.value).toBe(false);
    const list = normalizeSpecArgs({ ...base, arguments: {}, capabilities: "fetch, parse" });
    expect(list.ok && list.value.capabilities).toEqual(["fetch", "parse"]);
    const array = normalizeSpecArgs({ ...base, arguments: {}, capabilities: ["fetch"] });
    expect(array.ok && array.value.capabilities).toEqual(["fetch"]);
    const bad = normalizeSpecArgs({ ...base, arguments: {}, capabilities: "[fetch" });
    expect(bad).toMatchObject({ ok: false, code: "invalid_arguments" });
    expect(!bad.ok && bad.reason).toMatch(/^field "capabilities" looks like a JSON array but does not parse \(.+\)$/);
  });

  it("passes roles through for the team check, and adds no roles key when they are absent", () => {
    const given = normalizeSpecArgs({ ...base, arguments: {}, roles: ["calculator"] });
    expect(given.ok && (given.value as { roles?: unknown }).roles).toEqual(["calculator"]);
    const absent = normalizeSpecArgs({ ...base, arguments: {} });
    expect(absent.ok && "roles" in absent.value).toBe(false);
  });

  it("names a packages string that looks like a broken JSON array, and passes other types to the validator", () => {
    const bad = normalizeSpecArgs({ ...base, arguments: {}, packages: ' ["mathjs" ' });
    expect(bad).toMatchObject({ ok: false, code: "invalid_arguments" });
    expect(!bad.ok && bad.reason).toMatch(/^field "packages" looks like a JSON array but does not parse \(.+\)$/);
    const odd = normalizeSpecArgs({ ...base, arguments: {}, packages: 5 });
    expect(odd.ok && odd.value.packages).toBe(5);
    const spaced = normalizeSpecArgs({ ...base, arguments: {}, packages: "  mathjs  lodash " });
    expect(spaced.ok && spaced.value.packages).toEqual(["mathjs", "lodash"]);
  });

  it("passes schemas that are not objects to the validator and wraps a schema with a non-string type as properties", () => {
    const notObject = normalizeSpecArgs({ ...base, arguments: 5 });
    expect(notObject.ok && notObject.value.parameters).toBe(5);
    const list = normalizeSpecArgs({ ...base, arguments: '["x"]' });
    expect(list.ok && list.value.parameters).toEqual(["x"]);
    const oddType = { type: { type: "string" }, x: { type: "number" } };
    const r = normalizeSpecArgs({ ...base, arguments: oddType });
    expect(r.ok && r.value.parameters).toEqual({ type: "object", properties: oddType });
    const propsNotObject = { properties: "x" };
    const r2 = normalizeSpecArgs({ ...base, arguments: propsNotObject });
    expect(r2.ok && r2.value.parameters).toEqual({ type: "object", properties: propsNotObject });
  });

  it("names what a remove_function call sent instead of a name", () => {
    const reason = (args: unknown) => {
      const r = normalizeRemoveArgs(args);
      return r.ok ? undefined : r.reason;
    };
    expect(reason({})).toBe('field "name" must be a non-empty string, got nothing');
    expect(reason({ name: null })).toBe('field "name" must be a non-empty string, got null');
    expect(reason({ name: ["f"] })).toBe('field "name" must be a non-empty string, got an array');
    expect(reason({ name: 1 })).toBe('field "name" must be a non-empty string, got a number');
    expect(reason({ name: "" })).toBe('field "name" must be a non-empty string, got a string');
    expect(reason(null)).toBe("the arguments must be a JSON object, got null");
    expect(reason("f")).toBe("the arguments must be a JSON object, got a string");
    expect(reason(undefined)).toBe("the arguments must be a JSON object, got nothing");
    expect(normalizeSpecArgs(undefined)).toEqual({ ok: false, code: "invalid_arguments", reason: "the arguments must be a JSON object, got nothing" });
  });
});
