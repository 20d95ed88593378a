import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { fakeModel } from "@langchain/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Toolset } from "../../src/functions/index.js";
import { ACTION_TOOLS, conversationTokens, countTokens, createOptimizeStepGraph } from "../../src/optimizer/index.js";
import { createSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { addArgs, baseRecords, baseToolset, makeRecord } from "./fixtures.js";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ workers: 1 });
});
afterAll(async () => {
  await sandbox?.close();
});

const input = (best = baseToolset(), records = baseRecords()) => ({ step: 1, best: best.toJSON(), bestScore: 0.5, records, failures: [] });
const humanOf = (messages: BaseMessage[]) => messages.filter((m) => HumanMessage.isInstance(m)).map((m) => m.text);
const listB = (human: string) => human.slice(human.indexOf("## List B"), human.indexOf("## Histories"));

describe("optimize step: List B is live", () => {
  it("shows the optimizer the set after each applied action, with the code of added and revised functions", async () => {
    const model = fakeModel()
      .respondWithTools([{ id: "a1", name: "add_function", args: addArgs("inc", { code: "function inc({ x }) { return x + 1; } // v1" }) }])
      .respondWithTools([{ id: "r1", name: "revise_function", args: addArgs("double", { code: "const double = ({ x }) => x * 2; // v2", description: "Twice x." }) }])
      .respondWithTools([{ id: "bad", name: "remove_function", args: { name: "ghost" } }])
      .respondWithTools([{ id: "d1", name: "remove_function", args: { name: "inc" } }])
      .respond(new AIMessage("TERMINATE"));
    const out = await createOptimizeStepGraph({ model, sandbox, maxActions: 5 }).invoke(input());
    expect(out.stopReason).toBe("terminate");
    const prompts = model.calls.map((c) => humanOf(c.messages));
    // One human message per request: the prompt is rebuilt, not appended.
    expect(prompts.every((p) => p.length === 1)).toBe(true);
    const lists = prompts.map((p) => listB(p[0]!));

    expect(lists[0]).toContain("## List B — the function set after 0 actions\nList B is the same as List A: you start from List A.");

    expect(lists[1]).toContain("## List B — the function set after 1 action\n");
    expect(lists[1]).toContain("name: double (unchanged from List A)");
    expect(lists[1]).toContain("name: inc (added in this step)");
    expect(lists[1]).toContain("function inc({ x }) { return x + 1; } // v1");

    expect(lists[2]).toContain("## List B — the function set after 2 actions\n");
    expect(lists[2]).toContain("name: double (revised in this step)\ndescription: Twice x.");
    expect(lists[2]).toContain("const double = ({ x }) => x * 2; // v2");
    expect(lists[2]).toContain("name: inc (added in this step)");

    // A rejected call changes nothing: still 2 actions.
    expect(lists[3]).toContain("## List B — the function set after 2 actions\n");

    expect(lists[4]).toContain("## List B — the function set after 3 actions\n");
    expect(lists[4]).not.toContain("name: inc");
    expect(lists[4]).toContain("const double = ({ x }) => x * 2; // v2");
    // List A stays the best set all along.
    for (const p of prompts) expect(p[0]!.slice(p[0]!.indexOf("## List A"), p[0]!.indexOf("## List B"))).toContain("function double({ x }) { return 2 * x; }");
    // Each request keeps the step's conversation after the prompt, so rejection reasons stay visible.
    expect(model.calls[4]!.messages).toHaveLength(2 + 4 * 2);
  });

  it("keeps every request within the token budget as the conversation grows", async () => {
    const records = Array.from({ length: 300 }, (_, i) =>
      makeRecord(`t${i}`, i % 2, { calls: [{ name: "double", args: { x: i }, result: `${"w".repeat(500)} ${i}` }], question: "Long question? ".repeat(40) }),
    );
    const bigCode = (name: string) => `function ${name}({ x }) {\n${"  x = x + 1; // keep counting up\n".repeat(120)}  return x;\n}`;
    // Explicit AI messages: fakeModel's respondWithTools would echo the whole prompt as content.
    const call = (name: string) => new AIMessage({ content: "", tool_calls: [{ id: name, name: "add_function", args: addArgs(name, { code: bigCode(name) }), type: "tool_call" }] });
    const model = fakeModel()
      .respond(call("big_a"))
      .respond(call("big_b"))
      .respond(new AIMessage("TERMINATE"));
    const budget = 12_000;
    await createOptimizeStepGraph({ model, sandbox, maxActions: 3, promptTokenBudget: budget }).invoke(input(baseToolset(), records));
    const sent = model.calls.map((c) => countTokens(JSON.stringify(ACTION_TOOLS)) + conversationTokens(c.messages));
    expect(sent).toHaveLength(3);
    for (const tokens of sent) expect(tokens).toBeLessThanOrEqual(budget);
    // The later requests made room for the conversation by showing fewer transcripts.
    const shown = model.calls.map((c) => (humanOf(c.messages)[0]!.match(/### Task /g) ?? []).length);
    expect(shown[2]).toBeLessThan(shown[0]!);
  });
});

describe("optimize step: one-step generation (the paper's 'w/o progressive function update')", () => {
  it("asks once for a whole new set, with add_function only, and replaces List A by what it gets", async () => {
    const model = fakeModel().respondWithTools([
      { id: "a", name: "add_function", args: addArgs("inc") },
      { id: "b", name: "add_function", args: addArgs("dec", { code: "function dec({ x }) { return x - 1; }" }) },
      { id: "c", name: "add_function", args: addArgs("bad", { code: "function nope() {}" }) },
      { id: "d", name: "remove_function", args: { name: "double" } },
    ]);
    const out = await createOptimizeStepGraph({ model, sandbox, mode: "one-step", maxActions: 1 }).invoke(input());
    expect(model.calls).toHaveLength(1);
    expect(out.stopReason).toBe("one_step");
    // The old "double" was not sent again, so it is gone; maxActions does not cap the set.
    expect(Toolset.fromJSON(out.candidate).functions.map((f) => f.name)).toEqual(["inc", "dec"]);
    expect(out.rejected.map((r) => [r.action, r.code])).toEqual([["add_function", "invalid_spec"], ["remove_function", "unknown_action"]]);
    const human = humanOf(model.calls[0]!.messages)[0]!;
    expect(human).not.toContain("## List B");
    expect(human).toContain("write the complete new function set now");
    expect(model.calls[0]!.messages[0]!.text).toContain("The set you send replaces the current set (List A) entirely");
  });

  it("leaves the set unchanged when the one reply holds no valid function", async () => {
    const model = fakeModel().respondWithTools([{ name: "add_function", args: addArgs("bad", { code: "not js (" }) }]);
    const out = await createOptimizeStepGraph({ model, sandbox, mode: "one-step" }).invoke(input());
    expect(out.stopReason).toBe("no_call");
    expect(Toolset.fromJSON(out.candidate).hash).toBe(baseToolset().hash);
  });
});
