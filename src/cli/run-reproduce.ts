import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DEFAULTS } from "../defaults.js";
import { MATH_TYPES, type MathTypeSlug } from "../datasets/preset-selector.js";
import { RequestGate } from "../models/request-gate.js";
import { formatEstimate, totalEstimate } from "../reproduce/cost-estimate.js";
import { ReproduceError } from "../reproduce/errors.js";
import { experimentCells, selectCells } from "../reproduce/experiments.js";
import { modelNameOf, priceOfSpec } from "../reproduce/model-prices.js";
import { planExperiment, runExperiment, writeReproductionResults } from "../reproduce/run-experiment.js";
import { SpendLedger } from "../reproduce/spend-ledger.js";
import { assertToolCalling } from "../reproduce/tool-calling.js";
import type { ExperimentName } from "../reproduce/types.js";
import { createSandbox } from "../sandbox/index.js";
import { RunDirectory } from "../training/run-directory.js";
import type { CliCapabilities } from "./capability-options.js";
import type { CommandContext } from "./command-context.js";
import type { ReproduceFlags } from "./commands/reproduce.js";
import { confirmOnTerminal } from "./confirm-cost.js";
import { CliUsageError, EXIT } from "./errors.js";
import type { ProgressPrinter } from "./progress.js";
import { validateModelSpecs } from "./validate-models.js";

/** The spend ledger's file in the experiment folder. */
const SPEND_FILE = "spend.json";

function mathTypes(types: readonly string[] | undefined): MathTypeSlug[] | undefined {
  if (!types) return undefined;
  const unknown = types.filter((t) => !(t in MATH_TYPES));
  if (unknown.length > 0) throw new CliUsageError("E_CLI_OPTION", `--types: unknown MATH type ${unknown.join(", ")}; the types are: ${Object.keys(MATH_TYPES).join(", ")}`, { option: "types" });
  return types as MathTypeSlug[];
}

/**
 * `toolforge reproduce`: checks everything (experiment, GAIA folder, models
 * and their tool calling, datasets, prices for a budget), prints the cost
 * estimate, stops there with `--dry-run`, asks before a costly run unless
 * `--yes`, then runs the cells under one lock on `--out` and one request
 * gate, and writes and prints the results. Returns the exit code.
 *
 * @example
 * const code = await runReproduce("table3", flags, undefined, printer, ctx);
 */
