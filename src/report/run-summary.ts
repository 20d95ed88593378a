import type { TokenUsage } from "../evaluation/types.js";
import type { FunctionComplexity } from "../functions/function-complexity.js";
import type { EvaluationPhase, TrainingEvent } from "../training/events.js";
import { curvePoints } from "./curve-points.js";
import type { CurvePoint } from "./learning-curve.js";

/**
 * One optimizer action as the report shows it.
 *
 * @example
 * const a: ReportAction = { action: "add_function", name: "calc", outcome: "applied" };
 */
export interface ReportAction {
  action: string;
  name?: string;
  outcome: "applied" | "rejected";
  reason?: string;
}

/**
 * One evaluation of the run with its sample size.
 *
 * @example
 * summarizeRun(events).evaluations.map((e: ReportEvaluation) => `${e.phase} ${e.accuracy}`);
 */
export interface ReportEvaluation {
  step: number;
  phase: EvaluationPhase;
  accuracy: number;
  loss: number;
  /** Number of tasks evaluated (0 when the run did not report it). */
  n: number;
}

/**
 * What happened in one optimisation step (step 0 is the baseline).
 *
 * @example
 * summarizeRun(events).steps.filter((s: ReportStep) => s.status === "accepted");
 */
export interface ReportStep {
  step: number;
  trainAccuracy?: number;
  trainLoss?: number;
  validationAccuracy?: number;
  validationLoss?: number;
  testAccuracy?: number;
  status: "baseline" | "accepted" | "rolled back" | "unfinished";
  /** True when this step's toolset was evaluated on train (false for a step whose optimizer changed nothing). */
  evaluated?: boolean;
  actions: ReportAction[];
  optimizerStop?: string;
  toolsetHash?: string;
  /** Successful calls of learned functions in this step's training evaluation (Table 6 of the paper). */
  successfulCalls?: number;
  /** Cyclomatic complexity of each function of this step's evaluated toolset. */
  complexity?: FunctionComplexity[];
}

/**
 * The facts of a run the report is built from, gathered from its events.
 *
 * @example
 * const summary: RunSummary = summarizeRun(readRunEvents("runs/a"));
 */
export interface RunSummary {
  runId?: string;
  trainSize?: number;
  validationSize?: number;
  maxSteps?: number;
  steps: ReportStep[];
  evaluations: ReportEvaluation[];
  curve: CurvePoint[];
  /** Why the run ended ("early_stop", "max_steps", ...), when it did. */
  endReason?: string;
  bestTrainLoss?: number;
  bestValidationLoss?: number;
  usage?: Record<string, TokenUsage>;
  costUsd?: number;
  /** Per-task scores of each evaluation, keyed `"<step>:<phase>"` then by task id (from `task_done`). */
  taskScores: Record<string, Record<string, number>>;
}

function stepOf(steps: Map<number, ReportStep>, step: number): ReportStep {
  let s = steps.get(step);
  if (!s) {
    s = { step, status: step === 0 ? "baseline" : "unfinished", actions: [] };
    steps.set(step, s);
  }
  return s;
}

/**
 * Folds the `TrainingEvent`s of a run (as in its `events.jsonl`) into the
 * per-step facts the report and the CLI's final table show: accuracies per
 * split, accepted / rolled back, optimizer actions, evaluation sizes.
 *
 * @example
 * import { summarizeRun } from "toolforge";
 * const s = summarizeRun([
 *   { type: "evaluation_start", step: 0, phase: "baseline", total: 4 },
 *   { type: "evaluation_end", step: 0, phase: "baseline", loss: 0.75, accuracy: 0.25 },
 * ]);
 * console.log(s.steps[0].trainAccuracy); // 0.25
 */
export function summarizeRun(events: readonly TrainingEvent[]): RunSummary {
  const steps = new Map<number, ReportStep>();
  const totals = new Map<string, number>();
  const evaluations: ReportEvaluation[] = [];
  const summary: RunSummary = { steps: [], evaluations, curve: [], taskScores: {} };
  for (const e of events) {
    switch (e.type) {
      case "run_start":
        Object.assign(summary, { runId: e.runId, trainSize: e.trainSize, validationSize: e.validationSize, maxSteps: e.maxSteps });
        break;
      case "evaluation_start":
        totals.set(`${e.step}:${e.phase}`, e.total);
        break;
      case "task_done":
        (summary.taskScores[`${e.step}:${e.phase}`] ??= {})[e.taskId] = e.score;
        break;
      case "evaluation_end": {
        evaluations.push({ step: e.step, phase: e.phase, accuracy: e.accuracy, loss: e.loss, n: totals.get(`${e.step}:${e.phase}`) ?? 0 });
        const s = stepOf(steps, e.step);
        if (e.phase === "baseline" || e.phase === "candidate") {
          Object.assign(s, { trainAccuracy: e.accuracy, trainLoss: e.loss, evaluated: true });
          if (e.successfulCalls !== undefined) s.successfulCalls = e.successfulCalls;
          if (e.complexity !== undefined) s.complexity = e.complexity;
        }
        else if (e.phase === "validation") Object.assign(s, { validationAccuracy: e.accuracy, validationLoss: e.loss });
        else s.testAccuracy = e.accuracy;
        break;
      }
      case "action_applied":
        stepOf(steps, e.step).actions.push({ action: e.action, ...(e.name !== undefined && { name: e.name }), outcome: "applied" });
        break;
      case "action_rejected":
        stepOf(steps, e.step).actions.push({ action: e.action, ...(e.name !== undefined && { name: e.name }), outcome: "rejected", reason: e.reason });
        break;
      case "optimizer_done":
        stepOf(steps, e.step).optimizerStop = e.reason;
        break;
      case "loss": {
        const s = stepOf(steps, e.step);
        if (s.trainLoss === undefined) s.trainLoss = e.trainLoss;
        if (e.validationLoss !== undefined && s.validationLoss === undefined) s.validationLoss = e.validationLoss;
        break;
      }
      case "accepted":
        Object.assign(stepOf(steps, e.step), { status: "accepted", trainLoss: e.trainLoss, toolsetHash: e.toolsetHash });
        break;
      case "rolled_back":
        Object.assign(stepOf(steps, e.step), { status: "rolled back", trainLoss: e.trainLoss });
        break;
      case "budget_reached":
        summary.usage = e.usage;
        if (e.costUsd !== undefined) summary.costUsd = e.costUsd;
        break;
      case "run_end":
        summary.endReason = e.reason;
        summary.bestTrainLoss = e.bestTrainLoss;
        if (e.bestValidationLoss !== undefined) summary.bestValidationLoss = e.bestValidationLoss;
        break;
      default:
        break;
    }
  }
  summary.steps = [...steps.values()].sort((a, b) => a.step - b.step);
  summary.curve = curvePoints(summary.steps, evaluations);
  return summary;
}
