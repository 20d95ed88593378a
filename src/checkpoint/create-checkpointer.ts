import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { type BaseCheckpointSaver, MemorySaver } from "@langchain/langgraph";
import { LangGraphRecordStore } from "../training/langgraph-record-store.js";
import type { ExecutionRecordStore } from "../training/record-store.js";
import { RunDirectory } from "../training/run-directory.js";
import { CheckpointerError } from "./errors.js";
import { redactConnectionString } from "./redact.js";

/**
 * Which store holds a run's LangGraph checkpoints.
 *
 * @example
 * import { createCheckpointer, type CheckpointerKind } from "toolforge";
 * const kind: CheckpointerKind = (await createCheckpointer("memory")).kind; // "memory"
 */
export type CheckpointerKind = "sqlite" | "postgres" | "memory";

/**
 * Options of {@link createCheckpointer}.
 *
 * @example
 * import { createCheckpointer } from "toolforge";
 * await createCheckpointer(undefined, { runDir: "runs/math" }); // runs/math/checkpoints.sqlite
 */
export interface CreateCheckpointerOptions {
  /** Run directory; the default SQLite file is `<runDir>/checkpoints.sqlite`. */
  runDir?: string;
  /** Postgres schema for the checkpoint tables (default `public`). */
  schema?: string;
}

/**
 * An opened checkpointer and how to release it.
 *
 * @example
 * import { createCheckpointer } from "toolforge";
 * const opened = await createCheckpointer("sqlite:runs/a/checkpoints.sqlite");
 * console.log(opened.kind, opened.location);
 * await opened.close();
 */
export interface OpenedCheckpointer {
  /** Pass this as `trainAgent({ checkpointer })` or `createTrainingGraph({ checkpointer })`. */
  checkpointer: BaseCheckpointSaver;
  kind: CheckpointerKind;
  /** Where checkpoints live: a file path, a redacted connection string, or `"memory"`. */
  location: string;
  /**
   * Where the run's execution records must live when they cannot live in the
   * run directory: for `postgres://`, a `LangGraphRecordStore` on a
   * `PostgresStore` in the same database (and schema), so a run resumed on
   * another machine finds the records its checkpoints refer to. Absent for
   * SQLite and memory (records go to `runDir/records.sqlite`, or memory).
   * `trainAgent` uses it by itself, whether given the spec or this `checkpointer`.
   */
  records?: ExecutionRecordStore;
  /** Closes the SQLite file or the Postgres pools (idempotent). */
  close(): Promise<void>;
}

// Savers opened here whose records belong beside them; `trainAgent` given such a saver object finds them.
const recordStores = new WeakMap<BaseCheckpointSaver, ExecutionRecordStore>();

/**
 * The record store {@link createCheckpointer} opened with `saver` (see
 * `OpenedCheckpointer.records`), or `undefined` for any other saver.
 *
 * @example
 * import { checkpointerRecords, createCheckpointer } from "toolforge";
 * const opened = await createCheckpointer("postgres://me:pw@127.0.0.1:5432/runs");
 * checkpointerRecords(opened.checkpointer) === opened.records; // true
 */
export function checkpointerRecords(saver: BaseCheckpointSaver): ExecutionRecordStore | undefined {
  return recordStores.get(saver);
}

const POSTGRES = /^postgres(ql)?:\/\//i;

/**
 * Opens the checkpointer a spec names:
 * - omitted, `""` or `"sqlite"`: the embedded SQLite file `<runDir>/checkpoints.sqlite`
 *   (memory when there is no run directory) — the default;
 * - `"sqlite:<path>"` or a path ending in `.sqlite`/`.db`: that SQLite file;
 * - `"postgres://user:pass@host:port/db"` (or `postgresql://`): a PostgreSQL
 *   database, through `@langchain/langgraph-checkpoint-postgres`; its tables are
 *   created on first use. A run started on one machine can be resumed on any
 *   other that reaches the same database (pass the same thread id). The run's
 *   execution records live in the same database too (LangGraph's `store`
 *   table, see `OpenedCheckpointer.records`);
 * - `"memory"`: in-process only, lost on exit.
 *
 * Fails with a {@link CheckpointerError} naming the spec (password masked)
 * when the spec is unknown or the database cannot be reached.
 *
 * @example
 * import { createCheckpointer, trainAgent } from "toolforge";
 * const { checkpointer, close } = await createCheckpointer(process.env.TOOLFORGE_CHECKPOINTER, { runDir: "runs/math" });
 * try { await trainAgent({ ...options, runDir: "runs/math", threadId: "math-1", checkpointer }); }
 * finally { await close(); }
 */
export async function createCheckpointer(spec?: string, options: CreateCheckpointerOptions = {}): Promise<OpenedCheckpointer> {
  const target = parseCheckpointerSpec(spec, options);
  if (target.kind === "postgres") return openPostgres(target.location, options.schema);
  if (target.kind === "sqlite") return openSqlite(target.location);
  return { checkpointer: new MemorySaver(), kind: "memory", location: "memory", close: async () => {} };
}

