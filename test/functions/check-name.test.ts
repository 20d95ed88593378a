import { describe, expect, it } from "vitest";
import { nameProblem } from "../../src/functions/check-name.js";

describe("nameProblem (which names a learned function may have)", () => {
  it("accepts identifiers of letters, digits and _ up to 64 characters, starting with any letter or _", () => {
    for (const name of ["add", "Add", "_helper", "x", "xYz_09", "a".repeat(64), "await"]) expect(nameProblem(name)).toBeUndefined();
  });

  it("refuses an empty name", () => {
    expect(nameProblem("")).toBe("name is empty");
  });

  it("refuses names longer than 64 characters, giving both lengths", () => {
    expect(nameProblem("a".repeat(65))).toBe("name is 65 characters long; at most 64 are allowed");
  });

  it("refuses characters tool-calling APIs do not allow, wherever they are, and a leading digit", () => {
    for (const name of ["2x", "1abc", "a-b", "ab-", "a b", "a$", "$a", "é", "a.b"]) {
      expect(nameProblem(name)).toBe(`"${name}" is not a valid identifier: use letters, digits and "_" only, not starting with a digit`);
    }
  });

  it("refuses JavaScript reserved words, including those reserved only in strict mode", () => {
    for (const name of ["class", "enum", "const", "implements", "let", "static", "yield", "eval", "arguments"]) {
      expect(nameProblem(name)).toBe(`"${name}" is a reserved word in JavaScript`);
    }
  });
});
