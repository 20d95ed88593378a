import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createCheckpointer } from "../../src/checkpoint/index.js";
import { createTrainingGraph } from "../../src/training/index.js";
import { makeTasks, scriptedEvaluator, scriptedOptimizer } from "./helpers.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/**
 * Trains 3 steps over `n` tasks against a run directory and returns the bytes
 * each checkpoint (`put`, one per superstep) and each pending-write batch
 * (`putWrites`) serialised, as the SQLite saver stores them.
 */
async function checkpointBytes(n: number): Promise<{ puts: number[]; writes: number[] }> {
  const runDir = mkdtempSync(join(tmpdir(), "toolforge-ckpt-size-"));
  dirs.push(runDir);
  const opened = await createCheckpointer(undefined, { runDir });
  const saver = opened.checkpointer;
  const puts: number[] = [];
  const writes: number[] = [];
  const size = async (value: unknown) => (await saver.serde.dumpsTyped(value))[1].length;
  const put = saver.put.bind(saver);
  const putWrites = saver.putWrites.bind(saver);
  saver.put = async (config, checkpoint, metadata, versions) => {
    puts.push((await size(checkpoint)) + (await size(metadata)));
    return put(config, checkpoint, metadata, versions);
  };
  saver.putWrites = async (config, pending, taskId) => {
    let bytes = 0;
    for (const [, value] of pending) bytes += await size(value);
    writes.push(bytes);
    return putWrites(config, pending, taskId);
  };
  try {
    const train = makeTasks(n).map((t) => ({ ...t, meta: { total: n } }));
    // Records carry transcripts, as real ones do: what makes state grow with N.
    const evaluator = scriptedEvaluator([0.2, 0.4, 0.3, 0.6]);
    const evaluateTask: typeof evaluator.evaluateTask = async (input) => ({
      ...(await evaluator.evaluateTask(input)),
      messages: [{ type: "human", data: { content: "x".repeat(400) } } as never],
    });
    const graph = createTrainingGraph({ train, evaluateTask, optimizeStep: scriptedOptimizer().optimizeStep, maxSteps: 3, runDir, checkpointer: saver });
    const state = await graph.invoke({}, { configurable: { thread_id: `n${n}` } });
    expect(state.history.map((s) => s.accepted)).toEqual([true, true, false, true]);
    return { puts, writes };
  } finally {
    await opened.close();
  }
}

describe("checkpoint size does not grow with the training set", () => {
  it("writes (nearly) the same bytes per superstep for 20 and 200 tasks", async () => {
    const small = await checkpointBytes(20);
    const large = await checkpointBytes(200);
    // Same graph, same number of supersteps: only the task count differs.
    expect(large.puts.length).toBe(small.puts.length);
    const max = (xs: number[]) => Math.max(...xs);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(
      `checkpoint bytes per superstep: N=20 mean ${mean(small.puts).toFixed(0)} max ${max(small.puts)}; N=200 mean ${mean(large.puts).toFixed(0)} max ${max(large.puts)}; ` +
        `largest pending-write batch: N=20 ${max(small.writes)}, N=200 ${max(large.writes)}`,
    );
    // Ten times the tasks: at most 10 % more bytes in any checkpoint, and in the largest write batch.
    expect(max(large.puts)).toBeLessThanOrEqual(max(small.puts) * 1.1);
    expect(mean(large.puts)).toBeLessThanOrEqual(mean(small.puts) * 1.1);
    expect(max(large.writes)).toBeLessThanOrEqual(max(small.writes) * 1.1);
  });
});
