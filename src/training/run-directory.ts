import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TrainingEvent } from "./events.js";

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
 *   checkpoints.sqlite    LangGraph checkpoints
 *   model-cache/          model-response cache (memory + disk)
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
  constructor(readonly root: string) {}

  get checkpoints(): string {
    return join(this.root, "checkpoints.sqlite");
  }
  get modelCache(): string {
    return join(this.root, "model-cache");
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
      return undefined;
    }
  }

  writeInfo(info: RunInfo): void {
    writeJsonAtomic(this.info, info);
  }

  appendEvent(event: TrainingEvent): void {
    appendFileSync(this.events, JSON.stringify({ time: new Date().toISOString(), ...event }) + "\n");
  }

  /** All events recorded so far (a resumed run appends to the same file). */
  readEvents(): TrainingEvent[] {
    let text = "";
    try {
      text = readFileSync(this.events, "utf8");
    } catch {
      return [];
    }
    // A kill -9 can leave a half-written last line; skip it.
    return text
      .split("\n")
      .filter((line) => line.trim() !== "")
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as TrainingEvent];
        } catch {
          return [];
        }
      });
  }
}

/** Writes JSON via a temp file + rename, so a crash never leaves a torn file. */
function writeJsonAtomic(path: string, value: unknown): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value, null, 2) + "\n");
  renameSync(tmp, path);
}
