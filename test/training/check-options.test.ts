import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";
import { sandboxesOpened } from "../helpers/count-sandboxes.js";
import { runTsChild } from "../helpers/run-ts-child.js";
import { TrainingError, trainAgent, type TrainAgentOptions } from "../../src/training/index.js";
import { checkTrainingOptions } from "../../src/training/check-options.js";
import { makeTasks } from "./helpers.js";

vi.mock("../../src/sandbox/index.js", async (original) => (await import("../helpers/count-sandboxes.js")).countSandboxes(await original()));

const CHILD = fileURLToPath(new URL("./fixtures/bad-checkpointer-child.ts", import.meta.url));

// Models are never reached: every case must fail before anything is opened.
const unreachable = { baseURL: "http://127.0.0.1:9/v1", model: "m", apiKey: "k", maxRetries: 0 };
const options = (extra: Partial<TrainAgentOptions> = {}): TrainAgentOptions => ({
  agent: { kind: "tool-calling", model: unreachable },
  optimizer: { model: unreachable },
  train: makeTasks(2),
  scorer: () => 1,
  ...extra,
});

describe("trainAgent option checks", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it.each([
    ["empty train set", { train: [] }, "E_TRAIN_EMPTY", "train"],
    ["maxSteps as a string", { maxSteps: "5" as never }, "E_TRAIN_OPTIONS", "maxSteps"],
    ["missing optimizer", { optimizer: undefined as never }, "E_TRAIN_OPTIONS", "optimizer"],
    ["negative token budget", { budget: { maxTokens: -5 } }, "E_TRAIN_OPTIONS", "budget.maxTokens"],
    ["a dollar budget no model has a price for", { budget: { maxCostUsd: 1 } }, "E_TRAIN_OPTIONS", "budget.prices"],
    ["a task without an id", { train: [{ question: "q", answer: "1" }] as never }, "E_TRAIN_OPTIONS", "train[0].id"],
    ["two tasks with one id", { train: [...makeTasks(2), { ...makeTasks(1)[0]! }] }, "E_TRAIN_OPTIONS", "train[2].id"],
    ["a validation task id used twice", { validation: [...makeTasks(1), ...makeTasks(1)] }, "E_TRAIN_OPTIONS", "validation[1].id"],
  ])("%s fails at once, naming the option, and writes nothing", async (_label, extra, code, field) => {
    const runDir = join(mkdtempSync(join(tmpdir(), "toolforge-check-")), "run");
    dirs.push(runDir);
    const opened = sandboxesOpened.count;
    const error = await trainAgent(options({ ...(extra as Partial<TrainAgentOptions>), runDir })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingError);
    expect(error).toMatchObject({ code, context: { field } });
    expect((error as Error).message).toContain(field.split(".")[0]);
    expect(existsSync(runDir)).toBe(false);
    expect(sandboxesOpened.count).toBe(opened); // no sandbox was started
  });

  it("rejects a bad initial toolset before training starts, with the toolset error", async () => {
    const bad = { format: "toolforge.toolset", version: 1, functions: [{ name: "f", description: "d", parameters: { type: "object", properties: {} }, code: "function f( {", packages: [] }] };
    await expect(trainAgent(options({ initialToolset: bad as never }))).rejects.toMatchObject({ name: "FunctionSpecError", code: "E_SPEC_CODE_SYNTAX" });
  });

  it("refuses a bad checkpointer spec before anything is written", async () => {
    const runDir = join(mkdtempSync(join(tmpdir(), "toolforge-check-")), "run");
    dirs.push(runDir);
    await expect(trainAgent(options({ checkpointer: "redis://me:pw@x/0", runDir }))).rejects.toMatchObject({ name: "CheckpointerError", code: "E_CHECKPOINTER_SPEC" });
    expect(existsSync(runDir)).toBe(false);
  });

  it("closes its sandbox when the checkpointer cannot be opened, so the process can exit", async () => {
    let timer: NodeJS.Timeout | undefined;
    const result = await runTsChild(CHILD, {}, (child) => {
      // Only a hang guard: a child that never exits is the failure this test looks for.
      timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
    });
    clearTimeout(timer);
    expect(result.stdout.trim()).toBe("E_CHECKPOINTER_CONNECT");
    expect([result.code, result.signal]).toEqual([0, null]);
  });
});

