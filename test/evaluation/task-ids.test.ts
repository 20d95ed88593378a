import { describe, expect, it } from "vitest";
import { EvaluationConfigError, checkUniqueTaskIds, evaluate } from "../../src/evaluation/index.js";
import type { Task } from "../../src/evaluation/types.js";

const task = (id: unknown): Task => ({ id, question: "q", answer: "1" }) as Task;

describe("checkUniqueTaskIds", () => {
  it("accepts distinct ids", () => {
    expect(() => checkUniqueTaskIds([task("a"), task("b")])).not.toThrow();
  });

  it("names the duplicate and its first use", () => {
    expect(() => checkUniqueTaskIds([task("a"), task("b"), task("a")], "test")).toThrow('test[2].id: "a" is also the id of test[0]; task ids must be unique');
  });

  it("names a missing or empty id", () => {
    const error = (() => {
      try {
        checkUniqueTaskIds([task("a"), task("")]);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(EvaluationConfigError);
    expect(error).toMatchObject({ code: "E_EVAL_CONFIG", context: { option: "tasks[1].id" } });
  });

  it("says what the id was instead of a string", () => {
    expect(() => checkUniqueTaskIds([task(5)], "train")).toThrow("train[0].id: expected a non-empty string, got 5");
    expect(() => checkUniqueTaskIds([task("a"), task(undefined)])).toThrow("tasks[1].id: expected a non-empty string, got undefined");
    expect(() => checkUniqueTaskIds([task("")])).toThrow('tasks[0].id: expected a non-empty string, got ""');
  });

  it("names a row that is not a task at all", () => {
    // A dataset file with a `null` row: a typed error naming it, not a TypeError.
    expect(() => checkUniqueTaskIds([task("a"), null as unknown as Task], "test")).toThrow(EvaluationConfigError);
    expect(() => checkUniqueTaskIds([task("a"), null as unknown as Task], "test")).toThrow("test[1].id: expected a non-empty string, got undefined");
  });

  it("names the first use of an id repeated later", () => {
    expect(() => checkUniqueTaskIds([task("a"), task("b"), task("c"), task("b")])).toThrow('tasks[3].id: "b" is also the id of tasks[1]');
    expect(() => checkUniqueTaskIds([task("a"), task("a")])).toThrow(expect.objectContaining({ code: "E_EVAL_CONFIG", context: { option: "tasks[1].id" } }));
  });

  it("evaluate refuses duplicate ids before running anything", async () => {
    let ran = 0;
    const agent = () => {
      ran++;
      throw new Error("must not be built");
    };
    await expect(evaluate({ agent: agent as never, tasks: [task("x"), task("x")], scorer: () => 1 })).rejects.toThrow(/tasks\[1\]\.id: "x" is also the id of tasks\[0\]/);
    expect(ran).toBe(0);
  });
});
