import type { FunctionSpec } from "../functions/index.js";

/**
 * The one-line signature of a learned function, e.g.
 * `calc_expression({ expression: string })`.
 *
 * @example
 * import { functionSignature } from "toolforge";
 * functionSignature({ name: "add", parameters: { type: "object", properties: { a: { type: "number" } }, required: ["a"] } } as any); // "add({ a: number })"
 */
export function functionSignature(f: Pick<FunctionSpec, "name" | "parameters">): string {
  const props = Object.entries(f.parameters.properties ?? {}).map(([k, v]) => {
    const s = v as { type?: unknown; items?: { type?: unknown } };
    const type = s.type === "array" ? `${String(s.items?.type ?? "unknown")}[]` : String(s.type ?? "unknown");
    return `${k}${f.parameters.required?.includes(k) ? "" : "?"}: ${type}`;
  });
  return `${f.name}({ ${props.join(", ")} })`.replace("({  })", "({})");
}
