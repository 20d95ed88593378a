import { describe, expect, it } from "vitest";
import { buildOptimizerPrompt, OPTIMIZER_EXAMPLE_FUNCTION } from "../../src/optimizer/index.js";
import { finalInstruction, systemPromptText } from "../../src/optimizer/prompt-text.js";
import { Toolset } from "../../src/functions/index.js";

describe("the optimizer's instructions (App. D.1)", () => {
  it("progressive mode: the role, the four actions with their principles, and how to write a function", () => {
    const text = systemPromptText("progressive");
    expect(text.startsWith("You are a function optimizer. Your task is to maintain a list of functions for the assistant")).toBe(true);
    for (const line of [
      "1. Revise one existing function (revise_function).",
      "2. Remove one existing function (remove_function).",
      "3. Add one new function (add_function).",
      '4. Call terminate (or reply "TERMINATE") if no more actions are needed for the current function set.',
      "(1) Revise one existing function: pay most attention to the failed tasks",
      "(2) Remove one existing function: only remove a function that is not needed anymore",
      "(3) Add one new function: it must be general enough to be used in future tasks",
      "(4) Terminate: only if the current list is optimal",
    ]) {
      expect(text).toContain(line);
    }
    expect(text).not.toContain("ONE reply");
    expect(text).toContain("Each function has five elements: a name, a description, the JSON Schema of its single object argument, the packages it uses, and its JavaScript code.");
    expect(text).toContain(`An example of a good function, as the arguments of an add_function call:\n\`\`\`json\n${JSON.stringify(OPTIMIZER_EXAMPLE_FUNCTION, null, 2)}\n\`\`\``);
    expect(text).toContain("a rejected action is answered with the reason");
    // Sections are separated by blank lines.
    expect(text.split("\n\n").length).toBeGreaterThanOrEqual(4);
    expect(text).toContain("\n\nYou can perform one of the following four actions");
    expect(text).toContain("\n\nEach function has five elements");
  });

  it("one-step mode: the whole set in one reply, replacing List A, with the same guide to writing functions", () => {
    const text = systemPromptText("one-step");
    expect(text).toContain("Write the complete new function set in ONE reply: call add_function once for every function the assistant should have.");
    expect(text).toContain("The set you send replaces the current set (List A) entirely");
    expect(text).not.toContain("revise_function");
    expect(text).toContain("Each function has five elements");
    expect(text.startsWith("You are a function optimizer.")).toBe(true);
  });

  it("ends the human message with the request of its mode", () => {
    expect(finalInstruction("progressive")).toMatch(/^According to the information above, take one action to manipulate List B using the tools you have\./);
    expect(finalInstruction("progressive")).toContain("only terminate if you really think the current list is optimal");
    expect(finalInstruction("one-step")).toBe("According to the information above, write the complete new function set now: one add_function call per function, all in this reply.");
    const input = { best: Toolset.empty().toJSON(), bestScore: 0, failures: [], records: [] };
    expect(buildOptimizerPrompt(input).human.endsWith(finalInstruction("progressive"))).toBe(true);
    expect(buildOptimizerPrompt({ ...input, mode: "one-step" }).human.endsWith(finalInstruction("one-step"))).toBe(true);
    expect(buildOptimizerPrompt({ ...input, mode: "one-step" }).system.startsWith(systemPromptText("one-step"))).toBe(true);
  });

  it("shows an example function that is valid as written, with its schema, package and input check", () => {
    const { arguments: parameters, ...rest } = OPTIMIZER_EXAMPLE_FUNCTION;
    const fn = Toolset.empty().add({ ...rest, parameters, packages: [...rest.packages] }).get("evaluate_expression")!;
    expect(fn.packages).toEqual(["mathjs"]);
    expect(fn.parameters).toEqual({
      type: "object",
      properties: { expression: { type: "string", description: "The mathematical expression to evaluate, with all values written out." } },
      required: ["expression"],
    });
    expect(fn.description).toMatch(/^Evaluate an arithmetic or algebraic expression given as a string \(mathjs syntax/);
    expect(fn.code.split("\n")[0]).toBe("function evaluate_expression({ expression }) {");
    expect(fn.code).toContain('throw new Error("expression must be a non-empty string, e.g. \\"3^4 mod 7\\"");');
  });
});