/**
 * Checks a checkpointer spec without opening anything, so a CLI can refuse a
 * bad `--checkpointer` before it creates a run directory. Returns the kind and
 * the target (file path, connection string, or `"memory"`).
 *
 * @example
 * import { parseCheckpointerSpec } from "toolforge";
 * parseCheckpointerSpec("sqlite:runs/a.sqlite"); // { kind: "sqlite", location: "runs/a.sqlite" }
 * parseCheckpointerSpec("redis://x");            // throws CheckpointerError E_CHECKPOINTER_SPEC
 */
export function parseCheckpointerSpec(spec?: string, options: Pick<CreateCheckpointerOptions, "runDir"> = {}): { kind: CheckpointerKind; location: string } {
  const text = (spec ?? "").trim();
  if (text === "memory") return { kind: "memory", location: "memory" };
  if (POSTGRES.test(text)) return { kind: "postgres", location: text };
  if (text === "" || text === "sqlite") {
    return options.runDir ? { kind: "sqlite", location: new RunDirectory(options.runDir).checkpoints } : { kind: "memory", location: "memory" };
  }
  const file = text.startsWith("sqlite:") ? text.slice("sqlite:".length) : /\.(sqlite3?|db)$/i.test(text) ? text : undefined;
  if (file !== undefined) {
    if (file.trim() === "") throw new CheckpointerError("E_CHECKPOINTER_SPEC", `checkpointer "sqlite:": the file path is empty`, { spec: "sqlite:" });
    return { kind: "sqlite", location: file };
  }
  throw new CheckpointerError(
    "E_CHECKPOINTER_SPEC",
    `checkpointer "${redactConnectionString(text)}": expected "sqlite", "sqlite:<file>", "memory" or "postgres://user:pass@host:port/db"`,
    { spec: redactConnectionString(text) },
  );
}

// The savers (and better-sqlite3 / pg under them) load only when a store is opened, not with the library.
async function openSqlite(path: string): Promise<OpenedCheckpointer> {
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  const { SqliteSaver } = await import("@langchain/langgraph-checkpoint-sqlite");
  const saver = SqliteSaver.fromConnString(file);
  checkSqliteFile(saver, file);
  let closed = false;
  return {
    checkpointer: saver,
    kind: "sqlite",
    location: file,
    close: async () => {
      if (closed) return;
      closed = true;
      // SqliteSaver exposes no close(); its better-sqlite3 handle is `db`.
      (saver as unknown as { db: { close(): void } }).db.close();
    },
  };
}

/**
 * Reads the whole file once (`PRAGMA quick_check`), so a damaged or foreign
 * checkpoint file is refused here with a typed error naming it, instead of
 * failing later as a raw SQLite error in the middle of a run.
 */
function checkSqliteFile(saver: BaseCheckpointSaver, file: string): void {
  const db = (saver as unknown as { db: { pragma(sql: string): unknown; close(): void } }).db;
  let problem: string | undefined;
  try {
    const rows = db.pragma("quick_check(1)") as { quick_check?: string }[];
    if (rows[0]?.quick_check !== "ok") problem = rows[0]?.quick_check ?? "integrity check failed";
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  if (problem === undefined) return;
  db.close();
  throw new CheckpointerError(
    "E_CHECKPOINTER_CORRUPT",
    `${file}: not a usable SQLite checkpoint file (${problem}); restore it, or move it away to start the run over`,
    { spec: `sqlite:${file}`, path: file },
  );
}

async function openPostgres(spec: string, schema: string | undefined): Promise<OpenedCheckpointer> {
  const location = redactConnectionString(spec);
  const [{ PostgresSaver }, { PostgresStore }] = await Promise.all([
    import("@langchain/langgraph-checkpoint-postgres"),
    import("@langchain/langgraph-checkpoint-postgres/store"),
  ]);
  const saver = PostgresSaver.fromConnString(spec, schema ? { schema } : {});
  const store = PostgresStore.fromConnString(spec, schema ? { schema } : {});
  try {
    await saver.setup();
    await store.setup();
  } catch (error) {
    await Promise.all([saver.end().catch(() => {}), store.stop().catch(() => {})]);
    const reason = error instanceof Error ? error.message : String(error);
    throw new CheckpointerError("E_CHECKPOINTER_CONNECT", `checkpointer ${location}: cannot set up the checkpoint tables (${reason})`, {
      spec: location,
      ...(schema ? { schema } : {}),
    }, { cause: error });
  }
  const records = new LangGraphRecordStore(store);
  recordStores.set(saver, records);
  let closed = false;
  return {
    checkpointer: saver,
    kind: "postgres",
    location,
    records,
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all([saver.end(), store.stop()]);
    },
  };
}
