import { existsSync } from "node:fs";
import { join } from "node:path";
import { MemorySaver } from "@langchain/langgraph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ToolforgeError } from "../../src/errors.js";
import { InfrastructureFailureError } from "../../src/evaluation/errors.js";
import { Toolset } from "../../src/functions/toolset.js";
import { OptimizerError } from "../../src/optimizer/errors.js";
import { createSandbox } from "../../src/sandbox/index.js";
import { startScriptedServer, type ScriptedRequest, type ScriptedServer } from "../../src/testing/index.js";
import {
  checkTrainAgentOptions,
  MemoryRecordStore,
  resumeTraining,
  RunDirectory,
  RunLock,
  TrainingError,
  trainAgent,
  type TrainAgentOptions,
  type TrainingEvent,
} from "../../src/training/index.js";
import { tempDirs } from "../helpers/temp-dirs.js";
import { respond, TASKS } from "./fixtures/scripted-run.js";

// trainAgent's wiring (options, run directory, thread ids, locks, stops and
// provider failures) in short scripted runs: two tasks, at most one
// optimizer step, against the scripted OpenAI-compatible server on loopback.
// The longer end-to-end runs are in train-agent.test.ts.

const TWO = TASKS.slice(0, 2);
const exact = (prediction: string, task: { answer: string }) => (prediction.trim() === task.answer ? 1 : 0);

