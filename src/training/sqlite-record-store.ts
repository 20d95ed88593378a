import { openSqliteFile, type SqliteDatabase } from "../checkpoint/sqlite-file.js";
import type { ExecutionRecord } from "../evaluation/types.js";
import type { EvaluationRef, ExecutionRecordStore } from "./record-store.js";

/**
 * Execution records in one SQLite file (`runDir/records.sqlite`), one row per
 * task of an evaluation, each written once when its task finishes (an
 * append-mostly table; a re-run task replaces its row). Write-ahead logged: a
 * record is in the file before `put` resolves, so a `kill -9` right after
 * loses nothing (see `openSqliteFile`).
 *
 * @example
 * import { SqliteRecordStore } from "toolforge";
 * const records = await SqliteRecordStore.open("runs/r1/records.sqlite");
 * const baseline = await records.get({ thread: "t1", phase: "baseline", step: 0, toolset: hash });
 * await records.close();
 */
export class SqliteRecordStore implements ExecutionRecordStore {
  readonly #db: SqliteDatabase;
  readonly #insert;
  readonly #select;

  private constructor(db: SqliteDatabase) {
    this.#db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS records (
      thread TEXT NOT NULL, phase TEXT NOT NULL, step INTEGER NOT NULL, toolset TEXT NOT NULL,
      idx INTEGER NOT NULL, record TEXT NOT NULL,
      PRIMARY KEY (thread, phase, step, toolset, idx))`);
    this.#insert = db.prepare("INSERT OR REPLACE INTO records (thread, phase, step, toolset, idx, record) VALUES (?, ?, ?, ?, ?, ?)");
    this.#select = db.prepare<[string, string, number, string], { idx: number; record: string }>(
      "SELECT idx, record FROM records WHERE thread = ? AND phase = ? AND step = ? AND toolset = ?",
    );
  }

  /** Opens (or creates) the store; a damaged file is refused with a `CheckpointerError`. */
  static async open(path: string): Promise<SqliteRecordStore> {
    return new SqliteRecordStore(await openSqliteFile(path));
  }

  async put(ref: EvaluationRef, index: number, record: ExecutionRecord): Promise<void> {
    this.#insert.run(ref.thread, ref.phase, ref.step, ref.toolset, index, JSON.stringify(record));
  }

  async get(ref: EvaluationRef): Promise<Map<number, ExecutionRecord>> {
    const rows = this.#select.all(ref.thread, ref.phase, ref.step, ref.toolset);
    return new Map(rows.map((row) => [row.idx, JSON.parse(row.record) as ExecutionRecord]));
  }

  /** Every evaluation with records, for readers that do not know the toolsets' hashes. */
  evaluations(thread: string): EvaluationRef[] {
    return this.#db
      .prepare<[string], Omit<EvaluationRef, "thread">>("SELECT DISTINCT phase, step, toolset FROM records WHERE thread = ? ORDER BY step, phase")
      .all(thread)
      .map((row) => ({ thread, ...row }));
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}
