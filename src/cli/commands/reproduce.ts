import type { Command } from "commander";
import { DEFAULTS } from "../../defaults.js";
import type { ModelSpec } from "../../models/types.js";
import type { ModelPrice } from "../../training/types.js";
import { addCapabilityOptions, capabilitiesFromFlags, type CliCapabilities } from "../capability-options.js";
import { printerFor, withOutputOptions, type CommandContext } from "../command-context.js";
import { CliUsageError, EXIT } from "../errors.js";
import { integerOption, modelSpecOption, positiveNumberOption, priceOption } from "../parse-options.js";

/**
 * What `toolforge reproduce` parses from its flags.
 *
 * @example
 * const flags: import("toolforge").ReproduceFlags = { model: "scripted:demo", out: "runs/t3", concurrency: 4, dryRun: true };
 */
export interface ReproduceFlags extends CliCapabilities {
  model: ModelSpec;
  optimizerModel?: ModelSpec;
  out: string;
  gaia?: string;
  types?: string[];
  cells?: string;
  limit?: number;
  maxSteps?: number;
  concurrency: number;
  maxConcurrency?: number;
  rpm?: number;
  tpm?: number;
  prices?: Record<string, ModelPrice>;
  budget?: number;
  yes?: boolean;
  dryRun?: boolean;
  levels?: number[];
  json?: boolean;
  quiet?: boolean;
}

/** `--prices gpt-4o=2.5/10,gpt-4o-mini=0.15/0.6` (repeatable). */
function pricesOption(value: string, previous: Record<string, ModelPrice> = {}): Record<string, ModelPrice> {
  return value.split(",").filter((v) => v.trim() !== "").reduce((acc, one) => priceOption(one, acc), previous);
}

/** `--budget 20` or `--budget '$20'`: US dollars. */
function usdOption(value: string): number {
  return positiveNumberOption(value.trim().replace(/^\$/, "").replace(/\s*usd$/i, ""));
}

function listOption(value: string): string[] {
  return value.split(",").map((v) => v.trim()).filter(Boolean);
}

/**
 * Registers `toolforge reproduce <experiment>`: the paper's experiments
 * (table1, table2, table3, fig3, fig4, table6), one resumable run directory
 * per cell under `--out`, a cost estimate first, and the results as
 * Markdown, HTML and JSON.
 *
 * @example
 * // npx toolforge reproduce table3 --model openai:gpt-4o --out runs/table3 --dry-run
 */
export function registerReproduceCommand(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("reproduce")
    .description("run one of the paper's experiments (table1, table2, table3, fig3, fig4, table6): a cost estimate first, each cell resumable, results next to the paper's")
    .argument("<experiment>", "table1 | table2 | table3 | fig3 | fig4 | table6")
    .requiredOption("--model <spec>", "agent model (openai:<model>, ollama:<model>, JSON {baseURL,model}, or scripted:demo)", modelSpecOption)
    .option("--optimizer-model <spec>", "optimizer model (default: the agent model)", modelSpecOption)
    .requiredOption("--out <dir>", "experiment folder: one run directory per cell, results.md/html/json; re-running continues it")
    .option("--gaia <folder>", "your local GAIA copy (the folder with metadata.jsonl): needed by table2, adds GAIA to table6")
    .option("--types <list>", "MATH types (table1, table3, fig3), e.g. algebra,geometry", listOption)
    .option("--cells <globs>", "run only cells whose id matches (comma-separated globs, e.g. '*.react' or 'algebra.*')")
    .option("--limit <n>", "tasks per split, for cheap trials (numbers then mean nothing)", integerOption(1))
    .option("--max-steps <n>", "hard cap on optimizer steps per training cell", integerOption(1))
    .option("--concurrency <n>", "tasks evaluated at once within a cell", integerOption(1), DEFAULTS.training.concurrency)
    .option("--max-concurrency <n>", "model requests in flight at once, across all cells", integerOption(1))
    .option("--rpm <n>", "model requests per minute, across all cells", integerOption(1))
    .option("--tpm <n>", "tokens per minute, across all cells", integerOption(1))
    .option("--prices <model=in/out,…>", "USD per million input/output tokens, overriding the built-in table (repeatable)", pricesOption)
    .option("--budget <usd>", "stop once the whole experiment (all runs of it) has spent this many dollars", usdOption)
    .option("-y, --yes", `do not ask before an estimated cost above $${DEFAULTS.reproduce.confirmAboveUsd}`)
    .option("--dry-run", "print tasks, model calls, tokens, time and dollars per cell, then exit without calling a model");
  addCapabilityOptions(cmd);
  withOutputOptions(cmd).action(async (experiment: string, flags: ReproduceFlags) => {
    const { EXPERIMENT_NAMES } = await import("../../reproduce/types.js");
    if (!(EXPERIMENT_NAMES as readonly string[]).includes(experiment)) {
      throw new CliUsageError("E_CLI_EXPERIMENT", `unknown experiment "${experiment}"; the experiments are: ${EXPERIMENT_NAMES.join(", ")}`, { experiment });
    }
    const { runReproduce } = await import("../run-reproduce.js");
    const printer = printerFor(ctx.io, flags);
    try {
      const capabilities = capabilitiesFromFlags(flags);
      const code = await runReproduce(experiment as (typeof EXPERIMENT_NAMES)[number], flags, capabilities, printer, ctx);
      if (code !== EXIT.ok) ctx.setExitCode(code);
    } finally {
      printer.close();
    }
  });
}
