import { describe, expect, it } from "vitest";
import { FunctionSpecError, Toolset, roleNameProblem } from "../../src/functions/index.js";
import { addSpec } from "./fixtures.js";

// What a user reads when a function's roles are refused.
const rolesError = (roles: unknown): string => {
  try {
    Toolset.from([{ ...addSpec, roles } as never]);
  } catch (e) {
    expect(e).toBeInstanceOf(FunctionSpecError);
    return (e as Error).message;
  }
  throw new Error("expected the roles to be refused");
};

describe("roleNameProblem (team role names)", () => {
  it("accepts 1 to 64 letters, digits, _ and -", () => {
    for (const name of ["r", "Data_analyst-2", "x".repeat(64), "9", "-", "_"]) expect(roleNameProblem(name)).toBeUndefined();
  });

  it("refuses non-strings and the empty string, showing what it got", () => {
    expect(roleNameProblem("")).toBe('must be a non-empty string, got ""');
    expect(roleNameProblem(5)).toBe("must be a non-empty string, got 5");
    expect(roleNameProblem(undefined)).toBe("must be a non-empty string, got undefined");
  });

  it("refuses names over 64 characters with a shortened quote of the name", () => {
    const long = `${"abcdefghij".repeat(6)}klmno`;
    expect(roleNameProblem(long)).toBe(`"abcdefghijabcdefghij…" is 65 characters long; at most 64 are allowed`);
  });

  it("refuses other characters anywhere in the name", () => {
    for (const name of ["data analyst", " lead", "lead ", "a.b", "é"]) {
      expect(roleNameProblem(name)).toBe(`"${name}" must use only letters, digits, _ and - (it becomes a LangGraph agent and message name)`);
    }
  });
});

describe("a function's roles field", () => {
  it("absent or null gives the function to every role; a list is kept as given", () => {
    expect(Toolset.from([{ ...addSpec, roles: undefined } as never]).get("add")?.roles).toBeUndefined();
    expect(Toolset.from([{ ...addSpec, roles: null } as never]).get("add")?.roles).toBeUndefined();
    expect(Toolset.from([{ ...addSpec, roles: ["solver", "checker"] }]).get("add")?.roles).toEqual(["solver", "checker"]);
  });

  it("explains each refusal: not an array, empty, a bad name (with its index), a duplicate", () => {
    expect(rolesError("solver")).toContain("must be an array of role names (omit it for every role), got string");
    expect(rolesError([])).toContain("is empty; omit it to give the function to every role");
    expect(rolesError(["solver", "bad name"])).toContain('roles[1] "bad name" must use only letters');
    expect(rolesError(["solver", 3])).toContain("roles[1] must be a non-empty string, got 3");
    expect(rolesError(["solver", "checker", "solver"])).toContain("lists a role twice");
  });
});
