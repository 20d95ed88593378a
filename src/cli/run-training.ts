import { createCapabilities } from "../capabilities/capability-host.js";
import type { ResolvedCapabilityPolicy } from "../capabilities/capability-policy.js";
import { capabilityPolicyOf } from "./capability-options.js";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { loadDataset, type Dataset } from "../datasets/index.js";
import { checkUniqueTaskIds } from "../evaluation/task-ids.js";
import type { AgentSpec } from "../agents/types.js";
import { startScriptedModels } from "../demo/scripted-models.js";
import { Toolset, writeFileAtomicSync } from "../functions/index.js";
import { writeRunReport, readRunEvents, type RunReportFiles } from "../report/index.js";
import { createSandbox } from "../sandbox/index.js";
import { createModel } from "../models/index.js";
import type { RequestGate } from "../models/request-gate.js";
import type { Sandbox } from "../sandbox/types.js";
import { checkTrainAgentOptions, RUN_LOCK_FILE, RunDirectory, RunLock, trainAgent, type TrainAgentOptions, type TrainingResult } from "../training/index.js";
import type { TrainingEvent } from "../training/events.js";
import type { ExecutionRecordStore } from "../training/record-store.js";
import { CliUsageError } from "./errors.js";
import { evaluateWithEvents } from "./evaluate-with-events.js";
import type { ProgressPrinter } from "./progress.js";
import { openRunRecords } from "./run-records.js";
import { formatStepTable } from "./step-table.js";
import { redactConfig, type TrainConfig } from "./train-config.js";

/**
 * Datasets of a run, loaded from the config's sources unless given.
 *
 * @example
 * const datasets: RunDatasets = { train: await loadDataset("gsm8k:train", { limit: 20 }) };
 */
export interface RunDatasets {
  train: Dataset;
  validation?: Dataset;
  test?: Dataset;
}

/**
 * Options of {@link runTraining}.
 *
 * @example
 * await runTraining({ config, runDir: "runs/a", printer, force: true });
 */
export interface RunTrainingOptions {
  config: TrainConfig;
  runDir: string;
  printer: ProgressPrinter;
  /** Continue the run in `runDir` instead of starting one. */
  resume?: boolean;
  /** Replace an existing run directory. */
  force?: boolean;
  /** Pre-loaded datasets (the demo's subsets); otherwise loaded from `config`. */
  datasets?: RunDatasets;
  signal?: AbortSignal;
  /** Extra fields for `config.json` (e.g. the demo's note that models are scripted). */
  configNote?: string;
  /** A sandbox to run learned functions in (left open); by default one is created and closed. */
  sandbox?: Sandbox;
  /** Concurrency and rate limits shared with other runs (`toolforge reproduce` shares one across its cells). */
  requestGate?: RequestGate;
  /**
   * Which toolsets the test split scores: every accepted step's (default, the
   * report's learning curve) or only the initial and the returned one (what
   * a before / after comparison needs, at a fraction of the cost).
   */
  testSteps?: "accepted" | "initial-and-best";
}

/**
 * What {@link runTraining} produced.
 *
 * @example
 * const { report } = await runTraining({ config, runDir: "runs/a", printer });
 * console.log(report.html);
 */
export interface RunTrainingResult {
  result: TrainingResult;
  report: RunReportFiles;
  bestToolsetFile: string;
}

/**
 * Loads the datasets named by a training config; bad sources surface as
 * `DatasetError`s naming file and line.
 *
 * @example
 * import { loadRunDatasets } from "toolforge";
 * const { train } = await loadRunDatasets({ data: "gsm8k:train", limit: 10 } as any);
 */
export async function loadRunDatasets(config: Pick<TrainConfig, "data" | "validation" | "test" | "limit" | "levels" | "seed">): Promise<RunDatasets> {
  const opts = { ...(config.limit !== undefined && { limit: config.limit }), ...(config.levels && { gaia: { levels: config.levels, seed: config.seed ?? 0 } }) };
  const [train, validation, test] = await Promise.all([
    loadDataset(config.data, opts),
    config.validation ? loadDataset(config.validation, opts) : undefined,
    config.test ? loadDataset(config.test, opts) : undefined,
  ]);
  return { train, ...(validation && { validation }), ...(test && { test }) };
}

/**
 * Makes `runDir` this process's run directory and returns its writer lock
 * (release it when done). Refuses, changing nothing, a path that is not a
 * directory, a directory another live process is writing to (a
 * `RunLockedError` naming it), and a non-empty directory unless `force`
 * (then it is emptied — under the lock, so never under a running process).
 * Called only after every input was validated, so a bad flag never costs a
 * user their previous run.
 *
 * @example
 * import { prepareRunDirectory } from "toolforge";
 * const lock = prepareRunDirectory("runs/new", false);
 * lock.release();
 */
