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