describe("trainAgent wiring", () => {
  let server: ScriptedServer;
  /** Requests the provider answers with HTTP 500. */
  let down: (req: ScriptedRequest) => boolean = () => false;
  const tempDir = tempDirs("toolforge-train-wiring-");

  const model = (name: string) => ({ baseURL: server.baseURL, model: name, apiKey: "test", maxRetries: 0 });
  const options = (extra: Partial<TrainAgentOptions> = {}): TrainAgentOptions => ({
    agent: { kind: "tool-calling", model: model("agent"), codeInterpreter: false },
    optimizer: { model: model("optimizer"), maxActions: 1 },
    train: TWO,
    scorer: exact,
    maxSteps: 1,
    taskRetries: 0,
    ...extra,
  });

  beforeAll(async () => {
    server = await startScriptedServer({ respond: (req) => (down(req) ? { status: 500, content: "provider down" } : respond(req)) });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("without a run directory: a fresh thread id, the learned set with its provenance, no cost without prices", async () => {
    const events: TrainingEvent[] = [];
    const result = await trainAgent(options({ onEvent: (e) => events.push(e) }));
    expect(result.threadId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result).not.toHaveProperty("runDir");
    expect(result.stopReason).toBe("max_steps");
    expect(result.steps.map((s) => [s.step, s.accepted, s.trainLoss])).toEqual([[0, true, 1], [1, true, 0]]);
    expect(result.bestTrainLoss).toBe(0);
    expect(result).not.toHaveProperty("bestValidationLoss");
    expect(result.toolset.functions.map((f) => f.name)).toEqual(["twice_number"]);
    expect(result.toolset.metadata).toMatchObject({ runId: result.threadId, stopReason: "max_steps", step: 1, models: { agent: "agent", optimizer: "optimizer" }, dataset: { train: "tasks", trainSize: 2 } });
    expect(result.usage).not.toHaveProperty("costUsd");
    expect(result.usage.agent.totalTokens).toBeGreaterThan(0);
    expect(events[0]).toMatchObject({ type: "run_start", runId: result.threadId, trainSize: 2 });
    expect(events.at(-1)).toMatchObject({ type: "run_end", reason: "max_steps" });
  });

  it("names a dataset in the provenance, scores validation with the dataset's scorer, and prices usage", async () => {
    const train = { name: "fixture:twice", tasks: TWO, scorer: exact };
    const validation = { tasks: TASKS.slice(2, 4) };
    const result = await trainAgent(
      options({ scorer: undefined, train, validation, budget: { prices: { agent: { inputPerMTok: 1, outputPerMTok: 2 } } }, threadId: "named-thread" }),
    );
    expect(result.threadId).toBe("named-thread");
    expect(result.bestValidationLoss).toBe(0);
    expect(result.toolset.metadata).toMatchObject({ dataset: { train: "fixture:twice", validation: "tasks", trainSize: 2, validationSize: 2 }, validationLoss: 0 });
    const agent = result.usage.agent;
    expect(result.usage.costUsd).toBeCloseTo((agent.inputTokens * 1 + agent.outputTokens * 2) / 1e6, 12);
  });

  it("with a run directory and a store of the caller's, keeps records only in that store", async () => {
    const runDir = tempDir();
    const records = new MemoryRecordStore();
    const result = await trainAgent(options({ runDir, records, maxSteps: 0 }));
    expect((await records.get({ thread: result.threadId, phase: "baseline", step: 0, toolset: Toolset.empty().hash })).size).toBe(2);
    expect(existsSync(join(runDir, "records.sqlite"))).toBe(false);
  });

  it("keeps records in the store it is given, and checkpoints in the saver it is given", async () => {
    const records = new MemoryRecordStore();
    const saver = new MemorySaver();
    const result = await trainAgent(options({ records, checkpointer: saver, threadId: "stores" }));
    const baseline = await records.get({ thread: "stores", phase: "baseline", step: 0, toolset: Toolset.empty().hash });
    expect([...baseline.values()].map((r) => r.taskId).sort()).toEqual(["twice-0", "twice-1"]);
    expect(await saver.getTuple({ configurable: { thread_id: "stores" } })).toBeDefined();
    // Called again on the finished thread: the stored result, no model call.
    const seen = server.requests.length;
    const again = await trainAgent(options({ records, checkpointer: saver, threadId: "stores" }));
    expect(server.requests.length).toBe(seen);
    expect(again.toolset.hash).toBe(result.toolset.hash);
    expect(again.steps).toEqual(result.steps);
  });

  it("passes the loop options through: maxEpochs stops after the first improvement", async () => {
    const result = await trainAgent(options({ maxSteps: 5, maxEpochs: 1, patience: 3, rollback: true, batchSize: 1, seed: 3, concurrency: 1 }));
    expect(result.stopReason).toBe("max_epochs");
    expect(result.steps).toHaveLength(2);
  });

  it("starts from an initial toolset given as a Toolset", async () => {
    const initial = Toolset.empty().add({ name: "noop", description: "d", parameters: { type: "object", properties: {} }, code: "function noop() { return 0; }", packages: [] });
    const result = await trainAgent(options({ initialToolset: initial, maxSteps: 0 }));
    expect(result.toolset.functions.map((f) => f.name)).toEqual(["noop"]);
    expect(result.stopReason).toBe("max_steps");
  });

  describe("with a run directory", () => {
    it("writes run.json with the thread id, resumes by it, and keeps a caller's lock held", async () => {
      const runDir = tempDir();
      const lock = RunLock.acquire(runDir, { command: "caller" });
      try {
        const result = await trainAgent(options({ runDir, runLock: lock }));
        expect(result.runDir).toBe(runDir);
        expect(lock.held).toBe(true);
        expect(RunLock.holder(runDir)?.nonce).toBe(lock.holder.nonce);
        const dir = new RunDirectory(runDir);
        expect(dir.readInfo()?.threadId).toBe(result.threadId);
        expect((await Toolset.load(dir.best)).hash).toBe(result.toolset.hash);
        expect(existsSync(join(runDir, "checkpoints.sqlite"))).toBe(true);
        expect(existsSync(join(runDir, "records.sqlite"))).toBe(true);
        const info = dir.readInfo();
        const seen = server.requests.length;
        const resumed = await resumeTraining({ ...options({ runLock: lock }), runDir });
        expect(resumed.threadId).toBe(result.threadId);
        expect(server.requests.length).toBe(seen);
        // Resuming keeps run.json as the first run wrote it.
        expect(dir.readInfo()).toEqual(info);
      } finally {
        lock.release();
      }
      // A run that takes the lock itself holds it as "trainAgent" and releases it.
      const holders: (string | undefined)[] = [];
      const other = tempDir();
      await trainAgent(options({ runDir: other, onEvent: () => void holders.push(RunLock.holder(other)?.command) }));
      expect(new Set(holders)).toEqual(new Set(["trainAgent"]));
      expect(RunLock.holder(other)).toBeUndefined();
    });

    it("refuses a caller's lock that is released or of another directory, before writing anything", async () => {
      const runDir = join(tempDir(), "run");
      const elsewhere = tempDir();
      const other = RunLock.acquire(elsewhere);
      try {
        for (const runLock of [other, (() => {
          const l = RunLock.acquire(tempDir());
          l.release();
          return l;
        })()]) {
          const error = await trainAgent(options({ runDir, runLock })).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(TrainingError);
          expect(error).toMatchObject({ code: "E_TRAIN_OPTIONS", context: { field: "runLock" } });
          expect((error as Error).message).toBe(`runLock: not a held lock of ${runDir}`);
        }
      } finally {
        other.release();
      }
      expect(existsSync(join(runDir, "run.json"))).toBe(false);
    });

    it("resumeTraining refuses a directory without run.json unless given a thread id", async () => {
      const runDir = tempDir();
      const error = await resumeTraining({ ...options(), runDir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TrainingError);
      expect(error).toMatchObject({ code: "E_TRAIN_RESUME", context: { runDir } });
      expect((error as Error).message).toBe(`resumeTraining: ${runDir} has no run.json; nothing to resume`);
      const started = await resumeTraining({ ...options({ maxSteps: 0 }), runDir, threadId: "given" });
      expect(started.threadId).toBe("given");
      expect(new RunDirectory(runDir).readInfo()?.threadId).toBe("given");
    });

    it("an abort before the baseline was scored is an error saying to run again", async () => {
      const runDir = tempDir();
      const controller = new AbortController();
      controller.abort();
      const error = await trainAgent(options({ runDir, signal: controller.signal })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TrainingError);
      expect(error).toMatchObject({ code: "E_TRAIN_ABORTED", context: { runDir } });
      expect((error as Error).message).toBe("training was aborted before the initial toolset was evaluated; run again to resume");
      expect(RunLock.holder(runDir)).toBeUndefined();
    });

    it("an abort after the baseline ends the run as aborted, saving the best set and a run_end event", async () => {
      const runDir = tempDir();
      const controller = new AbortController();
      const events: TrainingEvent[] = [];
      const result = await trainAgent(
        options({
          runDir,
          signal: controller.signal,
          onEvent: (e) => {
            events.push(e);
            if (e.type === "step_start") controller.abort();
          },
        }),
      );
      expect(result.stopReason).toBe("aborted");
      expect(result.bestTrainLoss).toBe(1);
      expect(result.toolset.size).toBe(0);
      expect(existsSync(new RunDirectory(runDir).best)).toBe(true);
      expect(events.at(-1)).toEqual({ type: "run_end", bestTrainLoss: 1, steps: 0, reason: "aborted" });
      expect(new RunDirectory(runDir).readEvents().at(-1)).toMatchObject({ type: "run_end", reason: "aborted" });

      // Resumed, it goes on from the saved state: the baseline is neither scored nor recorded again.
      const resumed = await resumeTraining({ ...options(), runDir });
      expect(resumed.threadId).toBe(result.threadId);
      expect(resumed.stopReason).toBe("max_steps");
      expect(resumed.steps.map((s) => [s.step, s.accepted, s.trainLoss])).toEqual([[0, true, 1], [1, true, 0]]);
      expect(resumed.toolset.functions.map((f) => f.name)).toEqual(["twice_number"]);
      // A finished run resumed again returns its result without running anything.
      const seen = server.requests.length;
      const again = await resumeTraining({ ...options(), runDir });
      expect(server.requests.length).toBe(seen);
      expect(again).toMatchObject({ stopReason: "max_steps", bestTrainLoss: 0, threadId: result.threadId });
      expect(again.toolset.hash).toBe(resumed.toolset.hash);
    });
  });

  describe("the optimizer's settings", () => {
    const optimizerRequests = (from: number) => server.requests.slice(from).filter((r) => r.model === "optimizer");
    const promptOf = (req: ScriptedRequest) => req.messages.map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content))).join("\n");

    it("maxActions ends a step after that many applied actions", async () => {
      for (const maxActions of [1, 2]) {
        const seen = server.requests.length;
        await trainAgent(options({ optimizer: { model: model("optimizer"), maxActions } }));
        // The scripted optimizer adds one function, then says TERMINATE when asked again.
        expect(optimizerRequests(seen)).toHaveLength(maxActions);
      }
    });

    it("mode one-step binds only add_function; progressive binds all four actions", async () => {
      const bound = async (mode: "one-step" | "progressive") => {
        const seen = server.requests.length;
        await trainAgent(options({ optimizer: { model: model("optimizer"), maxActions: 1, mode } }));
        return (optimizerRequests(seen)[0]!.tools ?? []).map((t) => t.function.name).sort();
      };
      expect(await bound("one-step")).toEqual(["add_function"]);
      expect(await bound("progressive")).toEqual(["add_function", "remove_function", "revise_function", "terminate"]);
    });

    it("promptTokenBudget limits the optimizer's prompt: a tiny one leaves the failed tasks' transcripts out", async () => {
      const prompt = async (promptTokenBudget?: number) => {
        const seen = server.requests.length;
        await trainAgent(options({ optimizer: { model: model("optimizer"), maxActions: 1, ...(promptTokenBudget ? { promptTokenBudget } : {}) } }));
        return promptOf(optimizerRequests(seen)[0]!);
      };
      const full = await prompt();
      const tiny = await prompt(1);
      expect(full).toContain("What is twice 3?");
      expect(tiny).not.toContain("What is twice 3?");
    });

    it("are checked before anything is written", async () => {
      const runDir = join(tempDir(), "run");
      for (const optimizer of [{ maxActions: 0 }, { promptTokenBudget: -1 }, { mode: "greedy" }]) {
        const error = await trainAgent(options({ runDir, optimizer: { model: model("optimizer"), ...(optimizer as object) } })).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(OptimizerError);
        expect(error).toMatchObject({ code: "E_OPTIMIZER_OPTION", context: { option: Object.keys(optimizer)[0] } });
      }
      expect(existsSync(runDir)).toBe(false);
    });
  });

  it("leaves a sandbox it was given open for its owner", async () => {
    const sandbox = await createSandbox();
    try {
      await trainAgent(options({ sandbox, maxSteps: 0 }));
      expect(await sandbox.runScript({ source: "1 + 1" })).toMatchObject({ ok: true, value: 2 });
    } finally {
      await sandbox.close();
    }
  });

  it("scores validation with the validation dataset's own scorer when no scorer is given", async () => {
    const never = () => 0;
    const result = await trainAgent(
      options({ scorer: undefined, train: { tasks: TWO, scorer: exact }, validation: { name: "fixture:never", tasks: TASKS.slice(2, 4), scorer: never } }),
    );
    expect(result.bestTrainLoss).toBe(0);
    expect(result.bestValidationLoss).toBe(1);
    expect(result.toolset.metadata).toMatchObject({ dataset: { validation: "fixture:never" } });
  });

  it("names a dataset with an empty name 'tasks', and starts from an initial toolset given as its JSON", async () => {
    const initial = Toolset.empty().add({ name: "noop", description: "d", parameters: { type: "object", properties: {} }, code: "function noop() { return 0; }", packages: [] });
    const result = await trainAgent(options({ train: { name: "", tasks: TWO, scorer: exact }, scorer: undefined, initialToolset: initial.toJSON(), maxSteps: 0 }));
    expect(result.toolset.functions.map((f) => f.name)).toEqual(["noop"]);
    expect(result.toolset.metadata).toMatchObject({ dataset: { train: "tasks" } });
  });

  it("a ToolforgeError of the caller's own is passed on as it is, even one with a model-spec code", async () => {
    for (const code of ["E_CALLER", "E_MODEL_SPEC"]) {
      const mine = new ToolforgeError(code, "mine");
      const error = await trainAgent(
        options({
          onEvent: () => {
            throw mine;
          },
        }),
      ).catch((e: unknown) => e);
      expect(error).toBe(mine);
    }
  });

  it("an infrastructure stop quotes the failure without its trailing white space", async () => {
    const error = (await trainAgent(
      options({
        onEvent: () => {
          throw new InfrastructureFailureError("E_INFRASTRUCTURE", "provider gone \n\t");
        },
      }),
    ).catch((e: unknown) => e)) as TrainingError;
    expect(error.code).toBe("E_TRAIN_INFRASTRUCTURE");
    expect(error.message).toContain("nothing was scored for it. provider gone This run had no runDir");
  });

  describe("when the model provider stays down", () => {
    afterAll(() => {
      down = () => false;
    });

    it("with a run directory: stops with E_TRAIN_INFRASTRUCTURE saying how to resume", async () => {
      down = (req) => req.model === "agent";
      const runDir = tempDir();
      const error = await trainAgent(options({ runDir })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TrainingError);
      const e = error as TrainingError;
      expect(e.code).toBe("E_TRAIN_INFRASTRUCTURE");
      expect(e.message).toMatch(/^Training stopped because the model provider failed; nothing was scored for it\. .+\S The run is saved in /s);
      expect(e.message).toContain(`The run is saved in ${runDir}: once the provider is back, run \`toolforge resume ${runDir}\` (or trainAgent with the same runDir); finished tasks and model calls are not redone.`);
      expect(e.context).toMatchObject({ runDir, resumable: true, threadId: new RunDirectory(runDir).readInfo()!.threadId });
      expect(e.cause).toBeInstanceOf(Error);
    });

    it("with a durable checkpointer: names the thread id to resume with", async () => {
      down = (req) => req.model === "agent";
      const file = join(tempDir(), "ck.sqlite");
      const error = (await trainAgent(options({ checkpointer: `sqlite:${file}`, threadId: "durable" })).catch((e: unknown) => e)) as TrainingError;
      expect(error.code).toBe("E_TRAIN_INFRASTRUCTURE");
      expect(error.message).toContain('Once the provider is back, call trainAgent again with the same checkpointer and threadId "durable"; finished tasks');
      expect(error.context).toMatchObject({ resumable: true, threadId: "durable" });
      expect(error.context).not.toHaveProperty("runDir");
    });

    it("in memory: says the run cannot be resumed", async () => {
      down = (req) => req.model === "agent";
      for (const checkpointer of [undefined, "memory"]) {
        const error = (await trainAgent(options({ ...(checkpointer ? { checkpointer } : {}) })).catch((e: unknown) => e)) as TrainingError;
        expect(error.code).toBe("E_TRAIN_INFRASTRUCTURE");
        expect(error.message).toContain("This run had no runDir or durable checkpointer, so it cannot be resumed; pass runDir to make runs resumable; finished tasks");
        expect(error.context).toMatchObject({ resumable: false });
      }
    });

    it("the optimizer's provider failing is an infrastructure stop too", async () => {
      down = (req) => req.model === "optimizer";
      const error = (await trainAgent(options()).catch((e: unknown) => e)) as TrainingError;
      expect(error).toBeInstanceOf(TrainingError);
      expect(error.code).toBe("E_TRAIN_INFRASTRUCTURE");
      expect((error.cause as { code: string }).code).toMatch(/^E_MODEL_/);
    });
  });

  it("an error of the caller's own (an onEvent that throws) is passed on as it is", async () => {
    const boom = new Error("onEvent failed");
    const error = await trainAgent(
      options({
        onEvent: () => {
          throw boom;
        },
      }),
    ).catch((e: unknown) => e);
    expect(error).toBe(boom);
  });
});

