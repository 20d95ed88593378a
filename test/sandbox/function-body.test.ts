import { describe, expect, it } from "vitest";
import { functionBodyProblem } from "../../src/sandbox/function-body.js";

describe("functionBodyProblem", () => {
  it("accepts complete programs, including modern syntax and a top-level return", () => {
    expect(functionBodyProblem("function f({ a }) { return a ?? 1; }")).toBeUndefined();
    expect(functionBodyProblem("const g = async () => { for await (const x of []) {} return 2n ** 3n; };")).toBeUndefined();
    expect(functionBodyProblem("class A { #x = 1; static { this.y = 2; } }")).toBeUndefined();
    // The body is pasted into a wrapper function, where `return` is legal.
    expect(functionBodyProblem("return 1;")).toBeUndefined();
    // Script, not module: `with` and legacy octal stay legal, as in the guest.
    expect(functionBodyProblem("with (Math) { max(1, 2); }")).toBeUndefined();
  });

  it("names what would escape the wrapper", () => {
    expect(functionBodyProblem("}); let X = 1; (function () {")).toBe("Unexpected token (1:0)");
    expect(functionBodyProblem("function f() { return `unclosed; }")).toMatch(/Unterminated template/);
    expect(functionBodyProblem("function f() { /* open comment")).toMatch(/Unterminated comment/);
    // Module syntax is not a function body.
    expect(functionBodyProblem("export const x = 1;")).toMatch(/'import' and 'export' may appear only with 'sourceType: module'/);
  });
});
