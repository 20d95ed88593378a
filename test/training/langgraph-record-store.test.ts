import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InMemoryStore, MemorySaver, StateGraph } from "@langchain/langgraph";
import { afterAll, describe, expect, it } from "vitest";
import { addTrainingNodes, createTrainingNodes, LangGraphRecordStore, RunDirectory, TrainingState, type EvaluationRef } from "../../src/training/index.js";
import { makeTasks, record, scriptedEvaluator, scriptedOptimizer } from "./helpers.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const ref = (thread: string): EvaluationRef => ({ thread, phase: "candidate", step: 1, toolset: "ab12" });

describe("LangGraphRecordStore", () => {
  it("keeps thread ids apart under labels a PostgresStore accepts (no . _ % \\ or :)", async () => {
    const records = new LangGraphRecordStore(new InMemoryStore());
    const threads = ["run_1", "run.1", "run:1", "run%1", "run\\1", "run~005f1", "run-1"];
    const [task] = makeTasks(1);
    for (const [i, thread] of threads.entries()) await records.put(ref(thread), 0, record(task!, i / 10));
    for (const [i, thread] of threads.entries()) {
      const label = LangGraphRecordStore.namespace(ref(thread))[2]!;
      expect(label).not.toMatch(/[._%\\:]/);
      expect([...(await records.get(ref(thread))).values()].map((r) => r.score)).toEqual([i / 10]);
    }
    expect(new Set(threads.map((t) => LangGraphRecordStore.namespace(ref(t))[2])).size).toBe(threads.length);
    expect(LangGraphRecordStore.namespace(ref("0b6e-uuid-like"))[2]).toBe("0b6e-uuid-like");
  });

  it("reads back every record of a large evaluation (past one search page), and only that evaluation's", async () => {
    const store = new InMemoryStore();
    const records = new LangGraphRecordStore(store);
    const [task] = makeTasks(1);
    for (let i = 0; i < 1001; i++) await records.put(ref("big"), i, record(task!, 1));
    await records.put({ ...ref("big"), step: 2 }, 0, record(task!, 0));
    // Something else stored under the evaluation's namespace is not a record of it.
    await store.put([...LangGraphRecordStore.namespace(ref("big")), "notes"], "5000", { note: "mine" });
    const got = await records.get(ref("big"));
    expect(got.size).toBe(1001);
    expect([...got.keys()].sort((a, b) => a - b).at(-1)).toBe(1000);
    expect([...got.values()].every((r) => r.score === 1)).toBe(true);
  });

  it("files records of a run without a thread id under \"-\"", async () => {
    const records = new LangGraphRecordStore(new InMemoryStore());
    expect(LangGraphRecordStore.namespace(ref(""))).toEqual(["toolforge", "records", "-", "candidate-1-ab12"]);
    const [task] = makeTasks(1);
    await records.put(ref(""), 0, record(task!, 1));
    expect((await records.get(ref(""))).size).toBe(1);
  });

  it("a graph run with a LangGraph store (a server's) keeps records there, not in the run directory", async () => {
    const runDir = mkdtempSync(join(tmpdir(), "toolforge-lgrs-"));
    dirs.push(runDir);
    const store = new InMemoryStore();
    const { evaluateTask } = scriptedEvaluator([0.5, 0.75]);
    const nodes = createTrainingNodes({ train: makeTasks(4), evaluateTask, optimizeStep: scriptedOptimizer().optimizeStep, maxSteps: 1, runDir });
    const graph = addTrainingNodes(new StateGraph(TrainingState), nodes).compile({ checkpointer: new MemorySaver(), store });
    await graph.invoke({}, { configurable: { thread_id: "served_1" } });
    expect(existsSync(new RunDirectory(runDir).records)).toBe(false);
    const namespaces = await store.listNamespaces({ prefix: ["toolforge", "records"] });
    expect(namespaces.map((n) => n[3]!.split("-")[0]).sort()).toEqual(["baseline", "candidate"]);
    expect(namespaces.every((n) => n[2] === "served~005f1")).toBe(true);
  });
});
