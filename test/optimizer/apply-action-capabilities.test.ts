import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCapabilities } from "../../src/capabilities/index.js";
import type { ExecutionRecord } from "../../src/evaluation/types.js";
import { Toolset } from "../../src/functions/index.js";
import { applyAction, buildOptimizerPrompt } from "../../src/optimizer/index.js";
import { createSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { crashesUnlessParseAnswers } from "./fixtures.js";

// The optimizer side of capabilities: proposals must declare granted ones,
// smoke runs never go live, and the prompt lists exactly what is granted.
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ workers: 1 });
});
afterAll(async () => {
  await sandbox?.close();
});

const getter = (capabilities: unknown) => ({
  id: "1",
  name: "add_function",
  args: {
    name: "get_page",
    description: "Fetch a page's text.",
    arguments: { url: { type: "string" } },
    packages: "",
    capabilities,
    code: "async function get_page({ url }) { return (await fetch(url)).text; }",
  },
});

/** A record whose transcript called get_page, so the smoke run replays that call. */
const record = { taskId: "t", question: "q", gold: "g", messages: [], functionCalls: [{ id: "c", name: "get_page", args: { url: "http://198.51.100.7/secret" } }], finalAnswer: null, score: 0, usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 }, latencyMs: 0 } as ExecutionRecord;

describe("optimizer actions under a capability policy", () => {
  it("rejects a proposal that uses an undeclared capability or one the run does not grant", async () => {
    const undeclared = await applyAction(Toolset.empty(), getter(""), { sandbox, records: [] });
    expect(undeclared).toMatchObject({ ok: false, code: "invalid_spec" });
    expect(!undeclared.ok && undeclared.reason).toMatch(/code uses fetch but "capabilities" does not list it/);
    const ungranted = await applyAction(Toolset.empty(), getter(["fetch"]), { sandbox, records: [], capabilities: createCapabilities({ parse: true }) });
    expect(!ungranted.ok && ungranted.reason).toMatch(/field "capabilities": fetch is not granted in this run \(granted: parse\)/);
  });

  it("names every capability a proposal lacks and every one the run grants (none without a policy)", async () => {
    const both = { ...getter(["fetch", "search"]).args, code: "async function get_page({ url }) { await search(url); return (await fetch(url)).text; }" };
    const two = await applyAction(Toolset.empty(), { ...getter(""), args: both }, { sandbox, records: [], capabilities: createCapabilities({ parse: true, attachments: true }) });
    expect(!two.ok && two.reason).toMatch(/field "capabilities": fetch, search are not granted in this run \(granted: (parse, readAttachment|readAttachment, parse)\)$/);
    const none = await applyAction(Toolset.empty(), getter(["fetch"]), { sandbox, records: [] });
    expect(none).toMatchObject({ ok: false, code: "invalid_spec", name: "get_page" });
    expect(!none.ok && none.reason).toMatch(/fetch is not granted in this run \(granted: none\)$/);
  });

  it("smoke-runs a granted proposal with the run's capabilities, not with every call refused", async () => {
    // parse needs no network, so the smoke run really answers it; refused, this code would crash the runtime.
    const code = crashesUnlessParseAnswers("get_page", "url");
    const applied = await applyAction(Toolset.empty(), { ...getter("parse"), args: { ...getter("parse").args, code } }, { sandbox, records: [record], capabilities: createCapabilities({ parse: true }) });
    expect(applied).toMatchObject({ ok: true, name: "get_page" });
  });

  it("turns anything a broken sandbox throws into an internal rejection", async () => {
    const broken = { get allowedPackages(): never { throw undefined; } } as unknown as Sandbox;
    const result = await applyAction(Toolset.empty(), getter(""), { sandbox: broken, records: [] });
    expect(result).toMatchObject({ ok: false, code: "internal", reason: "add_function rejected: unexpected error while applying the action: undefined" });
  });

  it("accepts a granted proposal and smoke-runs it without live traffic", async () => {
    const connects: string[] = [];
    const capabilities = createCapabilities({ net: { allow: ["198.51.100.7"], beforeConnect: (a) => void connects.push(a) } });
    const applied = await applyAction(Toolset.empty(), getter("fetch"), { sandbox, records: [record], capabilities });
    expect(applied.ok).toBe(true);
    expect(applied.ok && applied.spec?.capabilities).toEqual(["fetch"]);
    expect(connects).toEqual([]);
    expect(capabilities.requestsSent).toBe(0);
  });

  it("lists exactly the granted capabilities in the prompt", () => {
    const none = buildOptimizerPrompt({ best: Toolset.empty().toJSON(), bestScore: 0, failures: [], records: [] });
    expect(none.system).toContain("Capabilities granted in this run: none.");
    const some = buildOptimizerPrompt({ best: Toolset.empty().toJSON(), bestScore: 0, failures: [], records: [] }, { capabilities: createCapabilities({ parse: true, attachments: true }).policy });
    expect(some.system).toContain("parse.tables(x)");
    expect(some.system).toContain("readAttachment(name)");
    expect(some.system).not.toContain("await fetch(");
    expect(some.system).not.toContain("search(query)");
  });
});
