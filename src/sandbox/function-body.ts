import { parse } from "acorn";

/**
 * Why `code` cannot be pasted into a function body as it is, or `undefined`.
 * The sandbox compiles a definition inside a wrapper function; only code that
 * is a complete program on its own (every bracket, string, comment and
 * template closed) stays inside it. Text like `}); let X = 1; (function () {`
 * would otherwise close the wrapper and run at the realm's top level, where
 * its bindings outlive the call. QuickJS's own `Function` constructor pastes
 * text the same way, so it is no substitute.
 *
 * @example
 * import { functionBodyProblem } from "./function-body.js";
 * functionBodyProblem("function f() { return 1; }"); // undefined
 * functionBodyProblem("}); let X = 1; (function () {"); // "Unexpected token (1:0)"
 */
export function functionBodyProblem(code: string): string | undefined {
  try {
    parse(code, { ecmaVersion: "latest", sourceType: "script", allowReturnOutsideFunction: true });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
