import { describe, expect, it } from "vitest";
import { cyclomaticComplexity, toolsetComplexity } from "../../src/functions/index.js";

const branches = (n: number) => `function f({ x }) {\n${Array.from({ length: n }, (_, i) => `  if (x === ${i}) return ${i};`).join("\n")}\n  return -1;\n}`;

describe("cyclomaticComplexity (Table 6's measure of learned functions)", () => {
  it("counts one plus one per decision", async () => {
    expect(await cyclomaticComplexity("function f() { return 1; }")).toBe(1);
    expect(await cyclomaticComplexity("function f({ x }) { return x > 0 ? x : -x; }")).toBe(2);
    expect(await cyclomaticComplexity("const f = ({ a, b }) => { if (a) return 1; for (const y of b) { if (y) return 2; } return a && b; };")).toBe(5);
    expect(await cyclomaticComplexity(branches(11))).toBe(12);
  });

  it("reports the most complex function of the code, helpers included", async () => {
    expect(await cyclomaticComplexity("const helper = (x) => (x > 0 ? 1 : x < 0 ? -1 : 0);\nfunction f({ x }) { return helper(x); }")).toBe(3);
  });

  it("measures a classic script (sloppy-mode syntax parses) and counts a bare script as 1", async () => {
    expect(await cyclomaticComplexity("function f(o) { with (o) { return a ? 1 : 2; } }")).toBe(2);
    expect(await cyclomaticComplexity("var x = 1;")).toBe(1);
  });

  it("gives null for code that does not parse", async () => {
    expect(await cyclomaticComplexity("function f( {")).toBeNull();
  });

  it("ignores eslint comments in the (LLM-written) code", async () => {
    const hidden = "/* eslint-disable */\n/* eslint complexity: \"off\" */\nfunction f({ x }) { return x ? 1 : 2; } // eslint-disable-line";
    expect(await cyclomaticComplexity(hidden)).toBe(2);
  });

  it("gives the same answer when asked again", async () => {
    const code = branches(3);
    expect(await cyclomaticComplexity(code)).toBe(4);
    expect(await cyclomaticComplexity(code)).toBe(4);
  });
});

describe("toolsetComplexity", () => {
  it("lists every function in order, leaving out code that does not parse", async () => {
    const functions = [
      { name: "two", code: "function two({ x }) { return x ? 1 : 2; }" },
      { name: "broken", code: "function broken( {" },
      { name: "one", code: "function one() { return 1; }" },
    ];
    expect(await toolsetComplexity(functions)).toEqual([
      { name: "two", complexity: 2 },
      { name: "one", complexity: 1 },
    ]);
  });
});
