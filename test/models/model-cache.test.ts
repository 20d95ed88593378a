import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AIMessage, AIMessageChunk, HumanMessage, SystemMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { createModel, createModelCache } from "../../src/models/index.js";
import { startScriptedServer, type ScriptedServer } from "../../src/testing/index.js";

const add = tool(async ({ a, b }) => String(a + b), {
  name: "add",
  description: "Add two numbers",
  schema: z.object({ a: z.number(), b: z.number() }),
});

let server: ScriptedServer;
let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "toolforge-cache-"));
  file = join(dir, "model-cache.sqlite");
  let n = 0;
  server = await startScriptedServer({
    respond: () => ({ content: `answer ${n++}`, toolCalls: [{ name: "add", arguments: { a: 1, b: 2 } }], usage: { prompt_tokens: 20, completion_tokens: 7 } }),
  });
});
afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const spec = () => ({ baseURL: server.baseURL, model: "x", apiKey: "sk-must-not-leak" });

describe("createModelCache with createModel", () => {
  it("answers a repeated request from the cache, keeping tool_calls and usage", async () => {
    const model = createModel(spec(), { cache: createModelCache() }).bindTools!([add]);
    const first = (await model.invoke([new HumanMessage("1+2?")])) as AIMessage;
    const second = (await model.invoke([new HumanMessage("1+2?")])) as AIMessage;
    expect(server.requests).toHaveLength(1);
    expect(second.content).toBe(first.content);
    expect(second.tool_calls).toEqual(first.tool_calls);
    expect(second.tool_calls?.[0]).toMatchObject({ name: "add", args: { a: 1, b: 2 } });
    expect(second.usage_metadata).toMatchObject({ input_tokens: 20, output_tokens: 7, total_tokens: 27 });
  });

  it("persists to one SQLite file: a new cache on the same file also hits (resume)", async () => {
    const cache = createModelCache({ file });
    const first = (await createModel(spec(), { cache }).bindTools!([add]).invoke("1+2?")) as AIMessage;
    await cache.close();
    expect(server.requests).toHaveLength(1);
    const resumedCache = createModelCache({ file });
    const again = (await createModel(spec(), { cache: resumedCache }).bindTools!([add]).invoke("1+2?")) as AIMessage;
    expect(server.requests).toHaveLength(1);
    expect(resumedCache.stats.hits).toBe(1);
    expect(again).toBeInstanceOf(AIMessage);
    expect(again.content).toBe(first.content);
    expect(again.tool_calls).toEqual(first.tool_calls);
    expect(again.usage_metadata).toMatchObject({ input_tokens: 20, output_tokens: 7 });
    await resumedCache.close();
  });

  it("never writes the API key to the cache store", async () => {
    const cache = createModelCache({ file });
    await createModel(spec(), { cache }).invoke("hello");
    await cache.close();
    const files = await readdir(dir);
    expect(files.filter((f) => f.endsWith(".json"))).toEqual([]);
    for (const f of files) expect((await readFile(join(dir, f))).toString("latin1")).not.toContain("sk-must-not-leak");
    expect((await readFile(file)).toString("latin1")).toContain("answer 0");
  });

  it("misses when messages, tools or sampling settings differ", async () => {
    const cache = createModelCache();
    await createModel(spec(), { cache }).invoke("q");
    await createModel(spec(), { cache }).invoke("other q");
    await createModel(spec(), { cache }).invoke([new SystemMessage("s"), new HumanMessage("q")]);
    await createModel(spec(), { cache }).bindTools!([add]).invoke("q");
    await createModel(spec(), { cache, temperature: 0.9 }).invoke("q");
    await createModel(spec(), { cache, seed: 5 }).invoke("q");
    await createModel({ ...spec(), model: "y" }, { cache }).invoke("q");
    expect(server.requests).toHaveLength(7);
    await createModel(spec(), { cache, seed: 5 }).invoke("q");
    expect(server.requests).toHaveLength(7);
  });

  it("ignores message ids (LangGraph assigns random ones)", async () => {
    const cache = createModelCache();
    const model = createModel(spec(), { cache });
    await model.invoke([new HumanMessage({ content: "q", id: "id-1" })]);
    await model.invoke([new HumanMessage({ content: "q", id: "id-2" })]);
    expect(server.requests).toHaveLength(1);
  });

  it("caches streamed answers and replays them as streams or invokes", async () => {
    const cache = createModelCache({ file });
    const model = createModel(spec(), { cache }).bindTools!([add]);
    const collect = async () => {
      let whole: AIMessageChunk | undefined;
      for await (const c of await model.stream("1+2?")) whole = whole ? whole.concat(c) : c;
      return whole!;
    };
    const live = await collect();
    const replay = await collect();
    expect(server.requests).toHaveLength(1);
    expect(replay.content).toBe(live.content);
    expect(replay.tool_calls).toEqual([expect.objectContaining({ name: "add", args: { a: 1, b: 2 } })]);
    expect(replay.usage_metadata).toMatchObject({ input_tokens: 20, output_tokens: 7 });
    const invoked = (await model.invoke("1+2?")) as AIMessage;
    expect(server.requests).toHaveLength(1);
    expect(invoked.tool_calls?.[0]?.args).toEqual({ a: 1, b: 2 });
  });

  it("does not cache failed requests", async () => {
    await server.close();
    let calls = 0;
    server = await startScriptedServer({ respond: () => (calls++ === 0 ? { status: 400, content: "bad" } : { content: "good" }) });
    const model = createModel(spec(), { cache: createModelCache(), maxRetries: 0 });
    await expect(model.invoke("q")).rejects.toThrow(/bad/);
    expect((await model.invoke("q")).content).toBe("good");
    expect(server.requests).toHaveLength(2);
  });

  it("returns fresh objects so callers cannot corrupt entries", async () => {
    const cache = createModelCache();
    await cache.update("p", "llm", [{ text: "orig", message: new AIMessage("orig") } as never]);
    const a = await cache.lookup("p", "llm");
    (a![0] as { text: string }).text = "mutated";
    const b = await cache.lookup("p", "llm");
    expect(b![0]!.text).toBe("orig");
    expect(cache.stats).toMatchObject({ hits: 2, writes: 1 });
    expect(await cache.lookup("p", "other")).toBeNull();
  });
});

