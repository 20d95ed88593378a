import { Option, type Command } from "commander";
import { DEFAULTS } from "../../defaults.js";
import type { ModelSpec } from "../../models/types.js";
import { printerFor, withOutputOptions, type CommandContext } from "../command-context.js";
import { CliUsageError } from "../errors.js";
import { budgetOption, integerOption, modelSpecOption, priceOption } from "../parse-options.js";
import { addCapabilityOptions, capabilitiesFromFlags } from "../capability-options.js";
import { finishTraining } from "./finish-training.js";
import type { TrainConfig } from "../train-config.js";

/** What commander parses: the stored config's fields, before defaults and prices are folded in. */
type TrainFlags = Omit<TrainConfig, "format" | "version" | "optimizerModel" | "budget" | "infrastructureFailures"> & {
  excludeFailedTasks?: boolean;
  optimizerModel?: ModelSpec;
  budget?: { maxTokens?: number; maxCostUsd?: number };
  price?: NonNullable<TrainConfig["budget"]>["prices"];
  out: string;
  oneStep?: boolean;
  force?: boolean;
  allowNet?: string[];
  allowMethod?: string[];
  maxRequests?: number;
  parse?: boolean;
  attachments?: boolean;
  compose?: boolean;
  toolsModule?: string;
  json?: boolean;
  quiet?: boolean;
};

/**
 * Options shared by `train` and `demo` that pick the agent kind.
 *
 * @example
 * new Command("eval").addOption(agentOption()); // --agent tool-calling|react
 */
export function agentOption(): Option {
  return new Option("--agent <kind>", "agent system").choices(["tool-calling", "react"]).default("tool-calling");
}

/**
 * Registers `toolforge train`.
 *
 * @example
 * // npx toolforge train --data gsm8k:train --validation gsm8k:test --model openai:gpt-4o --out runs/gsm8k
 */
export function registerTrainCommand(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("train")
    .description("train an agent's functions on a dataset (Algorithm 2): evaluate, optimize, keep or roll back, early-stop")
    .requiredOption("--data <source>", "training tasks: a JSONL file or a preset (gsm8k:train, math:train20, tabmwp:train, …)")
    .option("--validation <source>", "validation tasks (JSONL or preset); the best toolset on it is returned")
    .option("--test <source>", "test tasks (JSONL or preset), evaluated with every accepted step's toolset for the report")
    .option("--limit <n>", "use only the first n rows of each dataset", integerOption(1))
    .addOption(agentOption())
    .requiredOption("--model <spec>", 'agent model: "<provider>:<model>" as in LangChain initChatModel (openai:, anthropic:, google-genai:, ollama:, …), "openai-compatible:<model>@<baseURL>", JSON {"baseURL","model"}, or scripted:demo (offline, scripted: no key, no network)', modelSpecOption)
    .option("--optimizer-model <spec>", "optimizer model (default: the agent model; scripted:demo works for both)", modelSpecOption)
    .option("--max-epochs <n>", "stop after this many accepted improvements (the paper's E)", integerOption(1), DEFAULTS.training.maxEpochs)
    .option("--patience <n>", "consecutive steps without improvement before early stop (the paper's C)", integerOption(1), DEFAULTS.training.patience)
    .option("--max-steps <n>", "hard cap on optimizer steps, accepted or not (bounds the cost)", integerOption(1), DEFAULTS.training.maxSteps)
    .option("--no-rollback", "ablation: keep every candidate even if worse, no early stop (Table 3, 'w/o roll-back & early-stop')")
    .option("--one-step", "baseline: the optimizer writes the whole function set in one reply per step (Table 3, 'w/o progressive function update')")
    .option("--max-actions <n>", "optimizer actions per step", integerOption(1), DEFAULTS.training.maxActions)
    .option("--concurrency <n>", "tasks evaluated at once", integerOption(1), DEFAULTS.training.concurrency)
    .option("--batch-size <n>", "training records shown to the optimizer per step (default: all)", integerOption(1))
    .option("--seed <n>", "seed of minibatch sampling", integerOption(0), DEFAULTS.training.seed)
    .option("--budget <amount>", "stop when spent: tokens (200000) or dollars ($2.50, needs known prices)", budgetOption)
    .option("--price <model=in/out>", "USD per million input/output tokens of a model, for cost reports and $ budgets (repeatable)", priceOption)
    .option("--no-code-interpreter", "do not give the agent the execute_javascript tool")
    .option("--exclude-failed-tasks", "leave tasks whose model calls keep failing out of both sides of a comparison (default: stop; resume later)")
    .option("--checkpointer <spec>", "where checkpoints go: sqlite (default, in the run directory) | sqlite:<file> | memory | postgres://user:pass@host:port/db")
    .requiredOption("--out <dir>", "run directory (e.g. runs/<name>); never overwritten without --force")
    .option("--force", "replace an existing run directory");
  addCapabilityOptions(cmd);
  withOutputOptions(cmd).action(async (flags: TrainFlags) => {
    // Heavy modules load only when a command runs, so --help and usage errors stay fast.
    const [{ loadRunDatasets, runTraining }, { validateModelSpecs }] = await Promise.all([import("../run-training.js"), import("../validate-models.js")]);
    const printer = printerFor(ctx.io, flags);
    // A bad spec is refused before the run directory is created.
    if (flags.checkpointer !== undefined) (await import("../../checkpoint/create-checkpointer.js")).parseCheckpointerSpec(flags.checkpointer);
    const capabilities = capabilitiesFromFlags(flags);
    const config: TrainConfig = {
      format: "toolforge.train-config",
      version: 1,
      data: flags.data,
      ...(flags.validation && { validation: flags.validation }),
      ...(flags.test && { test: flags.test }),
      ...(flags.limit !== undefined && { limit: flags.limit }),
      agent: flags.agent,
      model: flags.model,
      optimizerModel: flags.optimizerModel ?? flags.model,
      maxSteps: flags.maxSteps,
      patience: flags.patience,
      maxEpochs: flags.maxEpochs!,
      rollback: flags.rollback!,
      ...(flags.oneStep && { optimizerMode: "one-step" as const }),
      maxActions: flags.maxActions,
      concurrency: flags.concurrency,
      ...(flags.batchSize !== undefined && { batchSize: flags.batchSize }),
      seed: flags.seed,
      ...((flags.budget || flags.price) && { budget: { ...flags.budget, ...(flags.price && { prices: flags.price }) } }),
      codeInterpreter: flags.codeInterpreter,
      ...(flags.checkpointer !== undefined && { checkpointer: flags.checkpointer }),
      ...(capabilities && { capabilities }),
      ...(flags.levels && { levels: flags.levels }),
      ...(flags.excludeFailedTasks && { infrastructureFailures: "exclude" as const }),
    };
    if (flags.budget?.maxCostUsd !== undefined && !flags.price) {
      throw new CliUsageError("E_CLI_BUDGET", `--budget ${"$"}${flags.budget.maxCostUsd} needs the models' prices: add --price <model>=<input>/<output> (USD per million tokens)`, {});
    }
    validateModelSpecs([config.model, config.optimizerModel]);
    const datasets = await loadRunDatasets(config);
    try {
      const run = await runTraining({ config, runDir: flags.out, printer, force: flags.force ?? false, datasets, signal: ctx.signal });
      finishTraining(run, flags.out, printer, ctx);
    } finally {
      printer.close();
    }
  });
}
