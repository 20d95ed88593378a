import type { StructuredToolInterface } from "@langchain/core/tools";
import type { Sandbox } from "../sandbox/types.js";
import { CODE_INTERPRETER_NAME, createCodeInterpreterTool } from "./code-interpreter.js";
import { AgentConfigError } from "./errors.js";

/**
 * The tools of a built-in agent: the learned ones plus `execute_javascript`
 * (default on when a sandbox is given). A learned function named like the
 * interpreter wins, so a toolset can override it.
 */
export function withCodeInterpreter(
  tools: readonly StructuredToolInterface[],
  options: { sandbox?: Sandbox; codeInterpreter?: boolean },
): StructuredToolInterface[] {
  const wanted = options.codeInterpreter ?? options.sandbox !== undefined;
  if (!wanted) return [...tools];
  if (!options.sandbox) {
    throw new AgentConfigError("E_AGENT_CONFIG", "codeInterpreter: true needs a sandbox (pass options.sandbox)", {
      option: "codeInterpreter",
    });
  }
  if (tools.some((t) => t.name === CODE_INTERPRETER_NAME)) return [...tools];
  return [...tools, createCodeInterpreterTool(options.sandbox)];
}
