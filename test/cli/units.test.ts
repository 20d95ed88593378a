import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "commander";
import { toolsetModuleSource } from "../../src/cli/export-module.js";
import { budgetOption, integerOption, modelSpecOption } from "../../src/cli/parse-options.js";
import { ProgressPrinter } from "../../src/cli/progress.js";
import { formatStepTable } from "../../src/cli/step-table.js";
import { CliUsageError } from "../../src/cli/errors.js";
import { redactConfig, unredactConfig, type TrainConfig } from "../../src/cli/train-config.js";
import type { TrainingEvent } from "../../src/training/events.js";
import { memoryIO } from "./memory-io.js";

const EVENTS: TrainingEvent[] = [
  { type: "evaluation_start", step: 0, phase: "baseline", total: 2 },
  { type: "task_done", step: 0, phase: "baseline", taskId: "a", index: 0, done: 1, total: 2, score: 1 },
  { type: "task_done", step: 0, phase: "baseline", taskId: "b", index: 1, done: 2, total: 2, score: 0 },
  { type: "evaluation_end", step: 0, phase: "baseline", loss: 0.5, accuracy: 0.5 },
  { type: "action_applied", step: 1, action: "add_function", name: "calc", actionsUsed: 1 },
  { type: "action_rejected", step: 1, action: "revise_function", name: "nope", reason: "no function named nope" },
  { type: "rolled_back", step: 1, trainLoss: 0.5, bestLoss: 0.5, patience: 1 },
];

describe("ProgressPrinter", () => {
  it("prints plain lines without ANSI escapes when stdout is not a TTY", () => {
    const io = memoryIO();
    const p = new ProgressPrinter(io, { json: false, quiet: false, tty: false });
    EVENTS.forEach((e) => p.event(e));
    p.close();
    expect(io.out()).toContain("[step 0] baseline evaluation (train): accuracy 50.0 % (loss 0.500)");
    expect(io.out()).toContain("[step 1] optimizer: add_function calc — applied");
    expect(io.out()).toContain("[step 1] optimizer: revise_function nope — rejected: no function named nope");
    expect(io.out()).toContain("[step 1] ROLLED BACK");
    expect(io.out()).not.toMatch(/\u001b/);
  });

  it("draws a live bar with done/total, accuracy so far and ETA on a TTY", () => {
    const io = memoryIO({ tty: true });
    const p = new ProgressPrinter(io, { json: false, quiet: false, tty: true });
    p.event(EVENTS[0]!);
    p.event(EVENTS[1]!);
    p.close(); // the bar renders its final state when stopped
    expect(io.out()).toMatch(/\[step 0\] baseline evaluation \(train\) \|.*\| 1\/2 tasks · accuracy 100\.0 % · ETA/);
  });

  it("draws the bar of a resumed evaluation, whose evaluation_start is not shown again", () => {
    const io = memoryIO({ tty: true });
    const p = new ProgressPrinter(io, { json: false, quiet: false, tty: true });
    p.event(EVENTS[1]!);
    p.close();
    expect(io.out()).toMatch(/\[step 0\] baseline evaluation \(train\) \|.*\| 1\/2 tasks/);
  });

  it("--json writes each event as one JSON line; --quiet writes nothing", () => {
    const json = memoryIO();
    const p = new ProgressPrinter(json, { json: true, quiet: false, tty: false });
    EVENTS.forEach((e) => p.event(e));
    expect(json.out().trim().split("\n").map((l) => JSON.parse(l))).toEqual(EVENTS);
    const quiet = memoryIO();
    const q = new ProgressPrinter(quiet, { json: false, quiet: true, tty: false });
    EVENTS.forEach((e) => q.event(e));
    q.info("x");
    expect(quiet.out()).toBe("");
  });
});

describe("option parsers", () => {
  it("integers with a minimum", () => {
    expect(integerOption(1)("3")).toBe(3);
    expect(() => integerOption(1)("0")).toThrow(InvalidArgumentError);
    expect(() => integerOption(0)("1.5")).toThrow(/expected an integer, got "1.5"/);
  });
  it("model specs", () => {
    expect(modelSpecOption("openai:gpt-4o")).toBe("openai:gpt-4o");
    expect(modelSpecOption('{"baseURL":"http://h/v1","model":"m"}')).toEqual({ baseURL: "http://h/v1", model: "m" });
    expect(modelSpecOption("anthropic:claude-sonnet-4-5")).toBe("anthropic:claude-sonnet-4-5");
    expect(modelSpecOption("openai-compatible:m@http://127.0.0.1:8000/v1")).toBe("openai-compatible:m@http://127.0.0.1:8000/v1");
    expect(modelSpecOption('{"provider":"anthropic","model":"c"}')).toEqual({ provider: "anthropic", model: "c" });
    expect(() => modelSpecOption("gpt-4o")).toThrow(/expected "<provider>:<model>"/);
    expect(() => modelSpecOption("claude:opus")).toThrow(/got "claude:opus"/);
    expect(() => modelSpecOption('{"model":"m"}')).toThrow(/baseURL/);
  });
  it("budgets in tokens or dollars", () => {
    expect(budgetOption("200000")).toEqual({ maxTokens: 200000 });
    expect(budgetOption("$2.50")).toEqual({ maxCostUsd: 2.5 });
    expect(budgetOption("3usd")).toEqual({ maxCostUsd: 3 });
    expect(() => budgetOption("lots")).toThrow(/token count/);
  });
});

