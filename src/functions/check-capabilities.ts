import { parse, type Node } from "acorn";

/** Capability names a spec may declare, besides `tools.<name>` and `functions.<name>`. */
const PLAIN = new Set(["fetch", "parse", "readAttachment", "search"]);
const MEMBER = /^(tools|functions)\.([A-Za-z_$][\w$-]{0,63})$/;

/**
 * Why a `capabilities` list is malformed (not an array of known names,
 * duplicates), or `undefined`.
 *
 * @example
 * capabilitiesProblem(["fetch", "tools.lookup"]); // undefined
 * capabilitiesProblem(["net"]); // 'unknown capability "net"; …'
 */
export function capabilitiesProblem(value: unknown): string | undefined {
  if (!Array.isArray(value) || !value.every((c) => typeof c === "string")) return "must be an array of capability names";
  for (const c of value as string[]) {
    if (!PLAIN.has(c) && !MEMBER.test(c)) return `unknown capability ${JSON.stringify(c)}; known: fetch, parse, readAttachment, search, tools.<name>, functions.<name>`;
  }
  if (new Set(value).size !== value.length) return "lists a capability twice";
  return undefined;
}

/**
 * Capabilities the code refers to: free uses of `fetch`, `parse`,
 * `readAttachment`, `search`, and `tools.<name>` / `functions.<name>`
 * member calls. Names the code declares itself (variables, parameters,
 * functions) are not capabilities. A computed `tools[x]` is reported as
 * `tools[]`, which no declaration can satisfy.
 *
 * @example
 * capabilitiesUsed("async function f() { return parse.pdf(await readAttachment('a.pdf')); }"); // ["parse", "readAttachment"]
 */
export function capabilitiesUsed(code: string): string[] {
  let program: Node;
  try {
    program = parse(code, { ecmaVersion: "latest", sourceType: "script" });
  } catch {
    return [];
  }
  const declared = new Set<string>();
  const used = new Set<string>();
  const visit = (value: unknown, parentKey: string, parent: Record<string, unknown> | undefined): void => {
    if (Array.isArray(value)) return value.forEach((v) => visit(v, parentKey, parent));
    if (typeof value !== "object" || value === null) return;
    const node = value as Record<string, unknown> & { type?: string; name?: string };
    if (node.type === "VariableDeclarator" || node.type === "FunctionDeclaration" || node.type === "FunctionExpression") collectIds(node.id, declared);
    if (node.type === "CatchClause") collectIds(node.param, declared);
    if (typeof node.type === "string" && /Function/.test(node.type)) for (const p of node.params as unknown[]) collectIds(p, declared);
    if (node.type === "MemberExpression") {
      const object = node.object as { type?: string; name?: string };
      const property = node.property as { type?: string; name?: string };
      if (object.type === "Identifier" && (object.name === "tools" || object.name === "functions")) {
        used.add(node.computed || property.type !== "Identifier" ? `${object.name}[]` : `${object.name}.${property.name}`);
        visit(node.property, "property", node);
        return;
      }
    }
    if (node.type === "Identifier" && PLAIN.has(node.name as string)) {
      const isKey = (parent?.type === "MemberExpression" && parentKey === "property" && !parent.computed) || (parent?.type === "Property" && parentKey === "key" && !parent.computed);
      if (!isKey) used.add(node.name as string);
    }
    for (const [key, child] of Object.entries(node)) if (key !== "loc") visit(child, key, node);
  };
  visit(program, "", undefined);
  return [...used].filter((u) => !declared.has(u) && !declared.has(u.split(/[.[]/)[0] as string)).sort();
}

function collectIds(pattern: unknown, into: Set<string>): void {
  if (typeof pattern !== "object" || pattern === null) return;
  const p = pattern as { type?: string; name?: string; elements?: unknown[]; properties?: { value?: unknown; argument?: unknown }[]; left?: unknown; argument?: unknown };
  if (p.type === "Identifier") into.add(p.name as string);
  else if (p.type === "ArrayPattern") p.elements?.forEach((e) => collectIds(e, into));
  else if (p.type === "ObjectPattern") p.properties?.forEach((prop) => collectIds(prop.value ?? prop.argument, into));
  else if (p.type === "AssignmentPattern") collectIds(p.left, into);
  else if (p.type === "RestElement") collectIds(p.argument, into);
}
