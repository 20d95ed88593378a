import { describe, expect, it } from "vitest";
import { ACTION_NAMES, ACTION_TOOLS, ONE_STEP_TOOLS } from "../../src/optimizer/index.js";
import { ALLOWED_PACKAGES } from "../../src/sandbox/libraries.js";

type Prop = { type?: string; anyOf?: { type: string; items?: { type: string } }[]; description?: string };
const tool = (name: string) => ACTION_TOOLS.find((t) => t.function.name === name)!.function;
const props = (name: string) => tool(name).parameters.properties as Record<string, Prop>;

describe("the optimizer's action tools", () => {
  it("are the four actions, in the prompt's order, as OpenAI function tools", () => {
    expect(ACTION_NAMES).toEqual(["add_function", "revise_function", "remove_function", "terminate"]);
    for (const t of ACTION_TOOLS) {
      expect(t.type).toBe("function");
      expect(t.function.parameters.type).toBe("object");
      expect(t.function.description.length).toBeGreaterThan(20);
    }
    expect(ONE_STEP_TOOLS.map((t) => t.function.name)).toEqual(["add_function"]);
    expect(ONE_STEP_TOOLS[0]).toBe(ACTION_TOOLS[0]);
  });

  it("add_function and revise_function take a whole spec; the schema and packages may be strings", () => {
    for (const name of ["add_function", "revise_function"]) {
      expect(tool(name).parameters.required).toEqual(["name", "description", "arguments", "packages", "code"]);
      const p = props(name);
      expect(Object.keys(p)).toEqual(["name", "description", "arguments", "packages", "capabilities", "code"]);
      expect(p.name).toMatchObject({ type: "string" });
      expect(p.name!.description).toContain("MUST define a top-level function with exactly this name");
      expect(p.description).toMatchObject({ type: "string" });
      expect(p.code).toMatchObject({ type: "string" });
      expect(p.code!.description).toContain("ONE object argument");
      expect(p.arguments!.anyOf).toEqual([{ type: "object" }, { type: "string" }]);
      expect(p.arguments!.description).toContain("only the properties map");
      for (const key of ["packages", "capabilities"]) expect(p[key]!.anyOf).toEqual([{ type: "array", items: { type: "string" } }, { type: "string" }]);
      expect(p.packages!.description).toContain(`(available: ${ALLOWED_PACKAGES.join(", ")})`);
      expect(p.capabilities!.description).toContain("granted in this run");
    }
    // What each field's description promises is what normalizeSpecArgs and the sandbox accept.
    for (const name of ["add_function", "revise_function"]) {
      const p = props(name);
      expect(p.arguments!.description).toContain('either the full form {"type":"object","properties":{...},"required":[...]}');
      expect(p.arguments!.description).toContain("It may be sent as an object or JSON-encoded as a string. Use the types string, number, integer, boolean, array (with items), object.");
      expect(p.packages!.description).toMatch(/\. Nothing else can be imported\.$/);
      expect(p.code!.description).toMatch(/^JavaScript \(a plain script, no import\/export\) that defines the function, e\.g\. `function NAME\(\{ a, b \}\) \{ \.\.\. \}`\. It takes ONE/);
    }
    expect(tool("add_function").description).toMatch(/^Add a new function that may be used in future tasks\. Libraries must be declared in `packages`\. The name MUST/);
    expect(tool("revise_function").description).toMatch(/^Revise one existing function \(replace its description, arguments schema, packages and code\)\. The name MUST/);
    expect(props("add_function").description!.description).toBe("A short description of what the new function does.");
    expect(props("revise_function").description!.description).toBe("A short description of what the revised function does.");
    expect(tool("add_function").description).toContain("The name MUST be the same as the function name in the code.");
    expect(tool("revise_function").description).toContain("The name MUST be the name of an existing function");
  });

  it("remove_function takes a name; terminate takes nothing and must be sent alone", () => {
    expect(tool("remove_function").parameters).toEqual({
      type: "object",
      properties: { name: { type: "string", description: "The name of the function to remove." } },
      required: ["name"],
    });
    expect(tool("terminate").parameters).toEqual({ type: "object", properties: {} });
    expect(tool("terminate").description).toContain("Call it alone, not together with other actions.");
  });
});
