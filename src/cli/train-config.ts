import type { CliCapabilities } from "./capability-options.js";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { redactConnectionString } from "../checkpoint/redact.js";
import { REDACTED, redactModelSpec } from "../models/describe-model.js";
import type { ModelSpec } from "../models/types.js";
import { CliUsageError } from "./errors.js";

/**
 * Everything `toolforge train` was asked to do; stored as `config.json` (secrets redacted) so `resume` can continue.
 *
 * @example
 * const config = readTrainConfig("runs/a");
 * console.log(config.maxSteps, config.model);
 */
export interface TrainConfig {
  format: "toolforge.train-config";
  version: 1;
  data: string;
  validation?: string;
  test?: string;
  limit?: number;
  agent: "tool-calling" | "react";
  model: ModelSpec;
  optimizerModel: ModelSpec;
  maxSteps: number;
  patience: number;
  /** Accepted improvements before stopping (absent in configs written before the option existed: the default). */
  maxEpochs?: number;
  /** `false`: the paper's ablation without roll-back and early stop. */
  rollback?: boolean;
  /** `"one-step"`: the paper's baseline without progressive function update. */
  optimizerMode?: "progressive" | "one-step";
  maxActions: number;
  concurrency: number;
  batchSize?: number;
  seed: number;
  budget?: { maxTokens?: number; maxCostUsd?: number; prices?: Record<string, { inputPerMTok: number; outputPerMTok: number }> };
  codeInterpreter: boolean;
  /** Checkpointer spec (`createCheckpointer`); absent = SQLite in the run directory. Stored with its password masked. */
  checkpointer?: string;
  /** Free text stored with the config (the demo marks its runs here). */
  note?: string;
  /** What learned functions may do beyond computing (`--allow-net`, `--parse`, …). */
  capabilities?: CliCapabilities;
  /** GAIA levels kept from `gaia:` sources (`--levels`). */
  levels?: number[];
}

/**
 * A copy of the config safe to write to disk: API keys in model specs are
 * replaced by `"[redacted]"` (keys from the environment are never stored).
 *
 * @example
 * import { redactConfig } from "toolforge";
 * redactConfig({ model: { baseURL: "http://x/v1", model: "m", apiKey: "sk-1" } } as any).model; // { …, apiKey: "[redacted]" }
 */
export function redactConfig<T extends { model: ModelSpec; optimizerModel: ModelSpec }>(config: T): T {
  const checkpointer = (config as { checkpointer?: string }).checkpointer;
  return {
    ...config,
    model: redactModelSpec(config.model),
    optimizerModel: redactModelSpec(config.optimizerModel),
    ...(checkpointer !== undefined && { checkpointer: redactConnectionString(checkpointer) }),
  };
}

/**
 * Puts secrets back into a redacted config for `resume`: a redacted API key
 * becomes `OPENAI_API_KEY` from the environment (or is dropped); a masked
 * checkpointer password must come back through `checkpointer` (the
 * `--checkpointer` flag) or `TOOLFORGE_CHECKPOINTER`.
 *
 * @example
 * import { unredactConfig } from "toolforge";
 * const config = unredactConfig(stored, process.env);
 */
export function unredactConfig(config: TrainConfig, env: NodeJS.ProcessEnv, checkpointer?: string): TrainConfig {
  const restore = (spec: ModelSpec): ModelSpec => {
    if (typeof spec !== "object" || spec.apiKey !== REDACTED) return spec;
    const { apiKey: _drop, ...rest } = spec;
    return env.OPENAI_API_KEY ? { ...rest, apiKey: env.OPENAI_API_KEY } : rest;
  };
  const restored = { ...config, model: restore(config.model), optimizerModel: restore(config.optimizerModel) };
  const given = checkpointer ?? env.TOOLFORGE_CHECKPOINTER;
  if (given !== undefined) return { ...restored, checkpointer: given };
  if (config.checkpointer?.includes(":***@")) {
    throw new CliUsageError(
      "E_CLI_CHECKPOINTER",
      `the run's checkpointer ${config.checkpointer} has a masked password; pass --checkpointer <spec> or set TOOLFORGE_CHECKPOINTER`,
      { checkpointer: config.checkpointer },
    );
  }
  return restored;
}

/**
 * Reads `config.json` of a run directory, with errors that say what is wrong.
 *
 * @example
 * import { readTrainConfig } from "toolforge";
 * const config = readTrainConfig("runs/a");
 */
export function readTrainConfig(runDir: string): TrainConfig {
  const file = join(runDir, "config.json");
  if (!existsSync(runDir)) throw new CliUsageError("E_CLI_RUN_DIR", `${runDir}: run directory does not exist`, { path: runDir });
  if (!existsSync(file)) throw new CliUsageError("E_CLI_RUN_DIR", `${file}: missing — ${runDir} was not created by \`toolforge train\``, { path: file });
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new CliUsageError("E_CLI_CONFIG", `${file}: not valid JSON (${(e as Error).message})`, { path: file });
  }
  const c = json as Partial<TrainConfig>;
  if (c.format !== "toolforge.train-config" || c.version !== 1 || typeof c.data !== "string") {
    throw new CliUsageError("E_CLI_CONFIG", `${file}: not a toolforge training config (expected format "toolforge.train-config", version 1)`, { path: file });
  }
  return c as TrainConfig;
}
