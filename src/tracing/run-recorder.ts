import { RunCollectorCallbackHandler } from "@langchain/core/tracers/run_collector";

type Run = RunCollectorCallbackHandler["tracedRuns"][number];

/**
 * One run seen by a {@link RunRecorder}.
 *
 * @example
 * import { RunRecorder, type RecordedRun } from "toolforge";
 * const recorder = new RunRecorder();
 * const evaluations: RecordedRun[] = recorder.runs.filter((r) => r.tags.includes("role:agent"));
 */
export interface RecordedRun {
  runId: string;
  parentRunId?: string;
  /** LangChain's run type: `chain`, `llm`, `tool`, … */
  kind: string;
  name: string;
  tags: string[];
  metadata: Record<string, unknown>;
}

function flatten(run: Run, out: RecordedRun[]): void {
  const metadata = (run.extra?.metadata ?? {}) as Record<string, unknown>;
  out.push({ runId: run.id, ...(run.parent_run_id ? { parentRunId: run.parent_run_id } : {}), kind: run.run_type, name: run.name, tags: run.tags ?? [], metadata });
  for (const child of run.child_runs ?? []) flatten(child, out);
}

/**
 * LangChain's `RunCollectorCallbackHandler` (it keeps every finished root run
 * with its tree of child runs in `tracedRuns`) plus a flat view of that tree:
 * the name, tags and metadata of every chain, model and tool run — a local
 * stand-in for a LangSmith trace, e.g. to check what a training run will
 * look like there. Runs appear once their root run has ended.
 *
 * @example
 * import { RunRecorder } from "toolforge";
 * import { RunnableLambda } from "@langchain/core/runnables";
 * const recorder = new RunRecorder();
 * await RunnableLambda.from((x: number) => x + 1).invoke(1, { runName: "add-one", callbacks: [recorder] });
 * recorder.runs[0].name; // "add-one"
 */
export class RunRecorder extends RunCollectorCallbackHandler {
  /** Every run of every finished trace, each root followed by its children depth-first (children in start order). */
  get runs(): RecordedRun[] {
    const out: RecordedRun[] = [];
    for (const root of this.tracedRuns) flatten(root, out);
    return out;
  }

  /** Names of the recorded runs, in the order of {@link RunRecorder.runs}. */
  get names(): string[] {
    return this.runs.map((run) => run.name);
  }
}
