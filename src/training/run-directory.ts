import { mkdirSync, readdirSync, readFileSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomicSync } from "../functions/atomic-write.js";
import { createModelCache, type ModelCache } from "../models/model-cache.js";
import { EventLog, type LoggedEvent } from "./event-log.js";
import type { TrainingEvent } from "./events.js";
import { RUN_LOCK_FILE, RunLock } from "./run-lock.js";

/**
 * What `run.json` records about a run, so it can be found and resumed.
 *
 * @example
 * const info = new RunDirectory("runs/r1").readInfo(); console.log(info?.threadId);
 */
export interface RunInfo {
  threadId: string;
  createdAt: string;
}

/**
 * Paths and small file helpers of a run directory:
 *
 * ```
 * runDir/
 *   run.json              thread id of the run (resume key)
 *   run.lock              the one writer's pid, host, start time (see RunLock)
 *   checkpoints.sqlite    LangGraph checkpoints (state only: no execution records)
 *   records.sqlite        execution records of every evaluation, written once per task
 *   model-cache.sqlite    model-response cache (earlier versions: model-cache/, still read)
 *   events.jsonl          every TrainingEvent, one JSON per line
 *   toolsets/step-N.json  toolset of every accepted step (step-0 = initial)
 *   toolsets/candidate-N.json  the rolled-back candidate of step N (for diffs)
 *   best.toolset.json     the returned toolset
 * ```
 *
 * @example
 * import { RunDirectory } from "toolforge";
 * const dir = new RunDirectory("runs/demo");
 * console.log(dir.checkpoints); // runs/demo/checkpoints.sqlite
 */
export class RunDirectory {
  #events: EventLog | undefined;

  constructor(readonly root: string) {}

  get checkpoints(): string {
    return join(this.root, "checkpoints.sqlite");
  }
  /** Response cache of a run (one SQLite file). */
  get modelCache(): string {
    return join(this.root, "model-cache.sqlite");
  }
  /** The one-JSON-file-per-call cache of run directories written by earlier versions, still read. */
  get legacyModelCache(): string {
    return join(this.root, "model-cache");
  }
  /** Opens the run's response cache (also reading an earlier version's folder); close it when done. */
  openModelCache(): ModelCache {
    return createModelCache({ file: this.modelCache, legacyDir: this.legacyModelCache });
  }
  /** Execution records of every evaluation (see `SqliteRecordStore`). */
  get records(): string {
    return join(this.root, "records.sqlite");
  }
  get events(): string {
    return join(this.root, "events.jsonl");
  }
  get toolsets(): string {
    return join(this.root, "toolsets");
  }
  get best(): string {
    return join(this.root, "best.toolset.json");
  }
  get info(): string {
    return join(this.root, "run.json");
  }
  get lockFile(): string {
    return join(this.root, RUN_LOCK_FILE);
  }
  stepToolset(step: number): string {
    return join(this.toolsets, `step-${step}.json`);
  }
  candidateToolset(step: number): string {
    return join(this.toolsets, `candidate-${step}.json`);
  }

  /** Creates the directory (and `toolsets/`). */
  ensure(): this {
    mkdirSync(this.toolsets, { recursive: true });
    return this;
  }

  /** The recorded run info, or `undefined` for a new directory. */
  readInfo(): RunInfo | undefined {
    try {
      return JSON.parse(readFileSync(this.info, "utf8")) as RunInfo;
    } catch {
      // Missing or unreadable: a new directory.
    }
    return undefined;
  }

  writeInfo(info: RunInfo): void {
    writeFileAtomicSync(this.info, JSON.stringify(info, null, 2) + "\n");
  }

  /**
   * Takes the directory's writer lock (creating the directory); throws
   * `RunLockedError` naming the holder when another writer has it. Then
   * removes temporary files a killed writer left behind.
   */
  lock(command?: string): RunLock {
    mkdirSync(this.root, { recursive: true });
    const lock = RunLock.acquire(this.root, command ? { command } : {});
    this.removeLeftovers();
    return lock;
  }

  /**
   * Deletes `*.tmp` files anywhere in the directory: half-done atomic writes
   * of a writer that died. Only safe for the lock holder.
   */
  removeLeftovers(): string[] {
    const removed: string[] = [];
    const walk = (dir: string) => {
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith(".tmp")) {
          try {
            unlinkSync(path);
            removed.push(path);
          } catch {
            // gone already
          }
        }
      }
    };
    walk(this.root);
    return removed;
  }

  /**
   * Appends an event to `events.jsonl` unless a resumed run already wrote it
   * (see `EventLog`); returns whether it was written.
   */
  appendEvent(event: TrainingEvent): boolean {
    this.#events ??= new EventLog(this.events);
    return this.#events.append(event);
  }

  /** All events recorded so far, each once (a resumed run appends to the same file). */
  readEvents(): LoggedEvent[] {
    return new EventLog(this.events).read();
  }
}