describe("model cache inside LangGraph", () => {
  it.each(["v2", "v3"] as const)("replays calls made under %s messages streaming", async (version) => {
    const { StateGraph, MessagesAnnotation, START, END } = await import("@langchain/langgraph");
    const model = createModel(spec(), { cache: createModelCache() }).bindTools!([add]);
    const graph = new StateGraph(MessagesAnnotation)
      .addNode("agent", async (state) => ({ messages: [await model.invoke(state.messages)] }))
      .addEdge(START, "agent")
      .addEdge("agent", END)
      .compile();
    const run = async () => {
      const parts: unknown[] = [];
      const stream = await graph.stream({ messages: [new HumanMessage("1+2?")] }, { streamMode: ["messages", "values"], version } as never);
      for await (const part of stream as AsyncIterable<unknown>) parts.push(part);
      return parts;
    };
    const live = await run();
    const replay = await run();
    expect(server.requests).toHaveLength(1);
    // Both runs streamed message events, and the replayed final state still carries the tool call.
    expect(JSON.stringify(replay)).toContain('"messages"');
    expect(replay.length).toBeGreaterThan(1);
    expect(live.length).toBeGreaterThan(1);
    const final = (await graph.invoke({ messages: [new HumanMessage("1+2?")] })).messages.at(-1) as AIMessage;
    expect(final.tool_calls?.[0]).toMatchObject({ name: "add", args: { a: 1, b: 2 } });
    expect(server.requests).toHaveLength(1);
  });
});

describe("model cache store on disk", () => {
  it("reads the one-file-per-request folder of earlier run directories, and copies what it finds into the store", async () => {
    const { ModelCache } = await import("../../src/models/index.js");
    const { mkdir, writeFile } = await import("node:fs/promises");
    const legacyDir = join(dir, "model-cache");
    await mkdir(legacyDir);
    const entry = { format: "toolforge.model-cache", version: 1, generations: [{ text: "from an old run" }] };
    await writeFile(join(legacyDir, `${ModelCache.keyOf("p", "llm")}.json`), JSON.stringify(entry));
    const cache = createModelCache({ file, legacyDir });
    expect((await cache.lookup("p", "llm"))?.[0]?.text).toBe("from an old run");
    expect(await cache.lookup("q", "llm")).toBeNull();
    await cache.close();
    await rm(legacyDir, { recursive: true });
    const migrated = createModelCache({ file });
    expect((await migrated.lookup("p", "llm"))?.[0]?.text).toBe("from an old run");
    await migrated.close();
  });

  it("keeps every completed update when the writer is killed with SIGKILL", async () => {
    const { runTsChild } = await import("../helpers/run-ts-child.js");
    const child = await runTsChild(join(import.meta.dirname, "fixtures", "cache-kill-child.ts"), { CACHE_FILE: file, KILL_AFTER: "137" });
    expect(child.signal, child.stderr).toBe("SIGKILL");
    const cache = createModelCache({ file });
    for (let i = 0; i <= 137; i++) expect((await cache.lookup(`p${i}`, "llm"))?.[0]?.text).toBe(`v${i}`);
    expect(await cache.lookup("p138", "llm")).toBeNull();
    await cache.close();
  });
});
