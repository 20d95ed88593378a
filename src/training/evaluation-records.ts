import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { ExecutionRecord, Task } from "../evaluation/types.js";
import type { ToolsetFile } from "../functions/toolset-file.js";
import { LangGraphRecordStore } from "./langgraph-record-store.js";
import { type EvaluationRef, type ExecutionRecordStore, MemoryRecordStore } from "./record-store.js";
import type { RunDirectory } from "./run-directory.js";
import { SqliteRecordStore } from "./sqlite-record-store.js";
import type { PendingEvaluation, TrainingStateType } from "./state.js";
import { TrainingError } from "./errors.js";

/**
 * How the training nodes reach the execution records of their evaluations:
 * which store (the one given, else the run's LangGraph store — a server's
 * records belong with its checkpoints, not in a local file — else
 * `runDir/records.sqlite`, else memory) and which evaluation a state refers to.
 * Checkpoints written before the record store kept records in the state; they
 * are read from there when the store has none.
 *
 * @example
 * const access = evaluationRecords({ runDir, hash: (t) => Toolset.fromJSON(t).hash });
 * const best = await access.bestRecords(state, config);
 */
export function evaluationRecords(options: { records?: ExecutionRecordStore; runDir?: RunDirectory; hash: (t: ToolsetFile) => string }) {
  let opened: Promise<ExecutionRecordStore> | undefined;
  const memory = new MemoryRecordStore();

  const storeFor = async (config: LangGraphRunnableConfig): Promise<ExecutionRecordStore> => {
    if (options.records) return options.records;
    // A LangGraphRecordStore holds nothing but the store it wraps.
    if (config.store) return new LangGraphRecordStore(config.store);
    if (options.runDir) return (opened ??= SqliteRecordStore.open(options.runDir.records));
    return memory;
  };

  const refOf = (ev: Pick<PendingEvaluation, "phase" | "step" | "toolset">, config: LangGraphRunnableConfig): EvaluationRef => ({
    thread: String(config.configurable?.thread_id ?? ""),
    phase: ev.phase,
    step: ev.step,
    toolset: options.hash(ev.toolset),
  });

  /** The records of `ref` in task order; every task must have one. */
  const recordsOf = async (ref: EvaluationRef, tasks: Task[], config: LangGraphRunnableConfig, legacy: Record<string, ExecutionRecord> = {}) => {
    const stored = await (await storeFor(config)).get(ref);
    return tasks.map((task, i) => {
      const record = stored.get(i) ?? legacy[String(i)];
      if (!record) {
        throw new TrainingError("E_TRAIN_RESULTS", `no record of task ${task.id} (index ${i}) for the ${ref.phase} evaluation of step ${ref.step}`, {
          taskId: task.id,
        });
      }
      return record;
    });
  };

  return {
    storeFor,
    refOf,
    recordsOf,
    /** Training records of the best set (what the optimizer is shown). */
    bestRecords: async (state: TrainingStateType, tasks: Task[], config: LangGraphRunnableConfig): Promise<ExecutionRecord[]> =>
      state.bestEvaluation ? recordsOf(state.bestEvaluation, tasks, config) : state.bestRecords,
    /** Scores by task id of the best set before the last accepted one, if any. */
    previousScores: async (state: TrainingStateType, tasks: Task[], config: LangGraphRunnableConfig): Promise<Record<string, number> | null> => {
      if (!state.previousEvaluation) return state.previousScores;
      return Object.fromEntries((await recordsOf(state.previousEvaluation, tasks, config)).map((r) => [r.taskId, r.score]));
    },
    /** Closes the run directory's store if this opened it. */
    close: async () => (await opened)?.close?.(),
  };
}
