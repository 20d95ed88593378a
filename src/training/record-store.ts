import type { ExecutionRecord } from "../evaluation/types.js";
import type { EvaluationPhase } from "./events.js";

/**
 * Which evaluation a set of execution records belongs to: the run (LangGraph
 * thread), the phase and step, and the hash of the toolset evaluated. The
 * training state holds these references, not the records, so checkpoints do
 * not grow with the training set.
 *
 * @example
 * const ref: import("toolforge").EvaluationRef = { thread: "run-1", phase: "baseline", step: 0, toolset: Toolset.empty().hash };
 */
export interface EvaluationRef {
  thread: string;
  phase: EvaluationPhase;
  step: number;
  /** Hash of the evaluated toolset (`Toolset.hash`). */
  toolset: string;
}

/**
 * Where the training graph keeps the execution records of its evaluations,
 * outside the checkpointed state: each record is written once, when its task
 * finishes, and read back by `compare_loss`, the optimizer (which builds its
 * prompt from the best set's records) and the report. `put` must be durable
 * when it resolves (a resumed run skips the tasks found here). Implementations:
 * {@link MemoryRecordStore}, `SqliteRecordStore` (`runDir/records.sqlite`),
 * `LangGraphRecordStore` (a LangGraph `BaseStore`).
 *
 * @example
 * const records: import("toolforge").ExecutionRecordStore = new MemoryRecordStore();
 * await records.put(ref, 0, record);
 * (await records.get(ref)).get(0)?.score;
 */
export interface ExecutionRecordStore {
  /** Saves the record of task `index` of an evaluation, replacing an earlier one. */
  put(ref: EvaluationRef, index: number, record: ExecutionRecord): Promise<void>;
  /** Every record of an evaluation, by task index (empty when there is none). */
  get(ref: EvaluationRef): Promise<Map<number, ExecutionRecord>>;
  /** Releases what the store holds open (files); optional. */
  close?(): Promise<void>;
}

/** One string per evaluation, for stores keyed by text. */
export function evaluationKey(ref: EvaluationRef): string {
  return `${ref.phase}-${ref.step}-${ref.toolset}`;
}

/**
 * Records in memory, for runs without a run directory or durable store: they
 * last as long as the process (so does a `MemorySaver`'s state).
 *
 * @example
 * import { MemoryRecordStore } from "toolforge";
 * const records = new MemoryRecordStore();
 */
export class MemoryRecordStore implements ExecutionRecordStore {
  readonly #evaluations = new Map<string, Map<number, ExecutionRecord>>();

  async put(ref: EvaluationRef, index: number, record: ExecutionRecord): Promise<void> {
    const key = `${ref.thread}\u0000${evaluationKey(ref)}`;
    let records = this.#evaluations.get(key);
    if (!records) this.#evaluations.set(key, (records = new Map()));
    records.set(index, record);
  }

  async get(ref: EvaluationRef): Promise<Map<number, ExecutionRecord>> {
    return new Map(this.#evaluations.get(`${ref.thread}\u0000${evaluationKey(ref)}`));
  }
}
