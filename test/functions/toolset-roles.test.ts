import { describe, expect, it } from "vitest";
import { FunctionSpecError, Toolset, ToolsetFileError, formatToolsetDiff } from "../../src/functions/index.js";
import { addSpec, fakeSandbox, greetSpec } from "./fixtures.js";

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
};

describe("roles on learned functions", () => {
  const team = Toolset.from([{ ...addSpec, roles: ["calculator"] }, greetSpec]);

  it("toTools({ role }) gives a role its own functions plus the role-less ones", () => {
    const sandbox = fakeSandbox();
    expect(team.toTools({ sandbox, role: "calculator" }).map((t) => t.name)).toEqual(["add", "greet"]);
    expect(team.toTools({ sandbox, role: "researcher" }).map((t) => t.name)).toEqual(["greet"]);
    expect(team.toTools({ sandbox }).map((t) => t.name)).toEqual(["add", "greet"]);
  });

  it("writes version 2 with roles, reads it back, and still reads version 1 files", () => {
    const json = JSON.parse(JSON.stringify(team.toJSON()));
    expect(json.version).toBe(2);
    expect(json.functions[0].roles).toEqual(["calculator"]);
    expect(json.functions[1]).not.toHaveProperty("roles");
    expect(Toolset.fromJSON(json).equals(team)).toBe(true);
    const v1 = { format: "toolforge.toolset", version: 1, functions: [greetSpec] };
    expect(Toolset.fromJSON(v1).get("greet")?.roles).toBeUndefined();
  });

  it("keeps the hash of a role-less toolset and changes it when roles change", () => {
    const plain = Toolset.from([addSpec]);
    const v1 = Toolset.fromJSON({ format: "toolforge.toolset", version: 1, functions: [addSpec] });
    expect(v1.hash).toBe(plain.hash);
    expect(plain.revise({ ...addSpec, roles: ["calculator"] }).hash).not.toBe(plain.hash);
  });

  it("refuses bad roles with a typed error naming the function and field", () => {
    for (const roles of [[], ["a b"], ["x", "x"], "calculator", [""]]) {
      const e = thrown(() => Toolset.from([{ ...addSpec, roles } as never])) as FunctionSpecError;
      expect(e).toBeInstanceOf(FunctionSpecError);
      expect(e.field).toBe("roles");
      expect(e.function).toBe("add");
    }
    const e = thrown(() => Toolset.fromJSON({ format: "toolforge.toolset", version: 1, functions: [{ ...addSpec, roles: ["c"] }] }, { source: "old.json" }));
    expect(e).toBeInstanceOf(ToolsetFileError);
    expect((e as Error).message).toContain("needs toolset version 2");
  });

  it("diff shows role changes", () => {
    const before = Toolset.from([addSpec]);
    const after = before.revise({ ...addSpec, roles: ["calculator"] }).add({ ...greetSpec, roles: ["researcher"] });
    const diff = Toolset.diff(before, after);
    expect(diff.revised[0]?.changed).toEqual(["roles"]);
    const text = formatToolsetDiff(diff);
    expect(text).toContain("roles: every role -> [calculator]");
    expect(text).toContain("+ added greet for [researcher]");
    expect(after.describe()).toContain("roles: researcher");
  });
});
