import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Toolset } from "../../src/functions/index.js";
import { applyAction } from "../../src/optimizer/index.js";
import { createSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { addArgs, baseRecords, baseToolset } from "./fixtures.js";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ workers: 1 });
});
afterAll(async () => {
  await sandbox?.close();
});

const context = () => ({ sandbox, records: baseRecords() });

describe("applyAction", () => {
  it("refuses terminate when it reaches it directly (terminate is handled by the step, never applied)", async () => {
    const out = await applyAction(baseToolset(), { id: "t", name: "terminate", args: {} }, context());
    expect(out).toMatchObject({ ok: false, code: "unknown_action" });
    expect(!out.ok && out.reason).toMatch(/^terminate rejected: unknown action "terminate"; the available actions are add_function, revise_function, remove_function, terminate$/);
  });

  it("follows the sandbox's own package allow-list when it is narrower than the global one", async () => {
    const narrow: Sandbox = Object.create(sandbox, { allowedPackages: { value: [] } });
    const args = addArgs("calc", { packages: ["mathjs"], code: 'function calc({ x }) { const math = require("mathjs"); return math.sqrt(x); }' });
    const refused = await applyAction(Toolset.empty(), { id: "a", name: "add_function", args }, { sandbox: narrow, records: [] });
    expect(refused).toMatchObject({ ok: false, code: "invalid_spec", name: "calc" });
    expect(!refused.ok && refused.reason).toContain("mathjs");
    // The same call passes with the full sandbox.
    expect(await applyAction(Toolset.empty(), { id: "a", name: "add_function", args }, { sandbox, records: [] })).toMatchObject({ ok: true, name: "calc" });
  });

  it("names the function in a rejection: the spec's function for invalid specs, the proposed name for bad arguments", async () => {
    const badCode = await applyAction(Toolset.empty(), { id: "a", name: "add_function", args: addArgs("area", { code: "function nope({ x }) { return x; }" }) }, context());
    expect(badCode).toMatchObject({ ok: false, code: "invalid_spec", name: "area" });
    expect(!badCode.ok && badCode.reason).toMatch(/^add_function rejected: function "area", field "code"/);

    const exists = await applyAction(baseToolset(), { id: "b", name: "add_function", args: addArgs("double") }, context());
    expect(exists).toMatchObject({ ok: false, code: "exists", name: "double" });

    const badSchema = await applyAction(Toolset.empty(), { id: "c", name: "add_function", args: addArgs("area", { arguments: "{not json" }) }, context());
    expect(badSchema).toMatchObject({ ok: false, code: "invalid_arguments", name: "area" });

    const missing = await applyAction(baseToolset(), { id: "d", name: "remove_function", args: { name: "ghost" } }, context());
    expect(missing).toMatchObject({ ok: false, code: "missing", name: "ghost" });
  });
});

