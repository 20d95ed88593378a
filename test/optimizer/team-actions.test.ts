import { describe, expect, it } from "vitest";
import { Toolset } from "../../src/functions/index.js";
import { ACTION_TOOLS, renderTeamSection, resolveActionRoles, teamActionTools } from "../../src/optimizer/index.js";

const ROLES = ["researcher", "calculator"];
const TEAM = [
  { name: "researcher", description: "  Finds facts.  " },
  { name: "calculator", description: "Computes." },
];
const withRoles = Toolset.empty().add({
  name: "mul",
  description: "Multiply.",
  parameters: { type: "object", properties: { a: { type: "number" } } },
  code: "function mul({ a }) { return a; }",
  roles: ["calculator"],
});

describe("resolveActionRoles", () => {
  it("gives an added function every role when roles is omitted, and keeps a revised function's roles", () => {
    expect(resolveActionRoles("add_function", { name: "mul" }, withRoles, ROLES)).toEqual({ ok: true, value: undefined });
    expect(resolveActionRoles("add_function", { name: "mul", roles: null }, withRoles, ROLES)).toEqual({ ok: true, value: undefined });
    expect(resolveActionRoles("revise_function", { name: "mul" }, withRoles, ROLES)).toEqual({ ok: true, value: ["calculator"] });
    expect(resolveActionRoles("revise_function", { name: "mul", roles: null }, withRoles, ROLES)).toEqual({ ok: true, value: ["calculator"] });
    expect(resolveActionRoles("revise_function", { name: "new" }, withRoles, ROLES)).toEqual({ ok: true, value: undefined });
  });

  it("reads [] as every role, removes repeated names and accepts a comma- or space-separated string", () => {
    expect(resolveActionRoles("revise_function", { name: "mul", roles: [] }, withRoles, ROLES)).toEqual({ ok: true, value: undefined });
    expect(resolveActionRoles("add_function", { name: "f", roles: ["calculator", "calculator", "researcher"] }, withRoles, ROLES)).toEqual({
      ok: true,
      value: ["calculator", "researcher"],
    });
    expect(resolveActionRoles("add_function", { name: "f", roles: " researcher, calculator  " }, withRoles, ROLES)).toEqual({
      ok: true,
      value: ["researcher", "calculator"],
    });
    expect(resolveActionRoles("add_function", { name: "f", roles: "calculator researcher" }, withRoles, ROLES)).toEqual({
      ok: true,
      value: ["calculator", "researcher"],
    });
    expect(resolveActionRoles("add_function", { name: "f", roles: " , " }, withRoles, ROLES)).toEqual({ ok: true, value: undefined });
  });

  it("refuses roles for an agent that is not a multi-agent team", () => {
    const refused = { ok: false, code: "invalid_arguments", reason: 'field "roles": this agent is not a multi-agent team, so functions have no roles; omit "roles"' };
    expect(resolveActionRoles("add_function", { name: "f", roles: ["calculator"] }, withRoles, undefined)).toEqual(refused);
    expect(resolveActionRoles("add_function", { name: "f", roles: ["calculator"] }, withRoles, ["calculator"])).toEqual(refused);
    // Omitted roles are fine without a team.
    expect(resolveActionRoles("add_function", { name: "f" }, withRoles, undefined)).toEqual({ ok: true, value: undefined });
  });

  it("refuses roles that are not a list of names, naming the team's roles", () => {
    expect(resolveActionRoles("add_function", { name: "f", roles: { calculator: true } }, withRoles, ROLES)).toEqual({
      ok: false,
      code: "invalid_arguments",
      reason: 'field "roles" must be an array of role names (researcher, calculator)',
    });
    expect(resolveActionRoles("add_function", { name: "f", roles: 3 }, withRoles, ROLES)).toMatchObject({ ok: false, code: "invalid_arguments" });
  });

  it("refuses unknown roles, naming each one and the team's roles", () => {
    expect(resolveActionRoles("add_function", { name: "f", roles: ["calculator", "writer"] }, withRoles, ROLES)).toEqual({
      ok: false,
      code: "unknown_role",
      reason: 'field "roles": "writer" is not a role of the team; the roles are researcher, calculator',
    });
    expect(resolveActionRoles("revise_function", { name: "mul", roles: ["writer", 7] }, withRoles, ROLES)).toEqual({
      ok: false,
      code: "unknown_role",
      reason: 'field "roles": "writer", 7 are not roles of the team; the roles are researcher, calculator',
    });
  });
});

describe("teamActionTools", () => {
  it("adds the roles argument to add_function and revise_function only, describing the team", () => {
    const tools = teamActionTools(TEAM);
    expect(tools.map((t) => t.function.name)).toEqual(ACTION_TOOLS.map((t) => t.function.name));
    for (const tool of tools) {
      const props = tool.function.parameters.properties as Record<string, { type?: string; items?: unknown; description?: string }>;
      const original = ACTION_TOOLS.find((t) => t.function.name === tool.function.name)!;
      if (tool.function.name === "add_function" || tool.function.name === "revise_function") {
        expect(props.roles).toMatchObject({ type: "array", items: { type: "string", enum: ["researcher", "calculator"] } });
        expect(props.roles?.description).toContain("(researcher, calculator)");
        expect(props.roles?.description).toContain("send [] to give it to every role");
        expect(Object.keys(props)).toEqual([...Object.keys(original.function.parameters.properties as object), "roles"]);
      } else {
        expect(tool).toBe(original);
      }
    }
    // The shared definitions are not modified.
    for (const tool of ACTION_TOOLS) expect((tool.function.parameters.properties as Record<string, unknown>).roles).toBeUndefined();
  });
});

describe("renderTeamSection", () => {
  it("is empty without a team or for a one-role team", () => {
    expect(renderTeamSection(undefined, withRoles.toJSON())).toBe("");
    expect(renderTeamSection(TEAM.slice(0, 1), withRoles.toJSON())).toBe("");
  });

  it("lists each role with its trimmed description and its functions, (none) when it has none", () => {
    const text = renderTeamSection(TEAM, withRoles.toJSON());
    const lines = text.split("\n");
    expect(lines[0]).toBe("## The team");
    expect(lines[1]).toMatch(/^The assistant is a team of 2 agents \(roles\)\./);
    expect(lines.slice(2)).toEqual([
      "- researcher: Finds facts. Functions: (none).",
      "- calculator: Computes. Functions: mul.",
      'add_function and revise_function take an optional "roles" argument (role names from: researcher, calculator); give a function to the role that needs it.',
    ]);
  });
});
