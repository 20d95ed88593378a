import { DynamicStructuredTool, ToolInputParsingException } from "@langchain/core/tools";
import type { JSONSchema } from "@langchain/core/utils/json_schema";
import type { ValidateFunction } from "ajv";
import { formatAjvErrors, schemaValidator } from "./schema-ajv.js";

/** What LangChain's own validator is shown once ours has passed: it accepts anything. */
const ALREADY_CHECKED: JSONSchema = {};

type CallArgs = Parameters<DynamicStructuredTool["call"]>;
type Fields = ConstructorParameters<typeof DynamicStructuredTool<JSONSchema>>[0];

/**
 * A `DynamicStructuredTool` whose JSON Schema arguments are validated by
 * toolforge's Ajv setup (linear-time patterns, see `schema-ajv.ts`) instead
 * of LangChain's validator, which runs a schema's `pattern`s and `format`s
 * with backtracking regular expressions in the host, outside any time
 * limit. Models still see the schema unchanged, and a mismatch still
 * throws LangChain's `ToolInputParsingException` ("did not match expected
 * schema"), which agents turn into an error tool message.
 *
 * @example
 * import { SchemaCheckedTool } from "./schema-checked-tool.js";
 * const t = new SchemaCheckedTool({ name: "id", description: "echo", schema: { type: "object", properties: { s: { type: "string", pattern: "^(a+)+$" } } }, func: async (x) => JSON.stringify(x) });
 * await t.invoke({ s: "a".repeat(40) + "!" }); // throws ToolInputParsingException at once
 */
export class SchemaCheckedTool extends DynamicStructuredTool {
  private readonly validate: ValidateFunction;

  constructor(fields: Fields) {
    super(fields);
    this.validate = schemaValidator(fields.schema as object);
  }

  override async call(...[arg, configArg, tags]: CallArgs): ReturnType<DynamicStructuredTool["call"]> {
    const input = isToolCall(arg) ? arg.args : arg;
    let problem: string | undefined;
    try {
      if (!this.validate(input)) problem = formatAjvErrors(this.validate.errors ?? []);
    } catch (e) {
      // e.g. a recursive schema over arguments nested deeper than the host stack.
      problem = `arguments could not be validated: ${(e as Error).message}`;
    }
    if (problem !== undefined) {
      const details = this.verboseParsingErrors ? `\nDetails: ${problem}` : "";
      throw new ToolInputParsingException(`Received tool input did not match expected schema${details}`, inputText(arg));
    }
    // The rest of LangChain's call (callbacks, tool-call ids, artifacts)
    // runs unchanged on a view of this tool that differs only in its schema.
    const checked = Object.create(this, { schema: { value: ALREADY_CHECKED } }) as this;
    return DynamicStructuredTool.prototype.call.call(checked, arg, configArg, tags);
  }
}

function isToolCall(arg: unknown): arg is { args: unknown } {
  return typeof arg === "object" && arg !== null && (arg as { type?: unknown }).type === "tool_call" && "args" in arg;
}

/** The refused input as JSON, or nothing when it has none (nested deeper than the stack, a throwing getter). */
function inputText(arg: unknown): string | undefined {
  try {
    return JSON.stringify(arg);
  } catch {
    // Nested deeper than the stack, or a throwing getter: no text.
  }
  return undefined;
}