export function prepareRunDirectory(runDir: string, force: boolean): RunLock {
  let entries: string[] = [];
  if (existsSync(runDir)) {
    if (!statSync(runDir).isDirectory()) {
      throw new CliUsageError("E_CLI_RUN_DIR", `${runDir} is a file, not a run directory; choose another --out`, { path: runDir });
    }
    entries = readdirSync(runDir).filter((name) => name !== RUN_LOCK_FILE);
  }
  if (entries.length > 0 && !force) {
    // A live run's directory is refused as in use, not merely as existing.
    RunLock.assertFree(runDir);
    throw new CliUsageError(
      "E_CLI_RUN_DIR_EXISTS",
      `run directory ${runDir} already exists and is not empty; pass --force to overwrite it, or continue it with \`toolforge resume ${runDir}\``,
      { path: runDir },
    );
  }
  const lock = lockRunDirectory(runDir, "toolforge train");
  for (const name of entries) rmSync(join(runDir, name), { recursive: true, force: true });
  return lock;
}

/** Takes the writer lock of `runDir`, creating it; a path below a file is bad input. */
function lockRunDirectory(runDir: string, command: string): RunLock {
  try {
    return new RunDirectory(runDir).lock(command);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOTDIR" || code === "EEXIST" || code === "EACCES") {
      throw new CliUsageError("E_CLI_RUN_DIR", `${runDir}: cannot create the run directory (${code})`, { path: runDir }, { cause: error });
    }
    throw error;
  }
}

/**
 * The agent spec of a config (the model client is built by the agents layer).
 *
 * @example
 * agentSpecOf(config); // { kind: "tool-calling", model: "openai:gpt-4o", codeInterpreter: true }
 */
export function agentSpecOf(config: TrainConfig): AgentSpec {
  return { kind: config.agent, model: config.model, codeInterpreter: config.codeInterpreter };
}

/**
 * The whole `toolforge train` / `resume` / `demo` pipeline around
 * `trainAgent`: run directory (config with secrets redacted, checkpoints,
 * model cache, toolsets, events), progress output, test evaluation of every
 * accepted step's toolset (the test line of the learning curve),
 * `summary.json`, and the HTML + SVG report.
 *
 * @example
 * import { runTraining, ProgressPrinter, processIO } from "toolforge";
 * const printer = new ProgressPrinter(processIO(), { json: false, quiet: false, tty: false });
 * await runTraining({ config, runDir: "runs/a", printer });
 */
export async function runTraining(o: RunTrainingOptions): Promise<RunTrainingResult> {
  const datasets = o.datasets ?? (await loadRunDatasets(o.config));
  // `scripted:demo` specs stay in config.json (so resume starts the scripted server again); training gets its URL.
  const scripted = await startScriptedModels([o.config.model, o.config.optimizerModel], (note) => o.printer.info(note));
  try {
    return await trainInRunDirectory(o, datasets, { ...o.config, model: scripted.resolve(o.config.model), optimizerModel: scripted.resolve(o.config.optimizerModel) });
  } finally {
    await scripted.close();
  }
}

async function trainInRunDirectory(o: RunTrainingOptions, datasets: RunDatasets, live: TrainConfig): Promise<RunTrainingResult> {
  const { config, runDir, printer } = o;
  const options = trainOptionsOf(live, datasets, runDir);
  // Everything the user gave is checked before the run directory is touched:
  // a bad file (duplicate task ids, …) leaves nothing behind to block the corrected command.
  checkTrainAgentOptions(options);
  if (datasets.test) checkUniqueTaskIds(datasets.test.tasks, "test");
  // Imported (tools module) and checked before the run directory is touched.
  const policy = await capabilityPolicyOf(config.capabilities);
  let lock: RunLock;
  if (o.resume) {
    if (!new RunDirectory(runDir).readInfo()) {
      throw new CliUsageError("E_CLI_RUN_DIR", `${runDir}: no run.json — there is no started run to resume here`, { path: runDir });
    }
    lock = lockRunDirectory(runDir, "toolforge resume");
  } else {
    lock = prepareRunDirectory(runDir, o.force ?? false);
    const stored = { ...redactConfig(config), ...(o.configNote && { note: o.configNote }) };
    writeFileAtomicSync(join(runDir, "config.json"), JSON.stringify(stored, null, 2) + "\n");
  }
  const dir = new RunDirectory(runDir);
  let sandbox: Sandbox | undefined;
  try {
    sandbox = o.sandbox ?? (await createSandbox());
    const result = await trainAgent({
      ...options,
      ...(policy && { capabilities: policy }),
      ...(o.signal && { signal: o.signal }),
      ...(o.requestGate && { requestGate: o.requestGate }),
      onEvent: (e: TrainingEvent) => printer.event(e),
      sandbox,
      runLock: lock,
    });
    // The test split's records join the run's (where trainAgent kept them), for the report's transcripts.
    const stored = await openRunRecords(runDir, live.checkpointer);
    try {
      // An interrupted run keeps what it has: report so far, no test evaluation (resume does it).
      if (datasets.test && result.stopReason !== "aborted") {
        const only = o.testSteps === "initial-and-best" ? [0, bestStepOf(result.steps)] : undefined;
        const ctx = { sandbox, printer, records: stored.records, threadId: result.threadId, ...(o.signal && { signal: o.signal }), ...(policy && { capabilities: policy }), ...(o.requestGate && { requestGate: o.requestGate }), ...(only && { only }) };
        await evaluateTestSplit(dir, live, datasets.test, ctx);
      }
      writeFileAtomicSync(
        join(runDir, "summary.json"),
        JSON.stringify({ stopReason: result.stopReason, bestTrainLoss: result.bestTrainLoss, bestValidationLoss: result.bestValidationLoss, usage: result.usage, steps: result.steps }, null, 2) + "\n",
      );
      const report = await writeRunReport(runDir, { records: stored.records });
      printer.info(`\nSteps:\n${formatStepTable(result.steps)}`);
      return { result, report, bestToolsetFile: dir.best };
    } finally {
      await stored.close();
    }
  } finally {
    if (!o.sandbox) await sandbox?.close();
    lock.release();
  }
}

