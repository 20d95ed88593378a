import { describe, expect, it } from "vitest";
import { Toolset, renderSignatures } from "../../src/functions/index.js";
import { addSpec, greetSpec } from "./fixtures.js";

describe("renderSignatures (the List A / List B text the optimizer reads)", () => {
  const calc = { ...greetSpec, packages: ["mathjs", "nerdamer"], roles: ["solver", "checker"] };

  it("numbers each function and shows its five elements, roles when it has them, and the code fenced", () => {
    const expected = [
      "[1] name: add",
      "description: Add two numbers a and b.",
      `arguments (JSON schema): ${JSON.stringify(addSpec.parameters)}`,
      "packages: (none)",
      "code:",
      "```js",
      "function add({ a, b }) {\n  return a + b;\n}",
      "```",
      "",
      "[2] name: greet",
      "description: Greet someone by name.",
      `arguments (JSON schema): ${JSON.stringify(greetSpec.parameters)}`,
      "packages: mathjs, nerdamer",
      "roles: solver, checker",
      "code:",
      "```js",
      "const greet = ({ who }) => `hello ${who}`;",
      "```",
    ].join("\n");
    const toolset = Toolset.from([addSpec, calc]);
    expect(renderSignatures(toolset.functions)).toBe(expected);
    expect(renderSignatures(toolset)).toBe(expected);
    expect(toolset.describe()).toBe(expected);
  });

  it("says so when there are no functions, for a toolset and for a list", () => {
    expect(renderSignatures(Toolset.empty())).toBe("(no functions)");
    expect(renderSignatures([])).toBe("(no functions)");
  });
});
