import { describe, expect, it } from "vitest";
import type { FunctionCallRecord } from "../../src/evaluation/types.js";
import { Toolset } from "../../src/functions/toolset.js";
import { successfulLearnedCalls } from "../../src/training/learned-calls.js";

const toolset = Toolset.from([
  { name: "add", description: "Add a and b.", parameters: { type: "object", properties: {} }, code: "function add() { return 1; }", packages: [] },
]).toJSON();
const call = (name: string, error?: FunctionCallRecord["error"]): FunctionCallRecord => ({ id: name, name, args: {}, result: "1", ...(error ? { error } : {}) });

describe("successfulLearnedCalls", () => {
  it("counts the calls of learned functions that returned, over every record", () => {
    const records = [
      { functionCalls: [call("add"), call("execute_javascript"), call("add", { kind: "timeout", message: "too slow" })] },
      { functionCalls: [call("add"), call("search")] },
      { functionCalls: [] },
    ];
    expect(successfulLearnedCalls(records, toolset)).toBe(2);
    expect(successfulLearnedCalls(records, Toolset.empty().toJSON())).toBe(0);
  });
});
