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

  it("shows every changed element in both directions, with three lines of context around code changes", () => {
    const lines = Array.from({ length: 12 }, (_, i) => `  const v${i} = ${i};`);
    const code = (v6: number) => `function f() {\n${lines.map((l, i) => (i === 6 ? `  const v6 = ${v6};` : l)).join("\n")}\n  return 0;\n}`;
    const spec = { name: "f", description: "F\n  does   things. ", parameters: { type: "object" as const, properties: {} }, code: code(6), packages: [] };
    const a = Toolset.from([spec]);
    const b = a.revise({ ...spec, code: code(60), description: "Other", packages: ["mathjs"], roles: ["x"], parameters: { type: "object", properties: { a: { type: "number" } } } });
    const hunk = (from: number, to: number) => [
      "  --- a/f.js",
      "  +++ b/f.js",
      "  @@ -5,7 +5,7 @@",
      "     const v3 = 3;",
      "     const v4 = 4;",
      "     const v5 = 5;",
      `  -  const v6 = ${from};`,
      `  +  const v6 = ${to};`,
      "     const v7 = 7;",
      "     const v8 = 8;",
      "     const v9 = 9;",
    ];
    expect(formatToolsetDiff(diffToolsets(a, b))).toBe(
      [
        "~ revised f (description, parameters, code, packages, roles)",
        '  description: "F\\n  does   things. " -> "Other"',
        '  parameters: {"properties":{},"type":"object"} -> {"properties":{"a":{"type":"number"}},"type":"object"}',
        "  packages: [] -> [mathjs]",
        "  roles: every role -> [x]",
        ...hunk(6, 60),
      ].join("\n"),
    );
    expect(formatToolsetDiff(diffToolsets(b, a))).toBe(
      [
        "~ revised f (description, parameters, code, packages, roles)",
        '  description: "Other" -> "F\\n  does   things. "',
        '  parameters: {"properties":{"a":{"type":"number"}},"type":"object"} -> {"properties":{},"type":"object"}',
        "  packages: [mathjs] -> []",
        "  roles: [x] -> every role",
        ...hunk(60, 6),
      ].join("\n"),
    );
    // An added function's description is shown on one line.
    expect(formatToolsetDiff(diffToolsets(Toolset.empty(), a))).toBe("+ added f: F does things.");
  });

  it("diffs code with or without a final newline as lines, without end-of-file markers", () => {
    const one = { name: "one", description: "One.", parameters: { type: "object" as const, properties: {} }, code: "const one = () => 1", packages: [] };
    const a = Toolset.from([one]);
    const { codeDiff } = Toolset.diff(a, a.revise({ ...one, code: "const one = () => 2\n" })).revised[0]!;
    expect(codeDiff).toBe(["--- a/one.js", "+++ b/one.js", "@@ -1,1 +1,1 @@", "-const one = () => 1", "+const one = () => 2", ""].join("\n"));
  });

  it("lists functions in the order of each toolset and treats a spec with the same content as unchanged", () => {
    const a = Toolset.from([addSpec, greetSpec, mulSpec]);
    const b = Toolset.from([mulSpec, { ...greetSpec, roles: ["r"] }]).revise({ ...mulSpec, roles: ["r"] });
    const d = diffToolsets(a, b);
    expect(d.removed.map((f) => f.name)).toEqual(["add"]);
    expect(d.revised.map((r) => [r.name, r.changed])).toEqual([
      ["mul", ["roles"]],
      ["greet", ["roles"]],
    ]);
    expect(d.revised[0]).toMatchObject({ before: a.get("mul"), after: b.get("mul"), codeDiff: "" });
    expect(diffToolsets(Toolset.from([mulSpec, addSpec]), a)).toEqual({ added: [greetSpec].map((s) => a.get(s.name)), removed: [], revised: [], unchanged: ["add", "mul"] });
  });
});

describe("formatToolsetDiff, line by line", () => {
  it("prints only the fields that changed, the code diff's headers without trailing tabs, and keeps code lines as written", () => {
    const before = Toolset.from([mulSpec]);
    const code = "function mul({ a, b }) {\n  // ====\n  return a * b * 1;  \n}\n";
    const after = before.revise({ ...mulSpec, packages: ["mathjs", "nerdamer"], code });
    expect(formatToolsetDiff(Toolset.diff(before, after)).split("\n")).toEqual([
      "~ revised mul (code, packages)",
      "  packages: [mathjs] -> [mathjs, nerdamer]",
      "  --- a/mul.js",
      "  +++ b/mul.js",
      "  @@ -1,1 +1,4 @@",
      "  -function mul({ a, b }) { return a * b; }",
      "  +function mul({ a, b }) {",
      "  +  // ====",
      "  +  return a * b * 1;  ",
      "  +}",
    ]);
  });

  it("names the roles a function is for, or every role", () => {
    const plain = Toolset.from([mulSpec]);
    const forWriter = plain.revise({ ...mulSpec, roles: ["writer", "critic"] });
    expect(formatToolsetDiff(Toolset.diff(plain, forWriter)).split("\n")).toEqual(["~ revised mul (roles)", "  roles: every role -> [writer, critic]"]);
    expect(formatToolsetDiff(Toolset.diff(Toolset.empty(), forWriter))).toBe("+ added mul for [writer, critic]: Multiply a and b.");
  });
});
