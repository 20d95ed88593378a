import cliProgress from "cli-progress";
import type { TrainingEvent, EvaluationPhase } from "../training/events.js";
import type { CliIO, OutputMode } from "./cli-io.js";

const PHASE_LABEL: Record<EvaluationPhase, string> = {
  baseline: "baseline evaluation (train)",
  candidate: "candidate evaluation (train)",
  validation: "validation",
  test: "test",
};

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/**
 * Turns `TrainingEvent`s into what a person (or a script) sees: a live
 * progress bar per evaluation (done / total, accuracy so far, ETA) when
 * stdout is a TTY, one plain line per milestone otherwise, optimizer
 * actions as they happen, accepted / rolled back per step; JSON lines with
 * `--json`; nothing with `--quiet`.
 *
 * @example
 * import { ProgressPrinter, processIO } from "toolforge";
 * const printer = new ProgressPrinter(processIO(), { json: false, quiet: false, tty: false });
 * printer.event({ type: "max_steps", step: 3 }); // "Reached the maximum number of steps (3)."
 */
export class ProgressPrinter {
  private bar: cliProgress.SingleBar | undefined;
  private scoreSum = 0;
  /** How evaluations are named in progress lines; commands other than train override it. */
  evaluationLabel: (step: number, phase: EvaluationPhase) => string = (step, phase) => `[step ${step}] ${PHASE_LABEL[phase]}`;

  constructor(
    private readonly io: CliIO,
    readonly mode: OutputMode,
  ) {}

  /** A human info line (suppressed by --quiet and --json). */
  info(text: string): void {
    if (this.mode.quiet || this.mode.json) return;
    this.stopBar();
    this.io.stdout.write(text + "\n");
  }

  /** A result: JSON line with --json, else text (also with --quiet). */
  result(value: Record<string, unknown>, text: string): void {
    this.stopBar();
    if (this.mode.json) this.io.stdout.write(JSON.stringify(value) + "\n");
    else this.io.stdout.write(text + "\n");
  }

  /** A JSON line in --json mode only (no-op otherwise). */
  json(value: Record<string, unknown>): void {
    if (this.mode.json) this.io.stdout.write(JSON.stringify(value) + "\n");
  }

  /** Handles one training (or CLI evaluation) event. */
  event(e: TrainingEvent): void {
    if (this.mode.json) {
      this.io.stdout.write(JSON.stringify(e) + "\n");
      return;
    }
    if (this.mode.quiet) return;
    switch (e.type) {
      case "run_start":
        return this.info(
          `Training: ${e.trainSize} training tasks, ${e.validationSize} validation tasks, up to ${e.maxSteps} steps` +
            (e.maxEpochs !== undefined ? ` and ${e.maxEpochs} improvements` : "") +
            (e.rollback === false ? ", no roll-back or early stop" : "") +
            ` (run ${e.runId}).`,
        );
      case "step_start":
        return this.info(`\n── step ${e.step} ── best train loss so far ${e.bestLoss.toFixed(3)}`);
      case "evaluation_start":
        this.scoreSum = 0;
        if (this.mode.tty) this.startBar(this.evaluationLabel(e.step, e.phase), e.total);
        return;
      case "task_done":
        // A resumed evaluation does not announce itself again (its evaluation_start is already in events.jsonl).
        if (this.mode.tty && !this.bar) this.startBar(this.evaluationLabel(e.step, e.phase), e.total);
        this.scoreSum += e.score;
        this.bar?.update(e.done, { acc: pct(this.scoreSum / Math.max(1, e.done)) });
        return;
      case "evaluation_end":
        return this.info(
          `${this.evaluationLabel(e.step, e.phase)}: accuracy ${pct(e.accuracy)} (loss ${e.loss.toFixed(3)})` +
            (e.successfulCalls !== undefined ? `, ${e.successfulCalls} successful learned-function call(s)` : ""),
        );
      case "action_applied":
        return this.info(`[step ${e.step}] optimizer: ${e.action}${e.name ? ` ${e.name}` : ""} — applied (${e.actionsUsed} this step)`);
      case "action_rejected":
        return this.info(`[step ${e.step}] optimizer: ${e.action}${e.name ? ` ${e.name}` : ""} — rejected: ${e.reason}`);
      case "optimizer_done":
        return this.info(`[step ${e.step}] optimizer finished (${e.reason})`);
      case "accepted":
        return this.info(`[step ${e.step}] ACCEPTED: train loss ${e.previousLoss.toFixed(3)} → ${e.trainLoss.toFixed(3)}`);
      case "rolled_back":
        return this.info(
          `[step ${e.step}] ROLLED BACK: train loss ${e.trainLoss.toFixed(3)} did not beat the best ${e.bestLoss.toFixed(3)} (${e.patience} step(s) without improvement)`,
        );
      case "early_stop":
        return this.info(`Early stop after step ${e.step}: ${e.patience} consecutive step(s) without improvement.`);
      case "max_steps":
        return this.info(`Reached the maximum number of steps (${e.step}).`);
      case "max_epochs":
        return this.info(`Reached the maximum number of epochs: ${e.epochs} improvement(s) after step ${e.step}.`);
      case "budget_reached":
        return this.info(`Budget reached at step ${e.step}${e.costUsd !== undefined ? ` ($${e.costUsd.toFixed(4)})` : ""}; keeping the best toolset so far.`);
      case "run_end":
        return this.info(
          `Training ended (${e.reason}) after ${e.steps} step(s): best train loss ${e.bestTrainLoss.toFixed(3)}` +
            (e.bestValidationLoss !== undefined ? `, best validation loss ${e.bestValidationLoss.toFixed(3)}` : ""),
        );
      default:
        return;
    }
  }

  /** Stops any live bar (call before exiting). */
  close(): void {
    this.stopBar();
  }

  private startBar(label: string, total: number): void {
    this.stopBar();
    this.bar = new cliProgress.SingleBar(
      {
        stream: this.io.stdout,
        format: `${label} |{bar}| {value}/{total} tasks · accuracy {acc} · ETA {eta_formatted}`,
        hideCursor: false,
        clearOnComplete: true,
        noTTYOutput: false,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(total, 0, { acc: "–" });
  }

  private stopBar(): void {
    if (!this.bar) return;
    this.bar.stop();
    this.bar = undefined;
  }
}
