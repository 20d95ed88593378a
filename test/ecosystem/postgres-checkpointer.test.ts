import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemorySaver } from "@langchain/langgraph";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CheckpointerError, checkpointerRecords, createCheckpointer, parseCheckpointerSpec } from "../../src/checkpoint/index.js";
import { createDemoAgentPolicy, createDemoOptimizerPolicy, DEMO_MODELS, loadDemoData } from "../../src/demo/index.js";
import { startScriptedServer } from "../../src/testing/index.js";
import type { ScriptedServer } from "../../src/testing/types.js";
import { LangGraphRecordStore, RunDirectory } from "../../src/training/index.js";
import { runBin } from "../cli/run-bin.js";
import type { Task } from "../../src/evaluation/types.js";
import { flippedTranscripts } from "../helpers/flipped-transcripts.js";
import { startDemoModels } from "./helpers/demo-models.js";
import { freePort } from "./helpers/free-port.js";
import { type PostgresServer, startPostgres } from "./helpers/postgres.js";
import { runTsChild } from "../helpers/run-ts-child.js";

const CHILD = join(import.meta.dirname, "fixtures", "train-postgres-child.ts");
const THREAD_ID = "pg-resume-1";

const runChild = (env: Record<string, string>, onSpawn?: (child: ChildProcess) => void) => runTsChild(CHILD, env, onSpawn);

/**
 * Task ids of step 1's candidate evaluation whose execution records are in the
 * database: the record store beside the Postgres checkpointer (LangGraph's
 * `store` table) is the only place a finished task is kept, and what a resumed
 * run reads to skip it.
 */
async function persistedTaskIds(url: string, threadId: string): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The table appears with the first run's setup(); before that nothing is persisted.
    const exists = await client.query("select 1 from information_schema.tables where table_schema = 'public' and table_name = 'store'");
    if (exists.rowCount === 0) return new Set();
    const rows = await client.query<{ task_id: string }>(
      "select value->'record'->>'taskId' as task_id from store where namespace_path like $1",
      [`toolforge:records:${threadId}:candidate-1-%`],
    );
    return new Set(rows.rows.map((r) => r.task_id));
  } finally {
    await client.end();
  }
}

const candidateIds = (events: ReturnType<RunDirectory["readEvents"]>) =>
  events.flatMap((e) => (e.type === "task_done" && e.phase === "candidate" && e.step === 1 ? [e.taskId] : []));

describe("createCheckpointer", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("defaults to the embedded SQLite file in the run directory, memory without one", async () => {
    const runDir = mkdtempSync(join(tmpdir(), "toolforge-ckpt-"));
    dirs.push(runDir);
    const sqlite = await createCheckpointer(undefined, { runDir });
    expect(sqlite.kind).toBe("sqlite");
    expect(sqlite.checkpointer).toBeInstanceOf(SqliteSaver);
    expect(sqlite.location).toBe(new RunDirectory(runDir).checkpoints);
    expect(sqlite.records).toBeUndefined();
    await sqlite.checkpointer.getTuple({ configurable: { thread_id: "t" } });
    expect(existsSync(sqlite.location)).toBe(true);
    await sqlite.close();
    await sqlite.close();
    const memory = await createCheckpointer();
    expect(memory.kind).toBe("memory");
    expect(memory.checkpointer).toBeInstanceOf(MemorySaver);
    const other = await createCheckpointer(`sqlite:${join(runDir, "other", "c.sqlite")}`);
    expect(other.location).toBe(join(runDir, "other", "c.sqlite"));
    await other.close();
  });

  it("parses specs without opening anything", () => {
    expect(parseCheckpointerSpec(undefined, { runDir: "runs/a" })).toEqual({ kind: "sqlite", location: join("runs/a", "checkpoints.sqlite") });
    expect(parseCheckpointerSpec("sqlite")).toEqual({ kind: "memory", location: "memory" });
    expect(parseCheckpointerSpec("sqlite:x/y.sqlite")).toEqual({ kind: "sqlite", location: "x/y.sqlite" });
    expect(parseCheckpointerSpec("runs/c.db")).toEqual({ kind: "sqlite", location: "runs/c.db" });
    expect(parseCheckpointerSpec("postgresql://u:p@h/d")).toEqual({ kind: "postgres", location: "postgresql://u:p@h/d" });
    expect(() => parseCheckpointerSpec("sqlite:")).toThrow(/file path is empty/);
    expect(() => parseCheckpointerSpec("redis://u:secret@h")).toThrow(/"redis:\/\/u:\*\*\*@h": expected/);
  });

  it("rejects unknown specs and unreachable databases with errors that name the spec but not the password", async () => {
    await expect(createCheckpointer("mysql://me:pw@db/x")).rejects.toMatchObject({ code: "E_CHECKPOINTER_SPEC" });
    const port = await freePort();
    const error = await createCheckpointer(`postgres://me:hunter2@127.0.0.1:${port}/db`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckpointerError);
    expect((error as CheckpointerError).code).toBe("E_CHECKPOINTER_CONNECT");
    expect((error as Error).message).toContain(`postgres://me:***@127.0.0.1:${port}/db`);
    expect((error as Error).message).not.toContain("hunter2");
  });
});

