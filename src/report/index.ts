// Run reports (HTML + SVG learning curve) and the statistics they show.
export { chiSquare1Survival } from "./chi-square.js";
export { mcnemarTest, pairedMcNemar, type McNemarMethod, type McNemarResult } from "./mcnemar.js";
export { renderVegaLiteSvg } from "./render-svg.js";
export { learningCurveSpec, renderLearningCurveSvg, type CurvePoint, type CurveSplit } from "./learning-curve.js";
export { curvePoints } from "./curve-points.js";
export { headline, type HeadlineRow } from "./headline.js";
export { taskFlips, flipEvaluations, type TaskFlip } from "./task-flips.js";
export { readFlipRecords, flipTranscriptsHtml, type FlipRecords } from "./flip-transcripts.js";
export { escapeHtml } from "./html-escape.js";
export { functionSignature } from "./function-signature.js";
export { summarizeRun, type RunSummary, type ReportStep, type ReportAction, type ReportEvaluation } from "./run-summary.js";
export { renderReportHtml, type ReportContent } from "./report-html.js";
export { RunDirectoryError } from "./errors.js";
export { writeRunReport, readRunEvents, REPORT_FILES, type RunReportFiles, type RunReportOptions } from "./write-run-report.js";
export { formatComplexity } from "./complexity-summary.js";
