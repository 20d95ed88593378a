import { createAgent } from "langchain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { loadDataset, type Dataset } from "../../src/datasets/index.js";
import { evaluate, renderTranscript } from "../../src/evaluation/index.js";
import { Toolset } from "../../src/functions/index.js";
import { createModel } from "../../src/models/index.js";
import { createSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { scriptedModelSpec, startScriptedServer } from "../../src/testing/index.js";
import type { ScriptedReply, ScriptedRequest, ScriptedServer } from "../../src/testing/types.js";

// gsm8k test-21: "Raymond was born 6 years before Samantha. Raymond had a son
// at the age of 23. If Samantha is now 31, how many years ago was Raymond's
// son born?" (gold 14). The scripted model only extracts the numbers; the
// learned function computes the answer inside QuickJS.
const toolset = Toolset.empty()
  .add({
    name: "years_ago",
    description: "Years since a parent's child was born, given the cousin's age now, the age gap and the parent's age at the birth.",
    parameters: {
      type: "object",
      properties: { now: { type: "number" }, gap: { type: "number" }, parentAge: { type: "number" } },
      required: ["now", "gap", "parentAge"],
    },
    code: "function years_ago({ now, gap, parentAge }) { return now - (parentAge - gap); }",
    packages: [],
  })
  .add({
    name: "broken",
    description: "Always fails.",
    parameters: { type: "object", properties: {} },
    code: "function broken() { throw new Error('not implemented yet'); }",
    packages: [],
  });
const ARGS = { now: 31, gap: 6, parentAge: 23 };

let sandbox: Sandbox;
let data: Dataset;
let server: ScriptedServer;
let respond: (req: ScriptedRequest) => ScriptedReply = () => ({ content: "unset" });

beforeAll(async () => {
  sandbox = await createSandbox();
  data = await loadDataset("gsm8k:test", { limit: 1 });
  server = await startScriptedServer({ respond: (req) => respond(req) });
});
afterAll(async () => {
  await server?.close();
  await sandbox?.close();
});

const model = () => scriptedModelSpec(server);
const toolResult = (req: ScriptedRequest) => req.messages.filter((m) => m.role === "tool").at(-1);

/** Tool-calling script: call `name` first, then answer with its result. */
const callThenAnswer =
  (name: string, args: unknown) =>
  (req: ScriptedRequest): ScriptedReply => {
    const result = toolResult(req);
    return result ? { content: `FINAL ANSWER: ${String(result.content)}` } : { toolCalls: [{ name, arguments: args }] };
  };

describe("tool-calling agent on gsm8k with a learned function", () => {
  it("calls the learned function in the sandbox and scores 1", async () => {
    expect(data.tasks[0]!.answer).toBe("14");
    respond = callThenAnswer("years_ago", ARGS);
    const before = server.requests.length;
    const { records, loss } = await evaluate({ agent: { kind: "tool-calling", model: model() }, toolset, tasks: data.tasks, scorer: data.scorer, sandbox });
    const [record] = records;

    expect(server.requests[before]!.tools!.map((t) => t.function.name).sort()).toEqual(["broken", "execute_javascript", "years_ago"]);
    expect(server.requests[before]!.messages[0]!.content).toContain("FINAL ANSWER");
    expect(record!.functionCalls).toHaveLength(1);
    expect(record!.functionCalls[0]).toMatchObject({ name: "years_ago", args: ARGS, result: "14" });
    expect(record!.functionCalls[0]!.error).toBeUndefined();
    expect(record!.functionCalls[0]!.durationMs).toBeGreaterThanOrEqual(0);
    const tool = record!.messages.find((m) => m.type === "tool")!;
    expect((tool.data as { artifact?: unknown }).artifact).toMatchObject({ ok: true, value: 14 });
    expect(record).toMatchObject({ finalAnswer: "14", score: 1 });
    expect(record!.error).toBeUndefined();
    expect(record!.usage.totalTokens).toBeGreaterThan(0);
    expect(loss).toBe(0);
    expect(renderTranscript(record!)).toContain('[call 1] years_ago({"now":31,"gap":6,"parentAge":23})');
  });

  it("runs execute_javascript with mathjs in the sandbox", async () => {
    respond = callThenAnswer("execute_javascript", { code: "const math = require('mathjs'); math.sqrt(196)" });
    const { records } = await evaluate({ agent: { kind: "tool-calling", model: model() }, toolset, tasks: data.tasks, scorer: data.scorer, sandbox });
    expect(records[0]!.functionCalls[0]).toMatchObject({ name: "execute_javascript", result: "14" });
    expect(records[0]!.score).toBe(1);
  });

  it("records a learned function's sandbox error kind", async () => {
    respond = callThenAnswer("broken", {});
    const { records } = await evaluate({ agent: { kind: "tool-calling", model: model() }, toolset, tasks: data.tasks, scorer: data.scorer, sandbox });
    const call = records[0]!.functionCalls[0]!;
    expect(call.name).toBe("broken");
    expect(call.error?.kind).toBe("thrown");
    expect(call.error?.message).toContain("not implemented yet");
    expect(records[0]!.score).toBe(0);
    expect(renderTranscript(records[0]!)).toContain("✗ thrown:");
  });

  it("records arguments that fail the learned function's schema as invalid_arguments", async () => {
    respond = callThenAnswer("years_ago", { now: "thirty-one" });
    const { records } = await evaluate({ agent: { kind: "tool-calling", model: model() }, toolset, tasks: data.tasks, scorer: data.scorer, sandbox });
    const call = records[0]!.functionCalls[0]!;
    expect(call.error?.kind).toBe("invalid_arguments");
    expect(call.error?.message).toMatch(/gap|parentAge|now/);
  });

  it("ends a run that never stops calling tools with error step_limit", async () => {
    respond = () => ({ toolCalls: [{ name: "years_ago", arguments: ARGS }] });
    const { records } = await evaluate({
      agent: { kind: "tool-calling", model: model(), maxSteps: 3 },
      toolset,
      tasks: data.tasks,
      scorer: data.scorer,
      sandbox,
    });
    expect(records[0]!.error?.kind).toBe("step_limit");
    expect(records[0]!.score).toBe(0);
    expect(records[0]!.functionCalls).toHaveLength(3);
    expect(records[0]!.functionCalls.filter((c) => c.result === "14")).toHaveLength(2);
  });
});

describe("ReAct agent on gsm8k with a learned function", () => {
  it("uses the text protocol, runs the learned function in the sandbox and scores 1", async () => {
    respond = (req) => {
      const last = String(req.messages.at(-1)!.content);
      const obs = /^Observation 1: (.*)$/s.exec(last);
      if (obs) return { content: `Thought: I now know the final answer\nFINAL ANSWER: ${obs[1]}` };
      return { content: `Thought: the learned function fits.\nAction 1: years_ago\nAction 1 Input: ${JSON.stringify(ARGS)}` };
    };
    const before = server.requests.length;
    const { records } = await evaluate({ agent: { kind: "react", model: model() }, toolset, tasks: data.tasks, scorer: data.scorer, sandbox });
    const first = server.requests[before]!;
    expect(first.tools ?? []).toHaveLength(0);
    expect(String(first.messages[0]!.content)).toContain("years_ago: Years since");
    expect(String(first.messages[0]!.content)).toContain("should be one of [years_ago, broken, execute_javascript]");
    expect(server.requests[before + 1]!.messages.every((m) => m.role !== "tool")).toBe(true);

    const record = records[0]!;
    expect(record.functionCalls).toEqual([
      expect.objectContaining({ name: "years_ago", args: ARGS, result: "14", durationMs: expect.any(Number) }),
    ]);
    expect(record).toMatchObject({ finalAnswer: "14", score: 1 });
  });
});

describe("a user's own agent (factory)", () => {
  it("gets the learned tools without the code interpreter and is recorded the same way", async () => {
    respond = callThenAnswer("years_ago", ARGS);
    let names: string[] = [];
    const factory = (tools: StructuredToolInterface[]) => {
      names = tools.map((t) => (t as { name: string }).name);
      return createAgent({ model: createModel(model()), tools });
    };
    const { records } = await evaluate({ agent: factory, toolset, tasks: data.tasks, scorer: data.scorer, sandbox });
    expect(names.sort()).toEqual(["broken", "years_ago"]);
    expect(records[0]!.functionCalls[0]).toMatchObject({ name: "years_ago", result: "14" });
    expect(records[0]!.functionCalls[0]!.durationMs).toEqual(expect.any(Number));
    expect(records[0]).toMatchObject({ finalAnswer: "14", score: 1 });
  });
});
