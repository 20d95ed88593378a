import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fakeModel } from "@langchain/core/testing";
import { afterAll, describe, expect, it } from "vitest";
import { Toolset } from "../../src/functions/index.js";
import { applyAction } from "../../src/optimizer/index.js";
import { TeamError, defineTeam, probeTeam, type TeamSpec } from "../../src/teams/index.js";
import { trainAgent } from "../../src/training/index.js";
import { addArgs } from "../optimizer/fixtures.js";
import { fakeSandbox } from "../functions/fixtures.js";
import { ROLES, scorer, supervisorTeam, TASKS } from "./fixtures/supervisor-team.js";

const teamError = async (fn: () => unknown): Promise<TeamError> => {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TeamError);
    return e as TeamError;
  }
  throw new Error("expected a TeamError");
};

describe("bad teams fail with a typed error before anything is spent", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const agent = () => ({ invoke: async () => ({ messages: [] }) });

  it("names duplicate roles, bad names, missing descriptions and a missing factory", async () => {
    const dup = await teamError(() => defineTeam({ roles: [ROLES[0]!, { ...ROLES[1]!, name: "researcher" }], create: agent }));
    expect(dup.code).toBe("E_TEAM_ROLE");
    expect(dup.message).toContain('two roles are named "researcher"');
    expect((await teamError(() => defineTeam({ roles: [{ name: "data analyst", description: "x" }], create: agent }))).context.field).toBe("roles[0].name");
    expect((await teamError(() => defineTeam({ roles: [{ name: "a", description: " " }], create: agent }))).context.field).toBe("roles[0].description");
    expect((await teamError(() => defineTeam({ roles: [], create: agent }))).code).toBe("E_TEAM_SPEC");
    expect((await teamError(() => defineTeam({ roles: ROLES, create: "nope" as never }))).context.field).toBe("create");
  });

  it("names a factory that throws or returns something that is not a runnable", async () => {
    const throws = await teamError(() => probeTeam({ kind: "team", roles: ROLES, create: () => { throw new Error("no llm"); } }, Toolset.empty()));
    expect(throws.code).toBe("E_TEAM_FACTORY");
    expect(throws.message).toContain("team.create threw: no llm");
    const notRunnable = await teamError(() => probeTeam({ kind: "team", roles: ROLES, create: () => 42 as never }, Toolset.empty()));
    expect(notRunnable.message).toContain("must return a Runnable");
  });

  it("trainAgent refuses a toolset naming an unknown role, and a broken factory, without writing the run directory or calling a model", async () => {
    const root = mkdtempSync(join(tmpdir(), "toolforge-team-bad-"));
    dirs.push(root);
    const model = fakeModel();
    const typo = Toolset.from([{ name: "f", description: "F.", parameters: { type: "object", properties: {} }, code: "function f() { return 1; }", roles: ["calculater"] }]);
    const options = { optimizer: { model }, train: TASKS, scorer, runDir: join(root, "run") };
    const unknown = await teamError(() => trainAgent({ ...options, agent: supervisorTeam(model as never), initialToolset: typo }));
    expect(unknown.code).toBe("E_TEAM_UNKNOWN_ROLE");
    expect(unknown.message).toContain('function "f" names "calculater", not a role of the team (roles: researcher, calculator)');
    const broken: TeamSpec = { kind: "team", roles: ROLES, create: () => ({}) as never };
    expect((await teamError(() => trainAgent({ ...options, agent: broken }))).code).toBe("E_TEAM_FACTORY");
    expect(readdirSync(root)).toEqual([]);
  });
});

describe("the optimizer's roles argument", () => {
  const roles = ROLES.map((r) => r.name);
  // The smoke run's definition check is the sandbox's business; here every definition passes.
  const sandbox = { ...fakeSandbox(), check: async () => ({ ok: true as const, value: null, logs: [], durationMs: 0 }) };
  const context = { sandbox, records: [], teamRoles: roles };

  it("gives an added function to the named roles, keeps them on revise, and [] means every role", async () => {
    const added = await applyAction(Toolset.empty(), { id: "1", name: "add_function", args: addArgs("inc", { roles: ["calculator"] }) }, context);
    if (!added.ok) throw new Error(added.reason);
    expect(added.toolset.get("inc")?.roles).toEqual(["calculator"]);
    const revised = await applyAction(added.toolset, { id: "2", name: "revise_function", args: addArgs("inc", { description: "Plus one." }) }, context);
    expect(revised.ok && revised.toolset.get("inc")?.roles).toEqual(["calculator"]);
    const everyone = await applyAction(added.toolset, { id: "3", name: "revise_function", args: addArgs("inc", { roles: [] }) }, context);
    expect(everyone.ok && everyone.toolset.get("inc")?.roles).toBeUndefined();
  });

  it("rejects an unknown role with the team's role names, and roles for an agent that is not a team", async () => {
    const out = await applyAction(Toolset.empty(), { id: "1", name: "add_function", args: addArgs("inc", { roles: ["calculater"] }) }, context);
    expect(out).toMatchObject({ ok: false, code: "unknown_role" });
    expect(!out.ok && out.reason).toContain('"calculater" is not a role of the team; the roles are researcher, calculator');
    const single = await applyAction(Toolset.empty(), { id: "1", name: "add_function", args: addArgs("inc", { roles: ["calculator"] }) }, { ...context, teamRoles: undefined });
    expect(single).toMatchObject({ ok: false, code: "invalid_arguments" });
  });
});
