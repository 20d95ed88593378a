import { describe, expect, it } from "vitest";
import { Toolset, diffToolsets, formatToolsetDiff } from "../../src/functions/index.js";
import { addSpec, greetSpec } from "./fixtures.js";

const mulSpec = {
  name: "mul",
  description: "Multiply a and b.",
  parameters: { type: "object" as const, properties: { a: { type: "number" }, b: { type: "number" } } },
  code: "function mul({ a, b }) { return a * b; }",
  packages: ["mathjs"],
};

describe("diffToolsets", () => {
  const before = Toolset.from([addSpec, greetSpec]);
  const after = before
    .remove("greet")
    .add(mulSpec)
    .revise({ ...addSpec, description: "Sum.", code: "function add({ a, b }) {\n  return Number(a) + Number(b);\n}\n" });

  it("lists added, removed, revised (with changed fields) and unchanged functions", () => {
    const d = Toolset.diff(before, after);
    expect(d.added.map((f) => f.name)).toEqual(["mul"]);
    expect(d.removed.map((f) => f.name)).toEqual(["greet"]);
    expect(d.revised).toHaveLength(1);
    expect(d.revised[0]!.changed).toEqual(["description", "code"]);
    expect(d.revised[0]!.before.code).toBe(addSpec.code);
    expect(d.unchanged).toEqual([]);
    expect(diffToolsets(before, before)).toEqual({ added: [], removed: [], revised: [], unchanged: ["add", "greet"] });
  });

  it("gives a unified diff of the code", () => {
    const { codeDiff } = Toolset.diff(before, after).revised[0]!;
    expect(codeDiff.split("\n").slice(0, 3)).toEqual(["--- a/add.js", "+++ b/add.js", "@@ -1,3 +1,3 @@"]);
    expect(codeDiff).toContain("-  return a + b;");
    expect(codeDiff).toContain("+  return Number(a) + Number(b);");
    expect(codeDiff).toContain(" function add({ a, b }) {");
  });

  it("formats a readable summary", () => {
    const text = formatToolsetDiff(Toolset.diff(before, after));
    expect(text).toContain("+ added mul: Multiply a and b.");
    expect(text).toContain("- removed greet");
    expect(text).toContain("~ revised add (description, code)");
    expect(text).toContain('description: "Add two numbers a and b." -> "Sum."');
    expect(text).toContain("  +  return Number(a) + Number(b);");
    expect(formatToolsetDiff(diffToolsets(before, before))).toBe("(no changes)");
  });

  it("reports parameter and package changes without a code diff", () => {
    const a = Toolset.from([mulSpec]);
    const b = a.revise({ ...mulSpec, packages: [], parameters: { ...mulSpec.parameters, required: ["a"] } });
    const [rev] = Toolset.diff(a, b).revised;
    expect(rev!.changed).toEqual(["parameters", "packages"]);
    expect(rev!.codeDiff).toBe("");
    const text = formatToolsetDiff(Toolset.diff(a, b));
    expect(text).toContain("packages: [mathjs] -> []");
    expect(text).toContain('"required":["a"]');
  });
});
