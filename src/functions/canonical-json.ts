/**
 * JSON with object keys sorted at every depth, so equal values always
 * serialise to equal strings: the one canonical JSON of toolforge (toolset
 * content hashes, toolset diffs, model-cache keys). Values are rendered as
 * `JSON.stringify` renders them (`toJSON` honoured, `undefined` fields
 * dropped); only the key order is fixed.
 *
 * @example
 * canonicalJson({ b: 1, a: { d: [2], c: undefined } }); // '{"a":{"d":[2]},"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? // The default sort orders strings by UTF-16 code units, as `<` does.
        Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  );
}
