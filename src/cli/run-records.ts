import { createCheckpointer, parseCheckpointerSpec } from "../checkpoint/create-checkpointer.js";
import type { ExecutionRecordStore } from "../training/record-store.js";
import { RunDirectory } from "../training/run-directory.js";
import { SqliteRecordStore } from "../training/sqlite-record-store.js";

/**
 * An opened record store of a run and how to release it.
 *
 * @example
 * const opened: OpenedRunRecords = await openRunRecords("runs/a");
 * await opened.close();
 */
export interface OpenedRunRecords {
  records: ExecutionRecordStore;
  close(): Promise<void>;
}

/**
 * Opens the store a CLI run keeps its execution records in, where
 * `trainAgent` put them: beside a `postgres://` checkpointer in its database
 * (`OpenedCheckpointer.records`), else the run directory's `records.sqlite`.
 * The test split's records go there too, and the report reads them back.
 *
 * @example
 * const { records, close } = await openRunRecords("runs/a", "postgres://me:pw@127.0.0.1:5432/runs");
 * try { await writeRunReport("runs/a", { records }); } finally { await close(); }
 */
export async function openRunRecords(runDir: string, checkpointer?: string): Promise<OpenedRunRecords> {
  if (checkpointer !== undefined && parseCheckpointerSpec(checkpointer).kind === "postgres") {
    const opened = await createCheckpointer(checkpointer);
    return { records: opened.records!, close: () => opened.close() };
  }
  const records = await SqliteRecordStore.open(new RunDirectory(runDir).records);
  return { records, close: () => records.close() };
}
