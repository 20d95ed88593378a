import { tool, type DynamicStructuredTool } from "@langchain/core/tools";
import { z } from "zod";
import { DEFAULTS } from "../defaults.js";
import { formatError, formatValue } from "../functions/emit-tools.js";
import type { Sandbox, SandboxResult } from "../sandbox/types.js";

/**
 * Name of the built-in code-interpreter tool (the paper's initial function).
 *
 * @example
 * import { CODE_INTERPRETER_NAME } from "toolforge";
 * const usedInterpreter = record.functionCalls.some((c) => c.name === CODE_INTERPRETER_NAME);
 */
export const CODE_INTERPRETER_NAME = "execute_javascript";

/**
 * The `execute_javascript` tool: runs a script in the (QuickJS) sandbox and
 * returns its completion value and `console.log` output. Its artifact is the
 * raw `SandboxResult`, so execution records see errors and durations.
 *
 * @example
 * import { createSandbox, createCodeInterpreterTool } from "toolforge";
 * const sandbox = await createSandbox();
 * const js = createCodeInterpreterTool(sandbox);
 * const msg = await js.invoke({ name: js.name, args: { code: "1 + 2" }, id: "1", type: "tool_call" });
 * console.log(msg.content); // "3"
 * await sandbox.close();
 */
export function createCodeInterpreterTool(sandbox: Sandbox): DynamicStructuredTool {
  const packages = interpreterPackages(sandbox);
  const libraries = packages.length ? ` Libraries (load with require, e.g. const math = require("mathjs")): ${packages.join(", ")}.` : "";
  return tool(
    async ({ code }: { code: string }): Promise<[string, SandboxResult]> => {
      const result = await runScriptSafely(sandbox, code, packages);
      return [formatSandboxResult(result), result];
    },
    {
      name: CODE_INTERPRETER_NAME,
      description:
        "Execute JavaScript code in an isolated sandbox (no network, no filesystem) and return the value of the " +
        "last expression plus anything printed with console.log. Use it for calculations." +
        libraries,
      schema: z.object({ code: z.string().describe("JavaScript source; the value of its last expression is returned.") }),
      responseFormat: "content_and_artifact",
    },
  ) as unknown as DynamicStructuredTool;
}

/**
 * The text a model reads for a script result: the value (strings as-is,
 * else JSON) followed by the script's `console.log` output, or
 * `Error (<kind>): <message>` with the tail of the logs. Logs are bounded by
 * `DEFAULTS.functions.maxErrorLogChars`.
 *
 * @example
 * import { formatSandboxResult } from "toolforge";
 * formatSandboxResult({ ok: true, value: 3, logs: [], durationMs: 1 }); // "3"
 * formatSandboxResult({ ok: false, error: { kind: "thrown", message: "boom" }, logs: [], durationMs: 1 }); // "Error (thrown): boom"
 */
export function formatSandboxResult(result: SandboxResult): string {
  const maxLogChars = DEFAULTS.functions.maxErrorLogChars;
  if (!result.ok) return formatError(result, maxLogChars);
  const value = formatValue(result.value);
  if (result.logs.length === 0) return value;
  const logs = result.logs.join("\n");
  const shown = logs.length > maxLogChars ? `${logs.slice(0, maxLogChars)}…[truncated ${logs.length - maxLogChars} chars]` : logs;
  return `${value}\nLogs:\n${shown}`;
}

// A throw from the sandbox means the sandbox itself broke; the agent goes on.
async function runScriptSafely(sandbox: Sandbox, source: string, packages: readonly string[]): Promise<SandboxResult> {
  const started = performance.now();
  try {
    return await sandbox.runScript({ source, packages });
  } catch (error) {
    const message = `sandbox failed: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, error: { kind: "internal", message }, logs: [], durationMs: performance.now() - started };
  }
}

// The preloaded libraries only: a script declaring an on-demand one (the CAS)
// would make every interpreter call start a second set of sandbox workers.
function interpreterPackages(sandbox: Sandbox): readonly string[] {
  return sandbox.allowedPackages.filter((p) => DEFAULTS.sandbox.preloadPackages.includes(p));
}
