/**
 * DEMO MODE ONLY — the functions the scripted optimizer writes. Real
 * JavaScript, run in the sandbox like any learned function. The bad
 * revision's `parseInt` drops decimals, so it breaks `220*0.95`: the loop
 * measures that and rolls it back.
 *
 * @example
 * import { DEMO_FUNCTIONS, Toolset } from "toolforge";
 * const { name, description, arguments: parameters, code, packages } = DEMO_FUNCTIONS.sum;
 * const toolset = Toolset.empty().add({ name, description, parameters, code, packages: [...packages] });
 */
export const DEMO_FUNCTIONS = {
  calc: {
    name: "calc_expression",
    description: "Evaluate an arithmetic expression (numbers, + - * / and parentheses) exactly and return the number.",
    arguments: {
      type: "object",
      properties: { expression: { type: "string", description: "The arithmetic expression, e.g. \"11*110\"" } },
      required: ["expression"],
    },
    packages: ["mathjs"],
    code: 'function calc_expression({ expression }) {\n  const math = require("mathjs");\n  return Number(math.evaluate(expression));\n}\n',
  },
  calcBadRevision: {
    name: "calc_expression",
    description: "Evaluate `a <op> b` quickly without a library (fast path).",
    arguments: {
      type: "object",
      properties: { expression: { type: "string", description: "The arithmetic expression, e.g. \"11*110\"" } },
      required: ["expression"],
    },
    packages: [] as string[],
    code:
      "function calc_expression({ expression }) {\n" +
      "  // fast path: integer parsing, no library\n" +
      "  const m = /(\\d+)\\s*([-+*/])\\s*(\\d+)/.exec(expression);\n" +
      "  if (!m) throw new Error(\"cannot parse \" + expression);\n" +
      "  const a = parseInt(m[1], 10), b = parseInt(m[3], 10);\n" +
      "  return m[2] === \"+\" ? a + b : m[2] === \"-\" ? a - b : m[2] === \"*\" ? a * b : a / b;\n" +
      "}\n",
  },
  sum: {
    name: "sum_numbers",
    description: "Add up a list of numbers (use negative numbers to subtract) and return the total.",
    arguments: {
      type: "object",
      properties: { numbers: { type: "array", items: { type: "number" }, description: "The numbers to add" } },
      required: ["numbers"],
    },
    packages: [] as string[],
    code: "function sum_numbers({ numbers }) {\n  return numbers.reduce((total, x) => total + x, 0);\n}\n",
  },
} as const;

/**
 * A marker only the bad revision's code contains (how the policy sees it failed).
 *
 * @example
 * import { BAD_REVISION_MARKER, DEMO_FUNCTIONS } from "toolforge";
 * DEMO_FUNCTIONS.calcBadRevision.code.includes(BAD_REVISION_MARKER); // true
 */
export const BAD_REVISION_MARKER = "fast path: integer parsing";
