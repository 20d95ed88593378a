import { describe, expect, it } from "vitest";
import { findFunctionDefinition } from "../../src/functions/check-code.js";

const FORMS = "Accepted forms: function add(args) {…}, async function add(args) {…}, const add = (args) => …, const add = function (args) {…}";

describe("findFunctionDefinition (does the code define the function, in an accepted form)", () => {
  it("names the form it found", () => {
    const cases: [string, string][] = [
      ["function add({ a }) { return a; }", "function"],
      ["async function add({ a }) { return a; }", "async function"],
      ["const add = function ({ a }) { return a; };", "function expression"],
      ["let add = async function named() { return 1; };", "function expression"],
      ["var add = ({ a }) => a;", "arrow function"],
      ["const add = async () => 1;", "arrow function"],
      ["const helper = () => 1, add = () => helper();", "arrow function"],
    ];
    for (const [code, form] of cases) expect(findFunctionDefinition(code, "add"), code).toEqual({ ok: true, form, requires: [] });
  });

  it("lists the libraries the code requires with a string literal, each once, wherever the call is", () => {
    const code = [
      'const math = require("mathjs");',
      "function add({ a }) {",
      '  const again = require("mathjs"), n = require("nerdamer");',
      "  const dynamic = require(a), num = require(5), other = lib.require('fs'), none = require();",
      "  return math.add(a, 1);",
      "}",
    ].join("\n");
    expect(findFunctionDefinition(code, "add")).toEqual({ ok: true, form: "function", requires: ["mathjs", "nerdamer"] });
  });

  it("reports a syntax error with 1-based line and column, without acorn's own position suffix", () => {
    expect(findFunctionDefinition("function add({ a, b }) {\n  return a +;\n}", "add")).toEqual({
      ok: false,
      code: "E_SPEC_CODE_SYNTAX",
      reason: "code does not parse: Unexpected token",
      line: 2,
      column: 13,
    });
  });

  it("explains import/export only when the code uses those words", () => {
    const hint = ' (code is a plain script: import/export are not available; declare a library in `packages` and use `const math = require("mathjs")`)';
    const imported = findFunctionDefinition("import x from 'y';\nfunction add() {}", "add");
    expect(imported).toMatchObject({ ok: false, code: "E_SPEC_CODE_SYNTAX", line: 1, column: 1 });
    expect(!imported.ok && imported.reason.endsWith(hint)).toBe(true);
    expect(findFunctionDefinition("export function add() {}", "add")).toMatchObject({ reason: expect.stringContaining(hint) });
    const important = findFunctionDefinition("const important = 1, exports = 2;\nfunction add( {", "add");
    expect(important).toMatchObject({ ok: false, reason: "code does not parse: Unexpected token" });
  });

  it("refuses a generator and more than one parameter, on the line of the function", () => {
    expect(findFunctionDefinition("\n\nfunction* add() { yield 1; }", "add")).toEqual({
      ok: false,
      code: "E_SPEC_CODE_NOT_DEFINED",
      reason: '"add" is a generator function; it must return its result',
      line: 3,
    });
    expect(findFunctionDefinition("// sum\nconst add = (a, b, c) => a + b + c;", "add")).toEqual({
      ok: false,
      code: "E_SPEC_CODE_NOT_DEFINED",
      reason: '"add" declares 3 parameters; it must take one object argument (e.g. `function add({ a, b })`)',
      line: 2,
    });
  });

  it("says what the code defines instead, and which forms are accepted", () => {
    expect(findFunctionDefinition("const x = 1;", "add")).toEqual({ ok: false, code: "E_SPEC_CODE_NOT_DEFINED", reason: `code does not define a top-level function named "add". ${FORMS}` });
    expect(findFunctionDefinition("function sum() {}\nconst twice = (x) => 2 * x;", "add")).toEqual({
      ok: false,
      code: "E_SPEC_CODE_NOT_DEFINED",
      reason: `code does not define a top-level function named "add"; it defines "sum", "twice". ${FORMS}`,
    });
  });

  it("does not take other bindings of the name for the function", () => {
    for (const code of ["let add;", "const add = class {};", "const [add] = [() => 1];", "const { add } = { add: () => 1 };", "if (true) { function add() {} }", "(function add() {});"]) {
      expect(findFunctionDefinition(code, "add"), code).toMatchObject({ ok: false, code: "E_SPEC_CODE_NOT_DEFINED" });
    }
  });
});
