import { formatComplexity } from "../report/complexity-summary.js";
import type { StepSummary } from "../training/types.js";
import { textTable } from "./text-table.js";

/**
 * The final per-step table of a training run: train loss, validation loss,
 * accepted or rolled back, successful learned-function calls, cyclomatic
 * complexity (mean, max) and the optimizer's actions.
 *
 * @example
 * import { formatStepTable } from "toolforge";
 * console.log(formatStepTable([{ step: 0, trainLoss: 0.75, accepted: true, actions: [], rejected: [], toolsetHash: "…" }]));
 */
export function formatStepTable(steps: readonly StepSummary[]): string {
  const rows = steps.map((s) => [
    String(s.step),
    s.trainLoss.toFixed(3),
    s.validationLoss === undefined ? "-" : s.validationLoss.toFixed(3),
    s.step === 0 ? "baseline" : s.accepted ? "accepted" : "rolled back",
    s.successfulCalls === undefined ? "-" : String(s.successfulCalls),
    formatComplexity(s.complexity),
    [
      ...s.actions.map((a) => `${a.action} ${a.name}`),
      ...s.rejected.map((r) => `rejected ${r.action}${r.name ? ` ${r.name}` : ""} (${r.code})`),
      ...(s.unchanged ? ["no change"] : []),
    ].join("; ") || "-",
  ]);
  return textTable(["step", "train loss", "validation loss", "outcome", "fn calls ok", "complexity", "actions"], rows);
}
