import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import type { TokenUsage } from "../evaluation/types.js";
import { writeFileAtomicSync, type ToolsetFile } from "../functions/index.js";
import { type LoggedEvent, uniqueEvents } from "../training/event-log.js";
import type { TrainingEvent } from "../training/events.js";
import { RunDirectoryError } from "./errors.js";
import { renderLearningCurveSvg } from "./learning-curve.js";
import { renderReportHtml } from "./report-html.js";
import { type FlipRecords, readFlipRecords } from "./flip-transcripts.js";
import { type RunSummary, summarizeRun } from "./run-summary.js";
import type { ExecutionRecordStore } from "../training/record-store.js";
import { RunDirectory } from "../training/run-directory.js";
import { SqliteRecordStore } from "../training/sqlite-record-store.js";

/**
 * Where {@link writeRunReport} wrote its files.
 *
 * @example
 * const files: RunReportFiles = await writeRunReport("runs/a");
 */
export interface RunReportFiles {
  html: string;
  svg: string;
}

/**
 * File names of the report inside a run directory.
 *
 * @example
 * import { REPORT_FILES } from "toolforge";
 * console.log(REPORT_FILES.html); // "report.html"
 */
export const REPORT_FILES = { html: "report.html", svg: "learning-curve.svg" } as const;

/**
 * Reads the `TrainingEvent`s of a run directory's `events.jsonl`, each
 * idempotency key once (a resumed run's re-emitted events are not counted
 * twice). A line torn by a kill is skipped; other bad lines are errors that
 * name the file and line.
 *
 * @example
 * import { readRunEvents } from "toolforge";
 * const events = readRunEvents("runs/demo");
 * console.log(events.length);
 */
export function readRunEvents(runDir: string): TrainingEvent[] {
  const file = join(runDir, "events.jsonl");
  if (!existsSync(runDir) || !statSync(runDir).isDirectory()) {
    throw new RunDirectoryError("E_RUN_DIR", `${runDir}: run directory does not exist`, { path: runDir });
  }
  if (!existsSync(file)) throw new RunDirectoryError("E_RUN_DIR", `${file}: no events.jsonl — is this a toolforge run directory?`, { path: file });
  const lines = readFileSync(file, "utf8").split("\n");
  const events: LoggedEvent[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    try {
      events.push(JSON.parse(line) as LoggedEvent);
    } catch {
      // A write cut by a kill: the last line, or (after a resume) one that starts like every line the run writes.
      const isLast = lines.slice(i + 1).every((l) => l.trim() === "");
      if (!isLast && !line.startsWith('{"time":')) throw new RunDirectoryError("E_RUN_EVENTS", `${file}:${i + 1}: not valid JSON`, { path: file, line: i + 1 });
    }
  });
  // A resumed run may have re-emitted events; files written by older versions have no keys and are kept as is.
  return uniqueEvents(events);
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

function isToolsetFile(x: unknown): x is ToolsetFile {
  return typeof x === "object" && x !== null && (x as ToolsetFile).format === "toolforge.toolset" && Array.isArray((x as ToolsetFile).functions);
}

/** Toolsets `toolsets/<prefix>-N.json` keyed by N (`step`: accepted steps; `candidate`: rolled-back candidates, when the run saved them). */
function readToolsets(runDir: string, prefix: "step" | "candidate"): Map<number, ToolsetFile> {
  const dir = join(runDir, "toolsets");
  const out = new Map<number, ToolsetFile>();
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const m = new RegExp(`^${prefix}-(\\d+)\\.json$`).exec(name);
    const json = m ? readJson(join(dir, name)) : undefined;
    if (m && isToolsetFile(json)) out.set(Number(m[1]), json);
  }
  return out;
}


/**
 * Options of {@link writeRunReport}.
 *
 * @example
 * import { createCheckpointer, writeRunReport, type RunReportOptions } from "toolforge";
 * const opened = await createCheckpointer("postgres://me:pw@127.0.0.1:5432/runs");
 * const options: RunReportOptions = { records: opened.records };
 * await writeRunReport("runs/pg", options);
 * await opened.close();
 */
export interface RunReportOptions {
  title?: string;
  /** Token usage by role (default: from `summary.json`). */
  usage?: Record<string, TokenUsage>;
  costUsd?: number;
  /**
   * Where the run kept its execution records, for the transcripts of flipped
   * tasks: the `records` of a `postgres://` checkpointer for a run trained
   * with one. Default: the run directory's `records.sqlite`, when there is one.
   */
  records?: ExecutionRecordStore;
}

/** The flips' records from `records`, else from the run directory's `records.sqlite` (never created here). */
async function flipRecordsOf(runDir: string, summary: RunSummary, toolsets: ReadonlyMap<number, ToolsetFile>, records?: ExecutionRecordStore): Promise<FlipRecords> {
  if (records) return readFlipRecords(records, summary, toolsets);
  const file = new RunDirectory(runDir).records;
  if (!existsSync(file)) return {};
  const store = await SqliteRecordStore.open(file);
  try {
    return await readFlipRecords(store, summary, toolsets);
  } finally {
    await store.close();
  }
}

/**
 * Builds the report of a run directory from its `events.jsonl`, the toolset
 * of every accepted step (`toolsets/step-N.json`) and of rolled-back
 * candidates when saved (`toolsets/candidate-N.json`), `best.toolset.json`,
 * the records of the initial and final evaluations of each split (for
 * transcripts of flipped tasks: from `records`, by default the run
 * directory's `records.sqlite`), `config.json` and `summary.json` (usage
 * and cost, when the CLI wrote it), then writes `report.html`
 * (self-contained) and `learning-curve.svg`.
 *
 * @example
 * import { writeRunReport } from "toolforge";
 * const { html, svg } = await writeRunReport("runs/demo");
 * console.log(html); // runs/demo/report.html
 */
export async function writeRunReport(runDir: string, options: RunReportOptions = {}): Promise<RunReportFiles> {
  const events = readRunEvents(runDir);
  const summary = summarizeRun(events);
  const saved = readJson(join(runDir, "summary.json")) as { usage?: Record<string, TokenUsage> & { costUsd?: number } } | undefined;
  let usage = options.usage;
  let costUsd = options.costUsd;
  if (!usage && saved?.usage) {
    const { costUsd: savedCost, ...roles } = saved.usage;
    usage = roles as Record<string, TokenUsage>;
    costUsd ??= savedCost;
  }
  const best = readJson(join(runDir, "best.toolset.json"));
  const config = readJson(join(runDir, "config.json"));
  const title = options.title ?? `toolforge training report — ${basename(runDir)}`;
  const toolsets = readToolsets(runDir, "step");
  const curveSvg = await renderLearningCurveSvg(summary.curve, `Learning curve — ${basename(runDir)}`);
  const html = renderReportHtml({
    title,
    summary,
    curveSvg,
    toolsets,
    candidates: readToolsets(runDir, "candidate"),
    ...(isToolsetFile(best) && { finalToolset: best }),
    flipRecords: await flipRecordsOf(runDir, summary, toolsets, options.records),
    ...(typeof config === "object" && config !== null && { config: config as Record<string, unknown> }),
    ...(usage && { usage }),
    ...(costUsd !== undefined && { costUsd }),
    generatedAt: new Date().toISOString(),
  });
  const files = { html: join(runDir, REPORT_FILES.html), svg: join(runDir, REPORT_FILES.svg) };
  writeFileAtomicSync(files.svg, curveSvg);
  writeFileAtomicSync(files.html, html);
  return files;
}
