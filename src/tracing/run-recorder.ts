import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import type { Serialized } from "@langchain/core/load/serializable";

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
  kind: "chain" | "llm" | "tool";
  name: string;
  tags: string[];
  metadata: Record<string, unknown>;
}

function nameOf(serialized: Serialized | undefined, runName: string | undefined): string {
  if (runName) return runName;
  const named = serialized as { name?: unknown; id?: unknown } | undefined;
  if (typeof named?.name === "string") return named.name;
  return Array.isArray(named?.id) ? String(named.id.at(-1)) : "unknown";
}

/**
 * A LangChain callback handler that records the name, tags and metadata of
 * every chain, model and tool run it sees — a local stand-in for a LangSmith
 * trace, e.g. to check what a training run will look like there.
 *
 * @example
 * import { RunRecorder } from "toolforge";
 * import { RunnableLambda } from "@langchain/core/runnables";
 * const recorder = new RunRecorder();
 * await RunnableLambda.from((x: number) => x + 1).invoke(1, { runName: "add-one", callbacks: [recorder] });
 * recorder.runs[0].name; // "add-one"
 */
export class RunRecorder extends BaseCallbackHandler {
  name = "toolforge_run_recorder";
  readonly runs: RecordedRun[] = [];

  /** Names of the recorded runs, in start order. */
  get names(): string[] {
    return this.runs.map((run) => run.name);
  }

  private record(kind: RecordedRun["kind"], runId: string, parentRunId: string | undefined, name: string, tags?: string[], metadata?: Record<string, unknown>): void {
    this.runs.push({ runId, ...(parentRunId ? { parentRunId } : {}), kind, name, tags: tags ?? [], metadata: metadata ?? {} });
  }

  // The declared parameter names of handleChainStart do not match the order
  // LangChain's CallbackManager calls it with: (chain, inputs, runId,
  // parentRunId, tags, metadata, runType, runName). Read by position.
  override handleChainStart(
    chain: Serialized,
    _inputs: unknown,
    runId: string,
    parentRunId?: string,
    tags?: string[] | Record<string, unknown>,
    metadata?: Record<string, unknown>,
    _runType?: string,
    runName?: string,
  ): void {
    this.record("chain", runId, parentRunId, nameOf(chain, runName), Array.isArray(tags) ? tags : [], metadata);
  }

  override handleChatModelStart(
    llm: Serialized,
    _messages: unknown,
    runId: string,
    parentRunId?: string,
    _extraParams?: Record<string, unknown>,
    tags?: string[],
    metadata?: Record<string, unknown>,
    runName?: string,
  ): void {
    this.record("llm", runId, parentRunId, nameOf(llm, runName), tags, metadata);
  }

  override handleToolStart(
    tool: Serialized,
    _input: string,
    runId: string,
    parentRunId?: string,
    tags?: string[],
    metadata?: Record<string, unknown>,
    runName?: string,
  ): void {
    this.record("tool", runId, parentRunId, nameOf(tool, runName), tags, metadata);
  }
}
