import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { CheckpointerError } from "./errors.js";

/** An open better-sqlite3 database. */
export type SqliteDatabase = BetterSqlite3.Database;

/**
 * Opens (creating it and its folder) a SQLite file for a store that must
 * survive `kill -9`: write-ahead log, so a committed transaction is in the
 * file before the call returns and a killed writer never leaves it torn;
 * `synchronous=NORMAL`, the level the checkpoints use, so only a power loss
 * (not a process crash) can drop the last commits. A damaged or foreign file
 * is refused with a `CheckpointerError` naming it. better-sqlite3 loads on
 * first use, not with the library.
 *
 * @example
 * const db = await openSqliteFile("runs/r1/records.sqlite");
 * db.close();
 */
export async function openSqliteFile(path: string): Promise<SqliteDatabase> {
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  const { default: Database } = await import("better-sqlite3");
  let db: SqliteDatabase | undefined;
  try {
    db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    // Another reader (a report while training runs) may hold the file briefly.
    db.pragma("busy_timeout = 5000");
    const rows = db.pragma("quick_check(1)") as { quick_check?: string }[];
    if (rows[0]?.quick_check !== "ok") throw new Error(rows[0]?.quick_check ?? "integrity check failed");
    return db;
  } catch (error) {
    db?.close();
    throw new CheckpointerError("E_CHECKPOINTER_CORRUPT", `${file} is not a readable SQLite store (${(error as Error).message})`, { file });
  }
}
