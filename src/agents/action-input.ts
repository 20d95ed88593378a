import { toJsonSchema } from "@langchain/core/utils/json_schema";

/** JSON schema of a tool's arguments (zod or JSON schema in, JSON schema out). */
export function toolJsonSchema(tool: { schema: unknown }): {
  type?: string;
  properties?: Record<string, { type?: string | string[]; description?: string }>;
  required?: string[];
} {
  try {
    return toJsonSchema(tool.schema as Parameters<typeof toJsonSchema>[0]) as ReturnType<typeof toolJsonSchema>;
  } catch {
    return {};
  }
}

/**
 * Result of {@link parseActionInput}: the arguments, or why they could not be read.
 *
 * @example
 * import { parseActionInput, type ParsedActionInput } from "toolforge";
 * const r: ParsedActionInput = parseActionInput("{}", tool);
 * if (!r.ok) console.log(r.reason);
 */
export type ParsedActionInput = { ok: true; args: Record<string, unknown> } | { ok: false; reason: string };

/**
 * Reads a ReAct `Action Input` for a tool, tolerantly: a JSON object (also in
 * a code fence, or Python-style with single quotes / True / None), a bare
 * value for a one-argument tool, `key=value` pairs, or nothing for a tool
 * without arguments.
 *
 * @example
 * import { parseActionInput } from "toolforge";
 * parseActionInput('{"expression": "2+2"}', tool); // { ok: true, args: { expression: "2+2" } }
 * parseActionInput("2+2", tool);                    // { ok: true, args: { expression: "2+2" } } (one-argument tool)
 */
export function parseActionInput(raw: string, tool: { schema: unknown }): ParsedActionInput {
  const schema = toolJsonSchema(tool);
  const props = Object.keys(schema.properties ?? {});
  const text = stripFence(raw.trim());
  if (!text) return props.length === 0 || !(schema.required?.length) ? { ok: true, args: {} } : missing(props);

  const json = tryJson(text) ?? tryJson(pythonToJson(text));
  if (json !== undefined) {
    if (isPlainObject(json)) {
      // A model sometimes wraps the arguments once more: {"args": {...}}.
      const inner = Object.keys(json).length === 1 && !props.includes(Object.keys(json)[0]!) ? Object.values(json)[0] : undefined;
      if (isPlainObject(inner) && props.some((p) => p in inner)) return { ok: true, args: inner };
      return { ok: true, args: json };
    }
    if (props.length === 1) return { ok: true, args: { [props[0]!]: json } };
  }
  if (props.length === 1) {
    return { ok: true, args: { [props[0]!]: coerce(unquote(text), schema.properties![props[0]!]?.type) } };
  }
  const pairs = keyValuePairs(text, props);
  if (pairs) {
    const args: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(pairs)) args[k] = coerce(v, schema.properties![k]?.type);
    return { ok: true, args };
  }
  return missing(props);
}

function missing(props: string[]): ParsedActionInput {
  return {
    ok: false,
    reason: `Action Input must be a JSON object with the fields ${props.map((p) => JSON.stringify(p)).join(", ")}`,
  };
}

function stripFence(text: string): string {
  const m = /^```[\w-]*[ \t]*\n?([\s\S]*?)\n?```$/.exec(text);
  return m ? m[1]!.trim() : text.replace(/^`([^`]*)`$/, "$1");
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function pythonToJson(text: string): string {
  if (!/^[{[]/.test(text)) return text;
  return text
    .replace(/'((?:[^'\\]|\\.)*)'/g, (_m, s: string) => JSON.stringify(s.replace(/\\'/g, "'")))
    .replace(/\bTrue\b/g, "true")
    .replace(/\bFalse\b/g, "false")
    .replace(/\bNone\b/g, "null")
    .replace(/,\s*([}\]])/g, "$1");
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function unquote(text: string): string {
  const m = /^(["'])([\s\S]*)\1$/.exec(text);
  return m ? m[2]! : text;
}

function coerce(value: string, type: string | string[] | undefined): unknown {
  const types = Array.isArray(type) ? type : [type];
  if ((types.includes("number") || types.includes("integer")) && /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(value.trim())) {
    return Number(value.trim());
  }
  if (types.includes("boolean") && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === "true";
  if (types.includes("array") || types.includes("object")) {
    const parsed = tryJson(value);
    if (parsed !== undefined) return parsed;
  }
  return value;
}

// `a=1, b=2` or one `a: 1` per line, only with the tool's own argument names.
function keyValuePairs(text: string, props: string[]): Record<string, string> | null {
  if (props.length === 0) return null;
  const names = props.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  const re = new RegExp(`(?:^|[,\\n])\\s*(${names})\\s*[=:]\\s*`, "g");
  const hits = [...text.matchAll(re)];
  if (hits.length === 0 || text.slice(0, hits[0]!.index).trim()) return null;
  const out: Record<string, string> = {};
  hits.forEach((m, i) => {
    const end = i + 1 < hits.length ? hits[i + 1]!.index : text.length;
    out[m[1]!] = unquote(text.slice(m.index + m[0].length, end).trim());
  });
  return out;
}