export async function runReproduce(experiment: ExperimentName, flags: ReproduceFlags, capabilities: CliCapabilities | undefined, printer: ProgressPrinter, ctx: CommandContext): Promise<number> {
  const model = flags.model;
  const optimizerModel = flags.optimizerModel ?? flags.model;
  const cells = selectCells(experimentCells(experiment, { ...(flags.gaia && { gaiaDir: flags.gaia }), ...(flags.types && { types: mathTypes(flags.types)! }), ...(flags.maxSteps && { maxSteps: flags.maxSteps }) }), flags.cells);
  validateModelSpecs([model, optimizerModel]);
  if (cells.some((c) => c.agent === "tool-calling")) await assertToolCalling(model, "--model (the tool-calling agent)");
  if (cells.some((c) => c.kind === "train")) await assertToolCalling(optimizerModel, "--optimizer-model (its actions are tool calls)");
  const plan = await planExperiment(cells, {
    out: flags.out,
    model,
    optimizerModel,
    concurrency: flags.concurrency,
    ...(flags.limit !== undefined && { limit: flags.limit }),
    ...(flags.levels && { levels: flags.levels }),
    ...(flags.prices && { prices: flags.prices }),
  });
  const pricesKnown = plan.agentPrice !== undefined && plan.optimizerPrice !== undefined;
  if (flags.budget !== undefined && !pricesKnown) {
    throw new ReproduceError("E_REPRODUCE_PRICES", `--budget $${flags.budget} needs the price of every model; add --prices <model>=<input>/<output> (USD per million tokens) for ${[plan.agentPrice ? undefined : modelNameOf(model), plan.optimizerPrice ? undefined : modelNameOf(optimizerModel)].filter(Boolean).join(" and ")}`, {});
  }
  const total = totalEstimate(plan.estimates);
  const estimate = [
    `${experiment}: ${cells.length} cell(s), ${plan.finished.size} finished earlier${flags.limit !== undefined ? `, --limit ${flags.limit} tasks per split (numbers mean nothing at this size)` : ""}`,
    formatEstimate(plan.estimates),
    `Estimate from DEFAULTS.reproduce.estimate (${DEFAULTS.reproduce.estimate.stepsPerCell} optimizer steps per cell, ${DEFAULTS.reproduce.estimate.agentCallsPerTask} agent calls per task); real runs vary.`,
  ].join("\n");
  printer.result({ type: "estimate", experiment, cells: plan.estimates, total, finished: [...plan.finished] }, estimate);
  if (flags.dryRun) return EXIT.ok;

  const costly = total.usd === undefined || total.usd > DEFAULTS.reproduce.confirmAboveUsd;
  if (costly && plan.estimates.length > 0 && !flags.yes) {
    const cost = `This may cost ${total.usd === undefined ? "an unknown amount (a model has no price)" : `about $${total.usd.toFixed(2)}`}`;
    if (!(await confirmOnTerminal(ctx.io, `${cost}. Go on?`))) {
      throw new ReproduceError("E_REPRODUCE_CONFIRM", `${cost} — not confirmed; re-run with --yes to proceed (or --dry-run to see the estimate)`, { usd: total.usd });
    }
  }

  mkdirSync(flags.out, { recursive: true });
  const lock = new RunDirectory(flags.out).lock(`toolforge reproduce ${experiment}`);
  const prices = new Map([model, optimizerModel].map((spec) => [modelNameOf(spec), priceOfSpec(spec, flags.prices)]));
  const ledger = new SpendLedger(join(flags.out, SPEND_FILE), (name) => prices.get(name));
  const budgetStop = new AbortController();
  const budgetReached = () => flags.budget !== undefined && ledger.total.usd >= flags.budget;
  const gate = new RequestGate({
    ...(flags.maxConcurrency !== undefined && { maxConcurrency: flags.maxConcurrency }),
    ...(flags.rpm !== undefined && { rpm: flags.rpm }),
    ...(flags.tpm !== undefined && { tpm: flags.tpm }),
    onUsage: (usage) => {
      ledger.add(usage);
      if (budgetReached() && !budgetStop.signal.aborted) budgetStop.abort(new Error(`budget of $${flags.budget} reached`));
    },
  });
  const sandbox = await createSandbox();
  try {
    const { results, stopped } = await runExperiment(
      cells,
      {
        out: flags.out,
        model,
        optimizerModel,
        ...(flags.limit !== undefined && { limit: flags.limit }),
        concurrency: flags.concurrency,
        ...(flags.levels && { levels: flags.levels }),
        ...(capabilities && { capabilities }),
        printer,
        signal: AbortSignal.any([ctx.signal, budgetStop.signal]),
        requestGate: gate,
        sandbox,
        ledger,
        pricesKnown,
      },
      { ...(flags.budget !== undefined && { budgetUsd: flags.budget }), budgetReached },
    );
    const markdown = writeReproductionResults(flags.out, experiment, results);
    const spent = ledger.total;
    const tail = stopped === "budget"
      ? `Stopped: the budget of $${flags.budget} is spent ($${spent.usd.toFixed(2)} so far). Re-run with a larger --budget to continue; finished cells are kept.`
      : stopped === "interrupted"
        ? `Interrupted. Re-run the same command to continue; finished cells are skipped.`
        : `All ${results.length} cell(s) finished.`;
    printer.result(
      { type: "result", experiment, out: flags.out, cells: results.length, stopped: stopped ?? null, spent, results: ["results.md", "results.html", "results.json"].map((f) => join(flags.out, f)) },
      `${markdown}\n${tail}\nSpent (all runs of this experiment): ${spent.inputTokens + spent.outputTokens} tokens${pricesKnown ? `, $${spent.usd.toFixed(2)}` : ""}.\nResults: ${join(flags.out, "results.md")}, results.html, results.json`,
    );
    return stopped === "interrupted" ? EXIT.interrupted : stopped === "budget" ? EXIT.failure : EXIT.ok;
  } finally {
    await sandbox.close();
    lock.release();
  }
}
