import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AIMessage, type BaseMessage, ToolMessage } from "@langchain/core/messages";
import { fakeModel } from "@langchain/core/testing";
import { BaseToolkit } from "@langchain/core/tools";
import { describe, expect, it } from "vitest";
import { createToolsetAgent } from "../../src/agents/index.js";
import { FunctionCallError, Toolkit, Toolset, ToolsetFileError } from "../../src/functions/index.js";
import type { SandboxResult } from "../../src/sandbox/types.js";
import { addSpec, explodeSpec as explode, fakeSandbox } from "./fixtures.js";

const toolset = Toolset.from([addSpec, explode]);

describe("Toolkit", () => {
  it("is a LangChain BaseToolkit whose tools run in the real sandbox it owns, closed by await using", async () => {
    let closedSandbox: Toolkit["sandbox"] | undefined;
    {
      await using toolkit = await Toolkit.create(toolset.toJSON(), { workers: 1 });
      expect(toolkit).toBeInstanceOf(BaseToolkit);
      expect(toolkit.getTools().map((t) => t.name)).toEqual(["add", "explode"]);
      const [add, fail] = toolkit.getTools();
      const ok = (await add!.invoke({ type: "tool_call", id: "a1", name: "add", args: { a: 20, b: 22 } })) as ToolMessage;
      expect(ok.content).toBe("42");
      const bad = (await fail!.invoke({ type: "tool_call", id: "e1", name: "explode", args: {} })) as ToolMessage;
      expect(bad.status).toBe("error");
      expect((bad.artifact as SandboxResult).ok).toBe(false);
      closedSandbox = toolkit.sandbox;
    }
    // Disposed at scope exit: the owned sandbox refuses new calls.
    await expect(closedSandbox!.run({ code: addSpec.code, entry: "add", args: { a: 1, b: 1 } })).rejects.toThrow();
  });

  it("leaves a sandbox it was given open, and loads toolset files with typed errors", async () => {
    const sandbox = fakeSandbox();
    let closed = 0;
    sandbox.close = async () => void closed++;
    const toolkit = await Toolkit.create(toolset, { sandbox });
    await toolkit[Symbol.asyncDispose]();
    expect(closed).toBe(0);
    await expect(Toolkit.create("/nonexistent/dir/x.toolset.json")).rejects.toBeInstanceOf(ToolsetFileError);
  });
});

describe("Toolkit options", () => {
  it("gives its tools the call options, with a sandbox it was given", async () => {
    const sandbox = fakeSandbox();
    const noisy = { ...explode, code: "function explode() { console.log('abcdef'); throw new Error('kaboom'); }" };
    const toolkit = await Toolkit.create(Toolset.from([addSpec, noisy]), { sandbox, timeoutMs: 77, maxErrorLogChars: 3, throwOnError: true });
    expect(toolkit.sandbox).toBe(sandbox);
    const [add, fail] = toolkit.getTools();
    expect(await add!.invoke({ a: 1, b: 2 })).toBe("3");
    expect(sandbox.calls[0]!.timeoutMs).toBe(77);
    const error = (await fail!.invoke({}).catch((e: unknown) => e)) as FunctionCallError;
    expect(error).toBeInstanceOf(FunctionCallError);
    expect(error.content).toBe("Error (thrown): kaboom\nLogs:\n…def");
    const lenient = await Toolkit.create(Toolset.from([noisy]), { sandbox });
    expect(await lenient.getTools()[0]!.invoke({})).toBe("Error (thrown): kaboom\nLogs:\nabcdef");
  });

  it("reads a toolset file, and closes the sandbox it owns once however often it is closed", async () => {
    const dir = await mkdtemp(join(tmpdir(), "toolforge-toolkit-"));
    try {
      const path = join(dir, "t.toolset.json");
      await toolset.save(path);
      const sandbox = fakeSandbox();
      const fromFile = await Toolkit.create(path, { sandbox });
      expect(fromFile.toolset.hash).toBe(toolset.hash);
      expect((await Toolkit.create(toolset.toJSON(), { sandbox })).toolset.hash).toBe(toolset.hash);
      expect((await Toolkit.create(toolset, { sandbox })).toolset).toBe(toolset);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("closes the sandbox it started once, however often it is closed", async () => {
    const toolkit = await Toolkit.create(toolset, { workers: 1 });
    const sandbox = toolkit.sandbox;
    const close = sandbox.close.bind(sandbox);
    let closes = 0;
    Object.defineProperty(sandbox, "close", { value: () => (closes++, close()) });
    const first = toolkit.close();
    expect(toolkit.close()).toBe(first);
    expect(toolkit[Symbol.asyncDispose]()).toBe(first);
    await first;
    expect(closes).toBe(1);
    await expect(sandbox.run({ code: addSpec.code, entry: "add", args: { a: 1, b: 1 } })).rejects.toThrow();
  });
});

describe("createToolsetAgent / TrainingResult.toAgent", () => {
  it("builds a createAgent agent over the learned tools that calls them and answers", async () => {
    const model = fakeModel()
      .respondWithTools([{ name: "add", args: { a: 2, b: 3 }, id: "c1" }])
      .respond((msgs: BaseMessage[]) => new AIMessage(`The sum is ${msgs.at(-1)!.content}`));
    const sandbox = fakeSandbox();
    await using agent = await createToolsetAgent(toolset, { model, sandbox });
    const out = await agent.invoke({ messages: [{ role: "user", content: "2+3?" }] });
    const tool = out.messages.find((m: BaseMessage) => m instanceof ToolMessage) as ToolMessage;
    expect(tool.content).toBe("5");
    expect(out.messages.at(-1)!.content).toBe("The sum is 5");
    expect(sandbox.calls).toHaveLength(1);
    expect(agent.toolkit.toolset.hash).toBe(toolset.hash);
  });
});
