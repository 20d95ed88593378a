import type { ExecutionRecord } from "./types.js";
import { ToolforgeError } from "../errors.js";

/**
 * An execution record read from JSON lacks a required field or has a wrong type.
 *
 * @example
 * import { recordFromJSON, RecordFormatError } from "toolforge";
 * try { recordFromJSON({}); } catch (e) { if (e instanceof RecordFormatError) console.log(e.context.field); }
 */
export class RecordFormatError extends ToolforgeError {}

/**
 * A JSON-safe copy of a record (what `JSON.stringify` writes).
 *
 * @example
 * import { recordToJSON } from "toolforge";
 * await fs.writeFile("record.json", JSON.stringify(recordToJSON(record)));
 */
export function recordToJSON(record: ExecutionRecord): ExecutionRecord {
  return JSON.parse(JSON.stringify(record)) as ExecutionRecord;
}

type FieldType = "string" | "number" | "object" | "array";
const DESCRIBED: Record<FieldType, string> = { string: "a string", number: "a number", object: "an object", array: "an array" };
const REQUIRED: [keyof ExecutionRecord, FieldType][] = [
  ["taskId", "string"],
  ["question", "string"],
  ["gold", "string"],
  ["messages", "array"],
  ["functionCalls", "array"],
  ["score", "number"],
  ["usage", "object"],
  ["latencyMs", "number"],
];

/**
 * Reads a record back from parsed JSON, checking its fields.
 *
 * @example
 * import { recordFromJSON } from "toolforge";
 * const record = recordFromJSON(JSON.parse(await fs.readFile("record.json", "utf8")));
 */
export function recordFromJSON(value: unknown): ExecutionRecord {
  if (typeof value !== "object" || value === null) {
    throw new RecordFormatError("E_RECORD_FORMAT", "execution record must be a JSON object", { field: "(root)" });
  }
  const v = value as Record<string, unknown>;
  for (const [field, type] of REQUIRED) {
    const ok = type === "array" ? Array.isArray(v[field]) : typeof v[field] === type && v[field] !== null;
    if (!ok) {
      throw new RecordFormatError("E_RECORD_FORMAT", `execution record field "${field}" must be ${DESCRIBED[type]}`, {
        field,
        taskId: v.taskId,
      });
    }
  }
  if (v.finalAnswer !== null && typeof v.finalAnswer !== "string") {
    throw new RecordFormatError("E_RECORD_FORMAT", 'execution record field "finalAnswer" must be a string or null', { field: "finalAnswer" });
  }
  return v as unknown as ExecutionRecord;
}