describe("checkTrainingOptions", () => {
  const tasks = makeTasks(2);
  const refusal = (extra: Record<string, unknown>) => {
    try {
      checkTrainingOptions({ train: tasks, ...extra } as never);
    } catch (e) {
      return e;
    }
    return undefined;
  };

  it("accepts the defaults and the smallest allowed counts", () => {
    expect(refusal({})).toBeUndefined();
    expect(refusal({ maxEpochs: 1, maxSteps: 0, patience: 1, batchSize: 1, concurrency: 1, rollback: false, budget: { maxTokens: 0 } })).toBeUndefined();
    expect(refusal({ validation: makeTasks(1), rollback: true })).toBeUndefined();
  });

  it("names a count below its minimum or not an integer, with the value", () => {
    for (const [field, value, min] of [
      ["maxEpochs", 0, 1],
      ["maxSteps", -1, 0],
      ["patience", 0, 1],
      ["batchSize", 0, 1],
      ["concurrency", 0, 1],
      ["concurrency", 1.5, 1],
      ["maxEpochs", "2", 1],
    ] as const) {
      expect(refusal({ [field]: value })).toMatchObject({
        name: "TrainingError",
        code: "E_TRAIN_OPTIONS",
        message: `${field}: expected an integer ≥ ${min}, got ${JSON.stringify(value)}`,
        context: { field, value },
      });
    }
  });

  it("names a training set that is not a list, a rollback that is not a boolean, and a bad budget", () => {
    expect(refusal({ train: "gsm8k" })).toMatchObject({ code: "E_TRAIN_OPTIONS", message: "train: expected Task[] or a dataset with tasks", context: { field: "train" } });
    expect(refusal({ rollback: "yes" })).toMatchObject({ code: "E_TRAIN_OPTIONS", message: 'rollback: expected true or false, got "yes"', context: { field: "rollback", value: "yes" } });
    expect(refusal({ budget: { maxTokens: "5" } })).toMatchObject({ message: 'budget.maxTokens: expected a number ≥ 0, got "5"', context: { field: "budget.maxTokens", value: "5" } });
    expect(refusal({ budget: { maxCostUsd: -1, prices: { m: { inputPerMTok: 1, outputPerMTok: 1 } } }, modelNames: { agent: "m" } })).toMatchObject({
      context: { field: "budget.maxCostUsd", value: -1 },
    });
  });

  it("names duplicate or missing validation ids", () => {
    const [a] = makeTasks(1);
    expect(refusal({ validation: [a, { ...a }] })).toMatchObject({
      message: `validation[1].id: "${a!.id}" is also the id of validation[0]; task ids must be unique`,
      context: { field: "validation[1].id" },
    });
    expect(refusal({ validation: [a, { ...a, id: 5 }] })).toMatchObject({ message: "validation[1].id: expected a non-empty string, got 5" });
    expect(refusal({ train: [a, null] })).toMatchObject({ message: "train[1].id: expected a non-empty string, got undefined" });
    expect(refusal({ train: [{ ...a, id: "" }] })).toMatchObject({ code: "E_TRAIN_OPTIONS", message: 'train[0].id: expected a non-empty string, got ""', context: { field: "train[0].id" } });
  });

  it("accepts a dollar budget when either model has a price, and names the models when neither has", () => {
    const prices = { "gpt-4o": { inputPerMTok: 2.5, outputPerMTok: 10 } };
    expect(refusal({ budget: { maxCostUsd: 1, prices }, modelNames: { agent: "openai:gpt-4o", optimizer: "other" } })).toBeUndefined();
    expect(refusal({ budget: { maxCostUsd: 1, prices }, modelNames: { agent: "other", optimizer: "gpt-4o" } })).toBeUndefined();
    expect(refusal({ budget: { maxCostUsd: 1, prices }, modelNames: { agent: "a", optimizer: "b" } })).toMatchObject({
      message: expect.stringMatching(/^budget\.maxCostUsd: budget\.prices has no price for the models in use \("a", "b"\), so the cost cannot be computed/),
      context: { field: "budget.prices" },
    });
    expect(refusal({ budget: { maxCostUsd: 1, prices }, modelNames: { optimizer: "b" } })).toMatchObject({ message: expect.stringContaining('the models in use ("b")') });
    expect(refusal({ budget: { maxCostUsd: 1, prices } })).toMatchObject({ message: expect.stringContaining("any model (their names are unknown)") });
    // A token budget needs no price.
    expect(refusal({ budget: { maxTokens: 10 } })).toBeUndefined();
  });
});
