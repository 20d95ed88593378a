import type { FunctionParameters } from "../functions/index.js";

/**
 * A realistic learned function, in the form of an `add_function` call's
 * arguments: the JavaScript counterpart of the `evaluate_expression` example
 * of the paper's App. D.1 prompt (which used Python and sympy). The
 * optimizer prompt shows it so the model sees what a general, argument-driven
 * function with a clear description, a full JSON Schema and input checks
 * looks like.
 *
 * @example
 * import { OPTIMIZER_EXAMPLE_FUNCTION, Toolset } from "toolforge";
 * const { arguments: parameters, ...rest } = OPTIMIZER_EXAMPLE_FUNCTION;
 * Toolset.empty().add({ ...rest, parameters }); // a valid function spec
 */
export const OPTIMIZER_EXAMPLE_FUNCTION: Readonly<{ name: string; description: string; arguments: FunctionParameters; packages: string[]; code: string }> = {
  name: "evaluate_expression",
  description:
    'Evaluate an arithmetic or algebraic expression given as a string (mathjs syntax: + - * / ^ mod, sqrt, abs, gcd, lcm, factorial, log, sin, pi, e, fractions), e.g. "2*(3+4)^2" or "gcd(84, 126) + 7/8". Returns a number, or a string for results that are not plain numbers (matrices, units, complex numbers).',
  arguments: {
    type: "object",
    properties: { expression: { type: "string", description: "The mathematical expression to evaluate, with all values written out." } },
    required: ["expression"],
  },
  packages: ["mathjs"],
  code: [
    "function evaluate_expression({ expression }) {",
    // Stryker disable next-line StringLiteral: the sandbox also binds mathjs as `math`; the example shows the portable require
    '  const math = require("mathjs");',
    '  if (typeof expression !== "string" || expression.trim() === "") {',
    '    throw new Error("expression must be a non-empty string, e.g. \\"3^4 mod 7\\"");',
    "  }",
    "  const result = math.evaluate(expression);",
    '  if (typeof result === "number") return Number.isInteger(result) ? result : Number(result.toPrecision(15));',
    "  return math.format(result, { precision: 15 });",
    "}",
  ].join("\n"),
};

const ACTIONS = `You can perform one of the following four actions to manipulate the function set, using the tools you have:
1. Revise one existing function (revise_function).
2. Remove one existing function (remove_function).
3. Add one new function (add_function).
4. Call terminate (or reply "TERMINATE") if no more actions are needed for the current function set.

Principles for these actions:
(1) Revise one existing function: pay most attention to the failed tasks and their error information, and fix the functions used in them. A failed function call can come from wrong input arguments or from a wrong implementation; focus on the implementation and make calls easy to get right. Do not revise a function that works well and plays a critical role in solving the problems. If a function is called with a name that does not exist, make the names consistent.
(2) Remove one existing function: only remove a function that is not needed anymore in future tasks.
(3) Add one new function: it must be general enough to be used in future tasks — solve a higher-level question that encompasses the original query, replace specific values with arguments, and make it widely applicable. All values used inside the function should be passed in as arguments.
(4) Terminate: only if the current list is optimal and more actions would harm performance in future tasks.`;

const ONE_STEP_ACTIONS = `Write the complete new function set in ONE reply: call add_function once for every function the assistant should have. The set you send replaces the current set (List A) entirely, so send again every function of List A you want to keep. You get one reply; nothing you send later is applied. Functions must be general enough to be used in future tasks: replace specific values with arguments and make them widely applicable.`;

const HOW_TO_WRITE = `Each function has five elements: a name, a description, the JSON Schema of its single object argument, the packages it uses, and its JavaScript code.

How to write a function: a plain JavaScript script (no import/export) that defines a top-level function with exactly the function's name, taking ONE object argument that matches its JSON Schema, e.g. \`function area({ width, height }) { return width * height; }\`. Throw an Error with a clear message for bad input; the assistant sees the message.

An example of a good function, as the arguments of an add_function call:
\`\`\`json
${JSON.stringify(OPTIMIZER_EXAMPLE_FUNCTION, null, 2)}
\`\`\`

Every action you send is validated before it is applied; a rejected action is answered with the reason, so you can correct it.`;

const INTRO = `You are a function optimizer. Your task is to maintain a list of functions for the assistant according to the existing function set and the conversation histories between the assistant and the user.`;

/**
 * How the optimizer updates the set: App. D.1's progressive actions, or
 * Table 3's one-step generation baseline.
 *
 * @example
 * import type { PromptMode } from "toolforge";
 * const mode: PromptMode = "one-step";
 */
export type PromptMode = "progressive" | "one-step";

/** The system message of the optimizer for `mode` (without the sandbox guide). */
export function systemPromptText(mode: PromptMode): string {
  return [INTRO, mode === "progressive" ? ACTIONS : ONE_STEP_ACTIONS, HOW_TO_WRITE].join("\n\n");
}

/** The closing request of the human message for `mode`. */
export function finalInstruction(mode: PromptMode): string {
  return mode === "progressive"
    ? `According to the information above, take one action to manipulate List B using the tools you have. Instead of terminating directly or taking no action, try your best to optimize the function set; only terminate if you really think the current list is optimal, as more actions could harm performance in future tasks. Even adding a general function that replaces code the assistant repeatedly writes with the same functionality could help.`
    : `According to the information above, write the complete new function set now: one add_function call per function, all in this reply.`;
}
