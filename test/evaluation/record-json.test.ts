import { describe, expect, it } from "vitest";
import { RecordFormatError, recordFromJSON, recordToJSON, type ExecutionRecord } from "../../src/evaluation/index.js";
import { thrown } from "../helpers/thrown.js";

const valid: ExecutionRecord = {
  taskId: "t-1",
  question: "q",
  gold: "42",
  messages: [],
  functionCalls: [],
  finalAnswer: "42",
  score: 1,
  usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
  latencyMs: 10,
};

function formatError(value: unknown): RecordFormatError {
  const error = thrown(() => recordFromJSON(value));
  expect(error).toBeInstanceOf(RecordFormatError);
  return error as RecordFormatError;
}

describe("recordFromJSON", () => {
  it("accepts a record, with or without a final answer", () => {
    expect(recordFromJSON(valid)).toEqual(valid);
    expect(recordFromJSON({ ...valid, finalAnswer: null }).finalAnswer).toBeNull();
  });

  it("refuses what is not an object", () => {
    for (const value of [null, "record", 3, undefined]) {
      expect(formatError(value)).toMatchObject({ code: "E_RECORD_FORMAT", message: "execution record must be a JSON object", context: { field: "(root)" } });
    }
  });

  it.each([
    ["taskId", 7, "a string"],
    ["question", undefined, "a string"],
    ["gold", null, "a string"],
    ["messages", {}, "an array"],
    ["functionCalls", "[]", "an array"],
    ["score", "1", "a number"],
    ["usage", null, "an object"],
    ["usage", 5, "an object"],
    ["latencyMs", undefined, "a number"],
  ] as const)("names a bad %s (%j) and the task", (field, value, expected) => {
    const error = formatError({ ...valid, [field]: value });
    expect(error.code).toBe("E_RECORD_FORMAT");
    expect(error.message).toBe(`execution record field "${field}" must be ${expected}`);
    expect(error.context).toEqual({ field, taskId: field === "taskId" ? 7 : "t-1" });
  });

  it("requires the final answer to be text or null", () => {
    for (const finalAnswer of [undefined, 42]) {
      expect(formatError({ ...valid, finalAnswer })).toMatchObject({ code: "E_RECORD_FORMAT", message: 'execution record field "finalAnswer" must be a string or null', context: { field: "finalAnswer" } });
    }
  });

  it("reads back what recordToJSON wrote, without undefined fields", () => {
    const written = recordToJSON({ ...valid, feedback: undefined });
    expect("feedback" in written).toBe(false);
    expect(recordFromJSON(JSON.parse(JSON.stringify(written)))).toEqual(valid);
  });
});
