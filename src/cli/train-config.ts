import type { CliCapabilities } from "./capability-options.js";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { redactConnectionString } from "../checkpoint/redact.js";
import { describeModel, REDACTED, redactModelSpec } from "../models/describe-model.js";
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
  /** `"exclude"`: leave tasks whose model calls keep failing out of both sides of a comparison (default: stop resumably). */
  infrastructureFailures?: "exclude";
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
 * Environment variables that give back the inline API key of a redacted
 * JSON model spec on `resume`, per role. `OPENAI_API_KEY` is never used for
 * them: it belongs to OpenAI, and a custom endpoint must not receive it.
 *
 * @example
 * import { RESUME_API_KEY_ENV } from "toolforge";
 * // TOOLFORGE_MODEL_API_KEY=sk-… npx toolforge resume runs/a
 * console.log(RESUME_API_KEY_ENV.model); // "TOOLFORGE_MODEL_API_KEY"
 */
export const RESUME_API_KEY_ENV = { model: "TOOLFORGE_MODEL_API_KEY", optimizerModel: "TOOLFORGE_OPTIMIZER_API_KEY" } as const;

type ModelRole = keyof typeof RESUME_API_KEY_ENV;

function envKey(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/**
 * The key for a redacted spec: its role's variable, or — for the optimizer
 * only — the agent's variable when both specs point at the same endpoint
 * (a secret may go to the host it was given for, and to no other).
 */
function restoreKey(config: TrainConfig, role: ModelRole, env: NodeJS.ProcessEnv): ModelSpec {
  const spec = config[role];
  if (typeof spec !== "object" || spec.apiKey !== REDACTED) return spec;
  const agentSpec = config.model;
  const sameHost =
    role === "optimizerModel" && typeof agentSpec === "object" && agentSpec.apiKey === REDACTED && agentSpec.baseURL === spec.baseURL && agentSpec.provider === spec.provider;
  const key = envKey(env, RESUME_API_KEY_ENV[role]) ?? (sameHost ? envKey(env, RESUME_API_KEY_ENV.model) : undefined);
  if (key === undefined) {
    const flag = role === "model" ? "--model" : "--optimizer-model";
    throw new CliUsageError(
      "E_CLI_API_KEY",
      `the run's ${flag} spec (${describeModel(spec)}) had an inline apiKey, which is never stored; ` +
        `set ${RESUME_API_KEY_ENV[role]} to the key for ${spec.baseURL ?? `${spec.provider}'s endpoint`} and run resume again (a provider's own environment key is never sent to another endpoint)`,
      { role, baseURL: spec.baseURL, env: RESUME_API_KEY_ENV[role] },
    );
  }
  return { ...spec, apiKey: key };
}

/**
 * Puts secrets back into a redacted config for `resume`. A redacted inline
 * API key must be given again for its own endpoint through
 * {@link RESUME_API_KEY_ENV} (`TOOLFORGE_MODEL_API_KEY`,
 * `TOOLFORGE_OPTIMIZER_API_KEY`); without it a `CliUsageError`
 * (`E_CLI_API_KEY`) says which variable to set — it is never replaced by
 * `OPENAI_API_KEY`, which is meant for another host. A masked checkpointer
 * password must come back through `checkpointer` (the `--checkpointer`
 * flag) or `TOOLFORGE_CHECKPOINTER`.
 *
 * @example
 * import { unredactConfig } from "toolforge";
 * const config = unredactConfig(stored, { TOOLFORGE_MODEL_API_KEY: "sk-local" });
 */
export function unredactConfig(config: TrainConfig, env: NodeJS.ProcessEnv, checkpointer?: string): TrainConfig {
  const restored = { ...config, model: restoreKey(config, "model", env), optimizerModel: restoreKey(config, "optimizerModel", env) };
  const spec = restoreCheckpointer(config, env, checkpointer);
  return spec === undefined ? restored : { ...restored, checkpointer: spec };
}

/**
 * The run's checkpointer spec with its password: `checkpointer` (the
 * `--checkpointer` flag) or `TOOLFORGE_CHECKPOINTER` when given, else the
 * stored one, which must not be masked (a `CliUsageError`, `E_CLI_CHECKPOINTER`).
 *
 * @example
 * restoreCheckpointer(readTrainConfig("runs/pg"), process.env); // "postgres://me:pw@db/runs"
 */
export function restoreCheckpointer(config: Pick<TrainConfig, "checkpointer">, env: NodeJS.ProcessEnv, checkpointer?: string): string | undefined {
  const given = checkpointer ?? env.TOOLFORGE_CHECKPOINTER;
  if (given !== undefined) return given;
  if (config.checkpointer?.includes(":***@")) {
    throw new CliUsageError(
      "E_CLI_CHECKPOINTER",
      `the run's checkpointer ${config.checkpointer} has a masked password; pass --checkpointer <spec> or set TOOLFORGE_CHECKPOINTER`,
      { checkpointer: config.checkpointer },
    );
  }
  return config.checkpointer;
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