describe("config redaction", () => {
  const config = { model: { baseURL: "http://h/v1", model: "m", apiKey: "sk-secret" }, optimizerModel: "openai:gpt-4o" } as unknown as TrainConfig;
  it("never stores API keys, and takes an inline key back only for its own endpoint", () => {
    const stored = redactConfig(config);
    expect(JSON.stringify(stored)).not.toContain("sk-secret");
    expect(unredactConfig(stored, { TOOLFORGE_MODEL_API_KEY: "sk-local" }).model).toEqual({ baseURL: "http://h/v1", model: "m", apiKey: "sk-local" });
    // OPENAI_API_KEY is meant for OpenAI: it never stands in for a custom endpoint's key.
    expect(() => unredactConfig(stored, { OPENAI_API_KEY: "sk-openai" })).toThrow(CliUsageError);
    expect(() => unredactConfig(stored, { OPENAI_API_KEY: "sk-openai" })).toThrow(/inline apiKey.*set TOOLFORGE_MODEL_API_KEY to the key for http:\/\/h\/v1/);
    try {
      unredactConfig(stored, {});
    } catch (e) {
      expect((e as CliUsageError).code).toBe("E_CLI_API_KEY");
    }
  });

  it("lets the optimizer share the agent's key only when both use the same endpoint", () => {
    const spec = (baseURL: string) => ({ baseURL, model: "m", apiKey: "sk-secret" });
    const same = redactConfig({ model: spec("http://h/v1"), optimizerModel: spec("http://h/v1") } as unknown as TrainConfig);
    expect(unredactConfig(same, { TOOLFORGE_MODEL_API_KEY: "k1" }).optimizerModel).toEqual({ baseURL: "http://h/v1", model: "m", apiKey: "k1" });
    const other = redactConfig({ model: spec("http://h/v1"), optimizerModel: spec("http://other/v1") } as unknown as TrainConfig);
    expect(() => unredactConfig(other, { TOOLFORGE_MODEL_API_KEY: "k1" })).toThrow(/TOOLFORGE_OPTIMIZER_API_KEY to the key for http:\/\/other\/v1/);
    expect(unredactConfig(other, { TOOLFORGE_MODEL_API_KEY: "k1", TOOLFORGE_OPTIMIZER_API_KEY: "k2" }).optimizerModel).toMatchObject({ apiKey: "k2" });
  });

  it("masks a checkpointer password and takes it back from the flag or TOOLFORGE_CHECKPOINTER", () => {
    const stored = redactConfig({ ...config, checkpointer: "postgres://me:pw@db:5432/runs" });
    expect(stored.checkpointer).toBe("postgres://me:***@db:5432/runs");
    expect(JSON.stringify(stored)).not.toContain("pw@");
    const env = { TOOLFORGE_MODEL_API_KEY: "k" };
    expect(unredactConfig(stored, env, "postgres://me:pw@db:5432/runs").checkpointer).toBe("postgres://me:pw@db:5432/runs");
    expect(unredactConfig(stored, { ...env, TOOLFORGE_CHECKPOINTER: "postgres://me:env@db/runs" }).checkpointer).toBe("postgres://me:env@db/runs");
    expect(() => unredactConfig(stored, env)).toThrow(/masked password; pass --checkpointer/);
    // Nothing secret, nothing to ask for.
    expect(unredactConfig(redactConfig({ ...config, checkpointer: "sqlite:runs/a.sqlite" }), env).checkpointer).toBe("sqlite:runs/a.sqlite");
  });
});

describe("toolsetModuleSource", () => {
  it("exports tools, a named export per usable function name, and close()", () => {
    const fn = (name: string) => ({ name, description: "d", parameters: { type: "object" as const, properties: {} }, code: `function ${name}() { return 1; }`, packages: [] });
    const src = toolsetModuleSource({ format: "toolforge.toolset", version: 1, functions: [fn("calc"), fn("delete"), fn("sum_it")] }, { importFrom: "toolforge" });
    expect(src).toContain('import { Toolset, createSandbox, type ToolsetFile } from "toolforge";');
    expect(src).toContain("export const calc: DynamicStructuredTool = tools[0]!;");
    expect(src).toContain("export const sum_it: DynamicStructuredTool = tools[2]!;");
    expect(src).not.toContain("export const delete"); // reserved word: only via `tools`
    expect(src).toContain("export async function close()");
  });
});

describe("formatStepTable", () => {
  it("shows losses, outcome and actions per step", () => {
    const table = formatStepTable([
      { step: 0, trainLoss: 0.75, validationLoss: 0.5, accepted: true, actions: [], rejected: [], toolsetHash: "h0" },
      { step: 1, trainLoss: 0.8, accepted: false, actions: [{ action: "add_function", name: "f" }], rejected: [{ action: "remove_function", name: "g", code: "missing", reason: "r" }], toolsetHash: "h1" },
    ]);
    const lines = table.split("\n");
    expect(lines[0]).toMatch(/^step\s+train loss\s+validation loss\s+outcome\s+fn calls ok\s+complexity\s+actions$/);
    expect(lines[2]).toMatch(/^0\s+0\.750\s+0\.500\s+baseline\s+-\s+–\s+-$/);
    expect(lines[3]).toMatch(/^1\s+0\.800\s+-\s+rolled back\s+-\s+–\s+add_function f; rejected remove_function g \(missing\)$/);
  });
});