describe("checkTrainAgentOptions", () => {
  const base = { agent: { kind: "tool-calling" as const, model: "openai:gpt-4o-mini" }, optimizer: { model: "openai:gpt-4o" }, train: TWO, scorer: exact };
  const failure = (options: unknown) => {
    try {
      checkTrainAgentOptions(options as TrainAgentOptions);
    } catch (error) {
      return error as TrainingError;
    }
    throw new Error("expected the options to be refused");
  };

  it.each([
    ["agent", { agent: null }, "agent: required, got null"],
    ["agent", { agent: "openai:x" }, "agent: required, got string"],
    ["optimizer", { optimizer: undefined }, "optimizer: required, got undefined"],
    ["train", { train: { name: "x" } }, "train: expected Task[] or a dataset with tasks"],
    ["train", { train: null }, "train: expected Task[] or a dataset with tasks"],
    ["validation", { validation: { tasks: "no" } }, "validation: expected Task[] or a dataset with tasks"],
    ["scorer", { scorer: undefined }, "scorer: pass { scorer } or a dataset with a scorer as train"],
    ["scorer", { scorer: "exact" }, "scorer: pass { scorer } or a dataset with a scorer as train"],
    ["scorer", { scorer: undefined, train: { tasks: TWO, scorer: exact }, validation: { tasks: TASKS.slice(2, 4), scorer: "exact" } }, "scorer: pass { scorer } or a dataset with a scorer as validation"],
  ])("names %s: %j", (field, extra, message) => {
    const error = failure({ ...base, ...extra });
    expect(error).toBeInstanceOf(TrainingError);
    expect(error).toMatchObject({ code: "E_TRAIN_OPTIONS", context: { field } });
    expect(error.message).toBe(message);
  });

  it("accepts a factory agent and a dataset's scorer, and names the models it can", () => {
    const scorer = () => 1;
    const checked = checkTrainAgentOptions({ ...base, agent: () => ({}) as never, scorer: undefined, train: { tasks: TWO, scorer } });
    expect(checked.trainScorer).toBe(scorer);
    expect(checked.validationScorer).toBe(scorer);
    expect(checked.validation).toEqual([]);
    expect(checked.names).toEqual({ optimizer: "openai:gpt-4o" });
    expect(Object.keys(checked.names)).toEqual(["optimizer"]);
    expect(checked.initial).toEqual(Toolset.empty().toJSON());
    expect(checked.policy).toBeUndefined();
  });

  it("names the models of specs and of model instances that say their model", () => {
    const instance = { invoke: async () => ({}), model: "gpt-x" };
    expect(checkTrainAgentOptions({ ...base, agent: { kind: "react", model: { model: "llama3.1", baseURL: "http://127.0.0.1:1/v1" } }, optimizer: { model: instance as never } }).names).toEqual({
      agent: "llama3.1",
      optimizer: "gpt-x",
    });
    const anonymous = { invoke: async () => ({}), model: 7 };
    expect(Object.keys(checkTrainAgentOptions({ ...base, optimizer: { model: anonymous as never } }).names)).toEqual(["agent"]);
  });

  it("scores a validation dataset by its own scorer unless a scorer is given, else by the training one", () => {
    const own = () => 1;
    const trainOwn = () => 0;
    const validation = { tasks: TASKS.slice(2, 4), scorer: own };
    expect(checkTrainAgentOptions({ ...base, scorer: undefined, train: { tasks: TWO, scorer: trainOwn }, validation }).validationScorer).toBe(own);
    expect(checkTrainAgentOptions({ ...base, validation }).validationScorer).toBe(exact);
    expect(checkTrainAgentOptions({ ...base, scorer: undefined, train: { tasks: TWO, scorer: trainOwn }, validation: TASKS.slice(2, 4) }).validationScorer).toBe(trainOwn);
  });

  it("takes the validation tasks, and the given scorer for both sets", () => {
    const checked = checkTrainAgentOptions({ ...base, validation: TASKS.slice(2) });
    expect(checked.validation).toEqual(TASKS.slice(2));
    expect(checked.trainScorer).toBe(exact);
    expect(checked.validationScorer).toBe(exact);
  });

  it("refuses an initial function that needs a capability the run does not grant", () => {
    const initial = Toolset.empty().add({ name: "fetch_it", description: "d", parameters: { type: "object", properties: {} }, code: "function fetch_it() { return 1; }", packages: [], capabilities: ["fetch"] });
    expect(() => checkTrainAgentOptions({ ...base, initialToolset: initial.toJSON() })).toThrow(expect.objectContaining({ code: "E_POLICY_MISSING" }));
    expect(() => checkTrainAgentOptions({ ...base, initialToolset: initial.toJSON(), capabilities: {} })).toThrow(/initialToolset.*fetch_it/);
    expect(checkTrainAgentOptions({ ...base, capabilities: {} }).policy?.granted.size).toBe(0);
  });
});
