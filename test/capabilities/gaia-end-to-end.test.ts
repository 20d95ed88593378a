import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tool } from "@langchain/core/tools";
import { createAgent } from "langchain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createCapabilities, type CapabilityPolicy } from "../../src/capabilities/index.js";
import { loadGaia } from "../../src/datasets/index.js";
import { evaluate, renderTranscript } from "../../src/evaluation/index.js";
import { Toolset } from "../../src/functions/index.js";
import { createModel } from "../../src/models/index.js";
import { createSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { startScriptedServer } from "../../src/testing/index.js";
import type { ScriptedReply, ScriptedRequest, ScriptedServer } from "../../src/testing/types.js";
import { trainAgent, type TrainingEvent } from "../../src/training/index.js";
import { writeGaiaFixture } from "./fixture-gaia.js";
import { startFixtureWeb } from "./fixture-web.js";

// GAIA offline, end to end: a fixture web on a loopback port, a GAIA-format
// fixture dataset with attachments, a user-supplied search tool, scripted
// models. Training learns functions that fetch and parse tables, read and
// parse a PDF attachment, and search; the score rises; the trained toolset
// then works unchanged in LangChain's createAgent under the same policy.
let web: Awaited<ReturnType<typeof startFixtureWeb>>;
let server: ScriptedServer;
let sandbox: Sandbox;
let dir: string;
const connections: string[] = [];
const searches: string[] = [];

const text = (content: unknown) => (typeof content === "string" ? content : JSON.stringify(content));
const usage = { prompt_tokens: 10, completion_tokens: 5 };

function learnedFunctions(origin: string) {
  return [
    {
      name: "moons_of",
      description: "Number of moons of a planet, from the moons page's table.",
      arguments: { planet: { type: "string" } },
      capabilities: ["fetch", "parse"],
      code: `async function moons_of({ planet }) {
  const page = await fetch(${JSON.stringify(`${origin}/moons.html`)});
  const [table] = await parse.tables(page);
  const row = table.rows.find((r) => r[0].toLowerCase() === planet.toLowerCase());
  return row ? Number(row[1]) : "unknown planet";
}`,
    },
    {
      name: "report_total",
      description: "Total revenue stated in an attached PDF report.",
      arguments: { file: { type: "string" } },
      capabilities: ["readAttachment", "parse"],
      code: `async function report_total({ file }) {
  const text = await parse.pdf(await readAttachment(file));
  const m = /Total revenue:\\s*([\\d,.]+)/.exec(text);
  return m ? m[1].replace(/,/g, "") : "not found";
}`,
    },
    {
      name: "planet_with_moons",
      description: "Which planet has a given number of moons, by web search.",
      arguments: { count: { type: "number" } },
      capabilities: ["search"],
      code: `async function planet_with_moons({ count }) {
  const results = await search(count + " moons planet");
  const m = /([A-Z][a-z]+) has \\d+ moons/.exec(typeof results === "string" ? results : JSON.stringify(results));
  return m ? m[1] : "unknown";
}`,
    },
  ];
}

/** The scripted optimizer adds the three functions in step 1, then stops; the scripted agent calls whichever fits its question. */
function respond(origin: string) {
  return (req: ScriptedRequest): ScriptedReply => {
    if (req.model === "optimizer") {
      const system = text(req.messages[0]?.content);
      // The prompt must list exactly the granted capabilities.
      if (!system.includes("await fetch(url") || !system.includes("readAttachment(name)") || !system.includes("await search(query)") || system.includes("functions.NAME")) {
        return { usage, content: "TERMINATE (capabilities missing from the prompt)" };
      }
      const prompt = req.messages.map((m) => text(m.content)).join("\n");
      if (prompt.includes("moons_of") || req.messages.some((m) => m.role === "tool")) return { usage, content: "TERMINATE" };
      return {
        usage,
        toolCalls: learnedFunctions(origin).map((f, i) => ({ id: `add_${i}`, name: "add_function", arguments: { ...f, packages: [] } })),
      };
    }
    const question = text(req.messages.find((m) => m.role === "user")?.content);
    const last = req.messages[req.messages.length - 1]!;
    if (last.role === "tool") return { usage, content: `FINAL ANSWER: ${text(last.content).replace(/"/g, "")}` };
    const has = (name: string) => (req.tools ?? []).some((t) => t.function.name === name);
    if (/annual report/.test(question) && has("report_total")) return { usage, toolCalls: [{ id: "c1", name: "report_total", arguments: { file: "report.pdf" } }] };
    if (/Saturn/.test(question) && has("moons_of")) return { usage, toolCalls: [{ id: "c2", name: "moons_of", arguments: { planet: "Saturn" } }] };
    if (/95 moons/.test(question) && has("planet_with_moons")) return { usage, toolCalls: [{ id: "c3", name: "planet_with_moons", arguments: { count: 95 } }] };
    return { usage, content: "FINAL ANSWER: I cannot tell" };
  };
}

function policy(): CapabilityPolicy {
  const search = tool(
    async ({ query }: { query: string }) => {
      searches.push(query);
      return JSON.stringify([{ title: "Moons", content: /95/.test(query) ? "Jupiter has 95 moons." : "No result." }]);
    },
    { name: "fixture_search", description: "Searches the fixture index.", schema: z.object({ query: z.string() }) },
  );
  // Exactly the fixture server's loopback address, nothing else.
  return {
    net: { allow: [web.host], beforeConnect: (address, port) => void connections.push(`${address}:${port}`) },
    parse: true,
    attachments: true,
    search,
  };
}

beforeAll(async () => {
  web = await startFixtureWeb();
  server = await startScriptedServer({ respond: respond(web.origin) });
  sandbox = await createSandbox({ workers: 1, timeoutMs: 10_000 });
  dir = mkdtempSync(join(tmpdir(), "tf-gaia-e2e-"));
  await writeGaiaFixture(join(dir, "gaia"));
});
afterAll(async () => {
  await sandbox?.close();
  await server?.close();
  await web?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("GAIA end to end, offline", () => {
  it("learns capability-using functions, raises the score, replays recorded fetches, and works in createAgent", async () => {
    const data = await loadGaia(join(dir, "gaia"));
    const train = data.tasks.filter((t) => ["g-pdf", "g-web", "g-search"].includes(t.id));
    const runDir = join(dir, "run");
    const model = (name: string) => ({ baseURL: server.baseURL, model: name, apiKey: "test", maxRetries: 0 });
    const events: TrainingEvent[] = [];
    const result = await trainAgent({
      agent: { kind: "tool-calling", model: model("agent"), codeInterpreter: false },
      optimizer: { model: model("optimizer"), maxActions: 3 },
      train,
      scorer: data.scorer,
      maxSteps: 2,
      concurrency: 1,
      runDir,
      sandbox,
      capabilities: policy(),
      onEvent: (e) => events.push(e),
    });
    expect(events.filter((e) => e.type === "action_rejected")).toEqual([]);
    expect(result.steps.map((s) => [s.step, s.accepted, s.trainLoss])).toEqual([[0, true, 1], [1, true, 0], [2, false, 0]]);
    expect(result.toolset.functions.map((f) => [f.name, f.capabilities])).toEqual([
      ["moons_of", ["fetch", "parse"]],
      ["report_total", ["readAttachment", "parse"]],
      ["planet_with_moons", ["search"]],
    ]);
    expect(connections.length).toBeGreaterThan(0);
    expect(new Set(connections)).toEqual(new Set([web.host]));
    expect(searches.length).toBeGreaterThan(0);
    // Responses were recorded in the run directory; re-scoring replays them instead of fetching.
    expect(readdirSync(join(runDir, "capabilities", "fetch")).length).toBe(1);
    const hits = web.hits.get("/moons.html");
    const rescored = await evaluate({
      agent: { kind: "tool-calling", model: model("agent"), codeInterpreter: false },
      toolset: result.toolset,
      tasks: train,
      scorer: data.scorer,
      sandbox,
      capabilities: createCapabilities(policy(), { runDir }),
    });
    expect(rescored.loss).toBe(0);
    expect(web.hits.get("/moons.html")).toBe(hits);
    const webCall = rescored.records.find((r) => r.taskId === "g-web")!.functionCalls[0]!;
    expect(webCall.capabilities?.byName).toEqual({ fetch: 1, "parse.tables": 1 });
    // The optimizer's transcript shows what the function did on the host.
    expect(renderTranscript(rescored.records.find((r) => r.taskId === "g-web")!)).toMatch(/\n {2}uses fetch×1, parse\.tables×1 \(\d+\.\d kB, \d+ ms\)\n/);

    // The trained toolset, unchanged, in LangChain's createAgent with the same policy.
    const toolset = await Toolset.load(join(runDir, "best.toolset.json"));
    const agent = createAgent({ model: createModel(model("agent")), tools: toolset.toTools({ sandbox, capabilities: createCapabilities(policy()) }) });
    const pdfTask = train.find((t) => t.id === "g-pdf")!;
    const out = await agent.invoke({ messages: [{ role: "user", content: pdfTask.question }] }, { configurable: { toolforge_attachments: pdfTask.attachments } });
    expect(text(out.messages.at(-1)?.content)).toBe("FINAL ANSWER: 4210");
  });
});
