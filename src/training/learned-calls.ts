import type { ExecutionRecord } from "../evaluation/types.js";
import type { ToolsetFile } from "../functions/toolset-file.js";

/**
 * Successful calls of learned functions in an evaluation (the paper's
 * Table 6): calls whose name is a function of `toolset` and that returned a
 * value. The code interpreter and failed calls (thrown, timed out, invalid
 * arguments) do not count.
 *
 * @example
 * import { successfulLearnedCalls } from "toolforge";
 * console.log(successfulLearnedCalls(records, toolset.toJSON())); // e.g. 23
 */
export function successfulLearnedCalls(records: readonly Pick<ExecutionRecord, "functionCalls">[], toolset: ToolsetFile): number {
  const learned = new Set(toolset.functions.map((f) => f.name));
  let calls = 0;
  for (const record of records) for (const call of record.functionCalls) if (learned.has(call.name) && !call.error) calls++;
  return calls;
}
