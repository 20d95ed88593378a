import { describe, expect, it } from "vitest";
import { createCapabilities } from "../../src/capabilities/index.js";
import type { ToolsetToolsOptions } from "../../src/functions/toolset.js";
import { resolveTeam } from "../../src/teams/resolve-team.js";
import { defineTeam } from "../../src/teams/index.js";
import { fakeSandbox } from "../functions/fixtures.js";

describe("a team's tools run under the run's capability policy", () => {
  it("gives every role's tools the capabilities the run granted, and none when it granted none", async () => {
    const team = defineTeam({
      roles: [
        { name: "researcher", description: "Finds facts." },
        { name: "calculator", description: "Computes." },
      ],
      create: () => ({ invoke: async () => ({ messages: [] }) }),
    });
    const seen: ToolsetToolsOptions[] = [];
    const toolset = { toTools: (opts: ToolsetToolsOptions) => (seen.push(opts), []) };
    const capabilities = createCapabilities({ parse: true });
    await resolveTeam(team, { sandbox: fakeSandbox(), capabilities })(toolset);
    expect(seen.map((o) => [o.role, o.capabilities])).toEqual([
      ["researcher", capabilities],
      ["calculator", capabilities],
    ]);
    seen.length = 0;
    await resolveTeam(team, { sandbox: fakeSandbox() })(toolset);
    expect(seen.every((o) => o.capabilities === undefined)).toBe(true);
  });
});
