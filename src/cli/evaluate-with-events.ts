import type { CapabilityRuntime } from "../capabilities/capability-host.js";
import type { AgentSpec } from "../agents/types.js";
import { evaluate } from "../evaluation/index.js";
import type { InfrastructureFailurePolicy } from "../evaluation/infrastructure.js";
import type { EvaluationResult, Scorer, Task } from "../evaluation/types.js";
import type { Sandbox } from "../sandbox/types.js";
import type { EvaluationPhase, TrainingEvent } from "../training/events.js";

/**
 * Options of {@link evaluateWithEvents}.
 *
 * @example
 * const o: EvaluateWithEventsOptions = { agent, toolset, tasks, scorer, sandbox, step: 0, phase: "test", onEvent: console.log };
 */
export interface EvaluateWithEventsOptions {
  agent: AgentSpec;
  toolset: unknown;
  tasks: readonly Task[];
  scorer: Scorer;
  sandbox: Sandbox;
  /** What learned functions may do beyond computing (the run's capabilities). */
  capabilities?: CapabilityRuntime;
  concurrency?: number;
  signal?: AbortSignal;
  step: number;
  phase: EvaluationPhase;
  /** See `EvaluateOptions.infrastructureFailures`. */
  infrastructureFailures?: InfrastructureFailurePolicy;
  onEvent: (event: TrainingEvent) => void;
}

/**
 * Runs `evaluate` and reports it with the same `TrainingEvent`s a training
 * run emits (`evaluation_start`, `task_done`, `evaluation_end`), so the CLI's
 * progress bars, `--json` output and the report treat CLI evaluations (test
 * split, `toolforge eval`) exactly like training evaluations.
 *
 * @example
 * import { evaluateWithEvents } from "toolforge";
 * const result = await evaluateWithEvents({ agent, toolset, tasks, scorer, sandbox, step: 0, phase: "test", onEvent: console.log });
 */
export async function evaluateWithEvents(o: EvaluateWithEventsOptions): Promise<EvaluationResult> {
  o.onEvent({ type: "evaluation_start", step: o.step, phase: o.phase, total: o.tasks.length });
  const index = new Map(o.tasks.map((t, i) => [t.id, i]));
  const result = await evaluate({
    agent: o.agent,
    toolset: o.toolset,
    tasks: o.tasks,
    scorer: o.scorer,
    sandbox: o.sandbox,
    ...(o.capabilities && { capabilities: o.capabilities }),
    ...(o.concurrency !== undefined && { concurrency: o.concurrency }),
    ...(o.signal && { signal: o.signal }),
    ...(o.infrastructureFailures && { infrastructureFailures: o.infrastructureFailures }),
    onProgress: ({ done, total, record }) =>
      o.onEvent({
        type: "task_done",
        step: o.step,
        phase: o.phase,
        taskId: record.taskId,
        index: index.get(record.taskId) ?? done - 1,
        done,
        total,
        score: record.score,
        ...(record.error && { error: `${record.error.kind}: ${record.error.message}` }),
      }),
  });
  o.onEvent({ type: "evaluation_end", step: o.step, phase: o.phase, loss: result.loss, accuracy: result.accuracy });
  return result;
}