describe("PostgreSQL checkpointer on a real server", () => {
  let postgres: PostgresServer;
  let models: ScriptedServer;
  let taskIds: string[];
  let victim: ChildProcess | undefined;
  let killArmed = true;
  let candidateAgentCalls = 0;
  const dirs: string[] = [];

  beforeAll(async () => {
    postgres = await startPostgres();
    const data = await loadDemoData();
    taskIds = data.train.tasks.map((t) => t.id);
    const agent = createDemoAgentPolicy(data.plans);
    const optimizer = createDemoOptimizerPolicy();
    models = await startScriptedServer({
      respond: async (req) => {
        if (req.model === DEMO_MODELS.optimizer) return optimizer(req);
        // Kill machine A in the middle of step 1's candidate evaluation (the
        // first requests that offer a learned tool).
        if (killArmed && (req.tools ?? []).length > 0 && ++candidateAgentCalls === 4) {
          killArmed = false;
          // Hold this request until at least one finished task's result is in
          // the database (its write can lag on a loaded machine), then kill.
          for (let waited = 0; waited < 300_000 && (await persistedTaskIds(postgres.url, THREAD_ID)).size === 0; waited += 100) {
            await new Promise((r) => setTimeout(r, 100));
          }
          victim?.kill("SIGKILL");
          await new Promise((r) => setTimeout(r, 200));
        }
        return agent(req);
      },
      models: [DEMO_MODELS.agent, DEMO_MODELS.optimizer],
    });
  });

  afterAll(async () => {
    await models?.close();
    await postgres?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("creates its tables with setup() and stores checkpoints there", async () => {
    const opened = await createCheckpointer(postgres.url);
    try {
      expect(opened.kind).toBe("postgres");
      expect(opened.checkpointer).toBeInstanceOf(PostgresSaver);
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      const tables = await client.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public'");
      await client.end();
      expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(["checkpoints", "checkpoint_writes", "store"]));
      // Execution records go to the same database, and a saver opened here leads trainAgent to them.
      expect(opened.records).toBeInstanceOf(LangGraphRecordStore);
      expect(checkpointerRecords(opened.checkpointer)).toBe(opened.records);
      // A thread id PostgresStore would refuse as a namespace label round-trips.
      const ref = { thread: "run_1.a:b", phase: "candidate" as const, step: 1, toolset: "ab12" };
      const record = { taskId: "t0", question: "q", gold: "1", messages: [], functionCalls: [], finalAnswer: "1", score: 1, usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 }, latencyMs: 1 };
      await opened.records!.put(ref, 0, record);
      expect([...(await opened.records!.get(ref)).values()]).toEqual([record]);
    } finally {
      await opened.close();
    }
  });

  it("the CLI's --checkpointer keeps a run's checkpoints in Postgres, and resume reads them back", async () => {
    const demo = await startDemoModels();
    const dir = mkdtempSync(join(tmpdir(), "toolforge-pg-cli-"));
    dirs.push(dir);
    try {
      const jsonl = (name: string, tasks: Task[]) => {
        writeFileSync(join(dir, name), tasks.map((t) => JSON.stringify({ id: t.id, question: t.question, answer: t.answer })).join("\n") + "\n");
        return join(dir, name);
      };
      const data = jsonl("train.jsonl", demo.data.train.tasks);
      const out = join(dir, "run");
      const common = ["--max-steps", "2", "--patience", "2", "--checkpointer", postgres.url, "--out", out];
      const models = ["--model", JSON.stringify(demo.agentModel), "--optimizer-model", JSON.stringify(demo.optimizerModel)];
      const trained = await runBin(["train", "--data", data, "--test", jsonl("test.jsonl", demo.data.test.tasks), ...models, ...common]);
      expect(trained.code, trained.stderr).toBe(0);
      expect(existsSync(join(out, "checkpoints.sqlite"))).toBe(false);
      expect(JSON.parse(readFileSync(join(out, "config.json"), "utf8")).checkpointer).toBe(postgres.url);
      const { threadId } = JSON.parse(readFileSync(join(out, "run.json"), "utf8")) as { threadId: string };
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      const stored = await client.query<{ n: string }>("select count(*) as n from checkpoints where thread_id = $1", [threadId]);
      expect(Number(stored.rows[0]!.n)).toBeGreaterThan(0);
      // Execution records live in the same database, not in the run directory.
      expect(existsSync(join(out, "records.sqlite"))).toBe(false);
      const records = await client.query<{ n: string }>("select count(*) as n from store where namespace_path like $1", [`toolforge:records:${threadId}:%`]);
      expect(Number(records.rows[0]!.n)).toBeGreaterThan(0);
      // The test split's records too, and the report's transcripts of flipped tasks come from there.
      const testRecords = await client.query<{ n: string }>("select count(*) as n from store where namespace_path like $1", [`toolforge:records:${threadId}:test-%`]);
      expect(Number(testRecords.rows[0]!.n)).toBeGreaterThan(0);
      await client.end();
      const transcripts = () => {
        const html = readFileSync(join(out, "report.html"), "utf8");
        return { train: flippedTranscripts(html, "train"), test: flippedTranscripts(html, "test") };
      };
      const shown = transcripts();
      expect(shown.train.length).toBeGreaterThan(0);
      expect(shown.test.length).toBeGreaterThan(0);
      for (const flip of shown.test) expect(demo.data.test.tasks.map((t) => `${t.id} fixed`)).toContain(flip);
      // `toolforge report` finds them again through the checkpointer config.json names.
      rmSync(join(out, "report.html"));
      const reported = await runBin(["report", out]);
      expect(reported.code, reported.stderr).toBe(0);
      expect(transcripts()).toEqual(shown);
      expect(existsSync(join(out, "records.sqlite"))).toBe(false);

      // The finished run is found in the database: resume re-issues no model call.
      const requestsBefore = demo.server.requests.length;
      // The specs' inline key is never stored: resume gets it again for that endpoint only.
      const resumed = await runBin(["resume", out, "--checkpointer", postgres.url], { env: { TOOLFORGE_MODEL_API_KEY: String(demo.agentModel.apiKey) } });
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(demo.server.requests.length).toBe(requestsBefore);
      expect(existsSync(join(out, "checkpoints.sqlite"))).toBe(false);
    } finally {
      await demo.server.close();
    }
  });

  it("train on machine A → kill -9 → resume on machine B from the same database", async () => {
    const machineA = mkdtempSync(join(tmpdir(), "toolforge-pg-a-"));
    const machineB = mkdtempSync(join(tmpdir(), "toolforge-pg-b-"));
    dirs.push(machineA, machineB);
    const env = { BASE_URL: models.baseURL, PG_URL: postgres.url, THREAD_ID };

    const crashed = await runChild({ ...env, RUN_DIR: machineA }, (child) => (victim = child));
    expect(crashed.signal, crashed.stderr).toBe("SIGKILL");
    const eventsA = new RunDirectory(machineA).readEvents();
    expect(eventsA.filter((e) => e.type === "task_done" && e.phase === "baseline")).toHaveLength(8);
    expect(eventsA.some((e) => e.type === "run_end")).toBe(false);
    expect(existsSync(join(machineA, "records.sqlite"))).toBe(false);
    // What the database holds for the interrupted step: the records of the
    // finished candidate tasks, in the store beside the checkpoints. (A task's
    // event can precede its write by a moment, so the database is the reference.)
    const persisted = await persistedTaskIds(postgres.url, env.THREAD_ID);
    expect(persisted.size).toBeGreaterThanOrEqual(1);
    expect(persisted.size).toBeLessThan(8);
    expect(candidateIds(eventsA)).toEqual(expect.arrayContaining([...persisted]));

    // Machine B shares nothing with A but the database and the thread id.
    const resumed = await runChild({ ...env, RUN_DIR: machineB });
    expect(resumed.code, resumed.stderr).toBe(0);
    const result = JSON.parse(resumed.stdout.trim().split("\n").at(-1)!) as { names: string[]; stopReason: string; steps: number };
    expect(result.names.sort()).toEqual(["calc_expression", "sum_numbers"]);
    expect(result.stopReason).toBe("early_stop");
    const eventsB = new RunDirectory(machineB).readEvents();
    // The baseline finished on A and is not evaluated again on B …
    expect(eventsB.filter((e) => e.type === "task_done" && e.phase === "baseline")).toHaveLength(0);
    // … and neither are the candidate tasks whose results A had stored.
    expect(candidateIds(eventsB).sort()).toEqual(taskIds.filter((id) => !persisted.has(id)).sort());
  });
});