/** The `trainAgent` options a training config asks for (without the process-bound signal, sandbox and printer). */
function trainOptionsOf(config: TrainConfig, datasets: RunDatasets, runDir: string): TrainAgentOptions {
  return {
    agent: agentSpecOf(config),
    optimizer: { model: config.optimizerModel, maxActions: config.maxActions, ...(config.optimizerMode && { mode: config.optimizerMode }) },
    train: datasets.train,
    ...(datasets.validation && { validation: datasets.validation }),
    scorer: datasets.train.scorer,
    maxSteps: config.maxSteps,
    patience: config.patience,
    ...(config.maxEpochs !== undefined && { maxEpochs: config.maxEpochs }),
    ...(config.rollback !== undefined && { rollback: config.rollback }),
    ...(config.batchSize !== undefined && { batchSize: config.batchSize }),
    seed: config.seed,
    ...(config.budget && { budget: config.budget }),
    runDir,
    concurrency: config.concurrency,
    ...(config.checkpointer !== undefined && { checkpointer: config.checkpointer }),
    ...(config.infrastructureFailures && { infrastructureFailures: config.infrastructureFailures }),
  };
}

/**
 * The step whose toolset a run returned when it has no validation split: the
 * last accepted one (every kept candidate is accepted without roll-back), else
 * the initial set (step 0).
 *
 * @example
 * bestStepOf([{ step: 0, accepted: true }, { step: 1, accepted: true }, { step: 2, accepted: false }]); // 1
 */
export function bestStepOf(steps: readonly { step: number; accepted: boolean }[]): number {
  return steps.filter((s) => s.accepted).reduce((best, s) => Math.max(best, s.step), 0);
}

interface TestSplitContext {
  sandbox: Sandbox;
  printer: ProgressPrinter;
  signal?: AbortSignal;
  capabilities?: ResolvedCapabilityPolicy;
  requestGate?: RequestGate;
  /** Only these steps (else every accepted step). */
  only?: number[];
  /** The run's record store and thread: each test evaluation's records are kept there. */
  records: ExecutionRecordStore;
  threadId: string;
}

/** Test accuracy of every accepted step's toolset not yet evaluated (resume skips done ones). */
async function evaluateTestSplit(dir: RunDirectory, config: TrainConfig, test: Dataset, ctx: TestSplitContext): Promise<void> {
  const { sandbox, printer, signal, capabilities } = ctx;
  const done = new Set(readRunEvents(dir.root).flatMap((e) => (e.type === "evaluation_end" && e.phase === "test" ? [e.step] : [])));
  const steps = existsSync(dir.toolsets)
    ? readdirSync(dir.toolsets)
        .flatMap((f) => /^step-(\d+)\.json$/.exec(f)?.[1] ?? [])
        .map(Number)
        .sort((a, b) => a - b)
    : [];
  // The run's cache: a test evaluation interrupted and run again re-issues no completed call.
  const cache = dir.openModelCache();
  try {
    const model = createModel(config.model, { cache, ...(ctx.requestGate && { requestGate: ctx.requestGate }) });
    for (const step of steps) {
      if (done.has(step) || (ctx.only && !ctx.only.includes(step))) continue;
      const toolset = await Toolset.load(dir.stepToolset(step));
      // evaluation_end marks the step done for a resumed run, so it is written after the records.
      const held: { end?: TrainingEvent } = {};
      const { records } = await evaluateWithEvents({
        agent: { kind: config.agent, model, codeInterpreter: config.codeInterpreter },
        toolset,
        tasks: test.tasks,
        scorer: test.scorer,
        sandbox,
        ...(capabilities && { capabilities: createCapabilities(capabilities, { runDir: dir.root }) }),
        concurrency: config.concurrency,
        ...(signal && { signal }),
        ...(config.infrastructureFailures && { infrastructureFailures: config.infrastructureFailures }),
        step,
        phase: "test",
        onEvent: (e) => {
          if (e.type === "evaluation_end") held.end = e;
          else if (dir.appendEvent(e)) printer.event(e);
        },
      });
      const ref = { thread: ctx.threadId, phase: "test" as const, step, toolset: toolset.hash };
      for (const [index, record] of records.entries()) await ctx.records.put(ref, index, record);
      if (held.end && dir.appendEvent(held.end)) printer.event(held.end);
    }
  } finally {
    await cache.close();
  }
}
