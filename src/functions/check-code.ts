import { parse, type ModuleDeclaration, type Node, type Program, type Statement } from "acorn";

/** The outcome of {@link findFunctionDefinition}. */
export type CodeCheck =
  | {
      ok: true;
      form: "function" | "async function" | "function expression" | "arrow function";
      /** Libraries named by `require("…")` calls with a string literal. */
      requires: string[];
    }
  | { ok: false; code: "E_SPEC_CODE_SYNTAX" | "E_SPEC_CODE_NOT_DEFINED"; reason: string; line?: number; column?: number };

type FunctionNode = Node & { type: string; params: Node[]; generator?: boolean; async?: boolean };

/**
 * Parses `code` as a classic script (latest ECMAScript, no modules, no
 * top-level await) and checks it defines `name` at top level in one of the
 * accepted forms:
 * `function NAME(args) {}`, `async function NAME(args) {}`,
 * `const|let|var NAME = function (args) {}` (async too), or
 * `const|let|var NAME = (args) => …` (async too).
 * The function must take at most one parameter (the argument object) and
 * must not be a generator.
 */
export function findFunctionDefinition(code: string, name: string): CodeCheck {
  let program: Program;
  try {
    program = parse(code, { ecmaVersion: "latest", sourceType: "script", locations: true, allowAwaitOutsideFunction: false });
  } catch (error) {
    const e = error as Error & { loc?: { line: number; column: number } };
    const hint = /\b(import|export)\b/.test(code)
      ? " (code is a plain script: import/export are not available; declare a library in `packages` and use `const math = require(\"mathjs\")`)"
      : "";
    // acorn appends "(line:col)" to its message; the location is reported separately.
    const reason = `code does not parse: ${String(e.message).replace(/\s*\(\d+:\d+\)$/, "")}${hint}`;
    return e.loc
      ? { ok: false, code: "E_SPEC_CODE_SYNTAX", reason, line: e.loc.line, column: e.loc.column + 1 }
      : { ok: false, code: "E_SPEC_CODE_SYNTAX", reason };
  }

  const found: string[] = [];
  for (const statement of program.body) {
    for (const [declared, fn] of topLevelFunctions(statement)) {
      if (declared !== name) {
        found.push(declared);
        continue;
      }
      const line = fn.loc?.start.line;
      if (fn.generator) {
        return { ok: false, code: "E_SPEC_CODE_NOT_DEFINED", reason: `"${name}" is a generator function; it must return its result`, line };
      }
      if (fn.params.length > 1) {
        return {
          ok: false,
          code: "E_SPEC_CODE_NOT_DEFINED",
          reason: `"${name}" declares ${fn.params.length} parameters; it must take one object argument (e.g. \`function ${name}({ a, b })\`)`,
          line,
        };
      }
      const form =
        fn.type === "ArrowFunctionExpression" ? "arrow function"
        : fn.type === "FunctionExpression" ? "function expression"
        : fn.async ? "async function" : "function";
      return { ok: true, form, requires: requiredLibraries(program) };
    }
  }
  const others = found.length > 0 ? `; it defines ${found.map((n) => `"${n}"`).join(", ")}` : "";
  return {
    ok: false,
    code: "E_SPEC_CODE_NOT_DEFINED",
    reason:
      `code does not define a top-level function named "${name}"${others}. ` +
      `Accepted forms: function ${name}(args) {…}, async function ${name}(args) {…}, const ${name} = (args) => …, const ${name} = function (args) {…}`,
  };
}

// A tiny generic walk: acorn-walk is not a dependency, and require() calls are
// the only thing looked for.
function requiredLibraries(root: Node): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== "object" || value === null) return;
    const node = value as { type?: unknown; callee?: { type: string; name?: string }; arguments?: { type: string; value?: unknown }[] };
    if (node.type === "CallExpression" && node.callee?.type === "Identifier" && node.callee.name === "require") {
      const [first] = node.arguments ?? [];
      if (first?.type === "Literal" && typeof first.value === "string") found.add(first.value);
    }
    for (const [key, child] of Object.entries(value)) if (key !== "loc") visit(child);
  };
  visit(root);
  return [...found];
}

function* topLevelFunctions(statement: Statement | ModuleDeclaration): Generator<[string, FunctionNode]> {
  if (statement.type === "FunctionDeclaration" && statement.id) {
    yield [statement.id.name, statement as unknown as FunctionNode];
  } else if (statement.type === "VariableDeclaration") {
    for (const d of statement.declarations) {
      if (d.id.type !== "Identifier" || !d.init) continue;
      if (d.init.type === "ArrowFunctionExpression" || d.init.type === "FunctionExpression") {
        yield [d.id.name, d.init as unknown as FunctionNode];
      }
    }
  }
}