describe("applyAction: each action's outcome", () => {
  it("adds, revises and removes a function on a new toolset, leaving the input toolset unchanged", async () => {
    const start = baseToolset();
    const added = await applyAction(start, { id: "a", name: "add_function", args: addArgs("inc") }, context());
    expect(added).toMatchObject({ ok: true, action: "add_function", name: "inc", spec: { name: "inc", description: "The inc function." } });
    expect(added.ok && added.toolset.functions.map((f) => f.name)).toEqual(["double", "inc"]);
    expect(start.functions.map((f) => f.name)).toEqual(["double"]);

    const revised = await applyAction(start, { id: "r", name: "revise_function", args: addArgs("double", { code: "const double = ({ x }) => x + x;" }) }, context());
    expect(revised).toMatchObject({ ok: true, action: "revise_function", name: "double", spec: { code: "const double = ({ x }) => x + x;" } });
    expect(revised.ok && revised.toolset.get("double")?.code).toBe("const double = ({ x }) => x + x;");

    const removed = await applyAction(start, { id: "d", name: "remove_function", args: { name: " double " } }, context());
    expect(removed).toEqual({ ok: true, toolset: expect.anything(), action: "remove_function", name: "double" });
    expect(removed.ok && removed.toolset.size).toBe(0);
    expect(start.size).toBe(1);
  });

  it("rejects an unknown action and unparseable arguments with the reason, before reading the arguments", async () => {
    const unknown = await applyAction(baseToolset(), { id: "u", name: "rename_function", args: { name: "double" } }, context());
    expect(unknown).toEqual({
      ok: false,
      code: "unknown_action",
      reason: 'rename_function rejected: unknown action "rename_function"; the available actions are add_function, revise_function, remove_function, terminate',
    });
    const bad = await applyAction(baseToolset(), { id: "j", name: "add_function", invalidJson: "Unexpected end of JSON input" }, context());
    expect(bad).toEqual({
      ok: false,
      code: "invalid_json",
      reason: "add_function rejected: the arguments are not valid JSON (Unexpected end of JSON input); send one JSON object",
    });
  });

  it("rejects bad remove_function arguments without a name, and bad add arguments without a name when none was given", async () => {
    const remove = await applyAction(baseToolset(), { id: "d", name: "remove_function", args: { name: 3 } }, context());
    expect(remove).toEqual({ ok: false, code: "invalid_arguments", reason: 'remove_function rejected: field "name" must be a non-empty string, got a number' });
    const notObject = await applyAction(baseToolset(), { id: "a", name: "add_function", args: "double" }, context());
    expect(notObject).toEqual({ ok: false, code: "invalid_arguments", reason: "add_function rejected: the arguments must be a JSON object, got a string" });
    const numericName = await applyAction(baseToolset(), { id: "a", name: "add_function", args: addArgs("f", { name: 7, arguments: "{" }) }, context());
    expect(numericName).toMatchObject({ ok: false, code: "invalid_arguments" });
    expect("name" in numericName).toBe(false);
  });

  it("checks roles against the team and stores them on the function", async () => {
    const team = { ...context(), teamRoles: ["researcher", "calculator"] };
    const given = await applyAction(baseToolset(), { id: "a", name: "add_function", args: addArgs("inc", { roles: ["calculator"] }) }, team);
    expect(given).toMatchObject({ ok: true, spec: { name: "inc", roles: ["calculator"] } });
    const everyRole = await applyAction(baseToolset(), { id: "a", name: "add_function", args: addArgs("inc", { roles: [] }) }, team);
    expect(everyRole.ok && everyRole.spec && "roles" in everyRole.spec).toBe(false);
    const unknown = await applyAction(baseToolset(), { id: "a", name: "add_function", args: addArgs("inc", { roles: ["writer"] }) }, team);
    expect(unknown).toMatchObject({ ok: false, code: "unknown_role", name: "inc" });
    expect(!unknown.ok && unknown.reason).toMatch(/^add_function rejected: field "roles": "writer" is not a role of the team/);
    const single = await applyAction(baseToolset(), { id: "a", name: "add_function", args: addArgs("inc", { roles: ["calculator"] }) }, context());
    expect(single).toMatchObject({ ok: false, code: "invalid_arguments", name: "inc" });
  });

  // A loop that never ends times out at any machine speed; the limit is generous so that evaluating the definition never does.
  it("rejects a function whose sample call from the histories crashes the sandbox, naming it", async () => {
    const looping = addArgs("double", { code: "function double({ x }) { while (true) {} }" });
    const out = await applyAction(baseToolset(), { id: "r", name: "revise_function", args: looping }, { ...context(), smokeTimeoutMs: 5_000 });
    expect(out).toMatchObject({ ok: false, code: "smoke_failed", name: "double" });
    expect(!out.ok && out.reason).toMatch(/^revise_function rejected: a sample call double\(\{"x":2\}\) taken from the execution histories crashed the sandbox \(timeout\)/);
  });

  it("turns an unexpected failure of the sandbox into an internal rejection instead of throwing", async () => {
    const broken: Sandbox = Object.create(sandbox, {
      check: {
        value: async () => {
          throw new Error("worker gone");
        },
      },
    });
    const out = await applyAction(baseToolset(), { id: "a", name: "add_function", args: addArgs("inc") }, { sandbox: broken, records: [] });
    expect(out).toEqual({ ok: false, code: "internal", reason: "add_function rejected: unexpected error while applying the action: worker gone" });
  });
});
