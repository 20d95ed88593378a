// The `toolforge` command line (commander) and its reusable pieces.
export { runCli, createProgram } from "./main.js";
export { processIO, type CliIO, type OutputMode } from "./cli-io.js";
export { CliUsageError, EXIT } from "./errors.js";
export { ProgressPrinter } from "./progress.js";
export { printerFor, withOutputOptions, type CommandContext } from "./command-context.js";
export { integerOption, positiveNumberOption, modelSpecOption, budgetOption, priceOption } from "./parse-options.js";
export { textTable } from "./text-table.js";
export { formatStepTable } from "./step-table.js";
export { redactConfig, unredactConfig, restoreCheckpointer, RESUME_API_KEY_ENV, readTrainConfig, type TrainConfig } from "./train-config.js";
export { openRunRecords, type OpenedRunRecords } from "./run-records.js";
export { runTraining, bestStepOf, loadRunDatasets, prepareRunDirectory, agentSpecOf, type RunTrainingOptions, type RunTrainingResult, type RunDatasets } from "./run-training.js";
export { evaluateWithEvents, type EvaluateWithEventsOptions } from "./evaluate-with-events.js";
export { toolsetModuleSource } from "./export-module.js";
export { validateModelSpecs } from "./validate-models.js";
export { confirmOnTerminal } from "./confirm-cost.js";
export { runReproduce } from "./run-reproduce.js";
export type { ReproduceFlags } from "./commands/reproduce.js";
