import type { ScriptedReply, ScriptedRequest } from "../testing/index.js";
import { BAD_REVISION_MARKER, DEMO_FUNCTIONS } from "./demo-functions.js";
import { messageContentText } from "./request-text.js";

type DemoSpec = (typeof DEMO_FUNCTIONS)[keyof typeof DEMO_FUNCTIONS];

function specArgs(spec: DemoSpec): Record<string, unknown> {
  return { name: spec.name, description: spec.description, arguments: spec.arguments, packages: [...spec.packages], code: spec.code };
}

/**
 * The step of the demo's script a request is at, read from the prompt (the policy keeps no state).
 *
 * @example
 * const move: DemoOptimizerMove = demoOptimizerMove(promptText);
 */
export type DemoOptimizerMove = "add_calc" | "bad_revision" | "add_sum" | "terminate";

/**
 * Decides the scripted optimizer's move from what its prompt shows: the
 * current functions (List A) and the rolled-back attempts (the failure
 * list, which contains the bad revision's code once it was rolled back).
 *
 * @example
 * import { demoOptimizerMove } from "toolforge";
 * demoOptimizerMove("Current functions: (no functions)"); // "add_calc"
 */
export function demoOptimizerMove(promptText: string): DemoOptimizerMove {
  const hasCalc = promptText.includes(`${DEMO_FUNCTIONS.calc.name}`);
  const hasSum = promptText.includes(DEMO_FUNCTIONS.sum.name);
  const sawRollback = promptText.includes(BAD_REVISION_MARKER);
  if (hasSum) return "terminate";
  if (!hasCalc) return "add_calc";
  return sawRollback ? "add_sum" : "bad_revision";
}

/**
 * DEMO MODE ONLY — the scripted policy of the demo's optimizer model,
 * served over HTTP by the scripted server and called through the real
 * `@langchain/openai` client with the real action tools. One action per
 * step, then `terminate`:
 * step 1 adds `calc_expression` (accepted: products become right);
 * step 2 revises it into a `parseInt` version (rolled back: `220*0.95` breaks);
 * step 3, seeing that failure in its prompt, adds `sum_numbers` (accepted);
 * step 4 terminates without changes, so patience runs out (early stop).
 *
 * @example
 * import { createDemoOptimizerPolicy } from "toolforge";
 * const policy = createDemoOptimizerPolicy();
 */
export function createDemoOptimizerPolicy(): (req: ScriptedRequest) => ScriptedReply {
  return (req) => {
    const toolNames = new Set((req.tools ?? []).map((t) => t.function.name));
    const terminate = (): ScriptedReply => (toolNames.has("terminate") ? { toolCalls: [{ name: "terminate", arguments: {} }] } : { content: "TERMINATE" });
    // One action per step: once this conversation holds our tool call, end the step.
    if (req.messages.some((m) => m.role === "assistant" && (m.tool_calls?.length ?? 0) > 0)) return terminate();
    const prompt = req.messages.filter((m) => m.role !== "assistant").map(messageContentText).join("\n");
    switch (demoOptimizerMove(prompt)) {
      case "add_calc":
        return { toolCalls: [{ name: "add_function", arguments: specArgs(DEMO_FUNCTIONS.calc) }] };
      case "bad_revision":
        return { toolCalls: [{ name: "revise_function", arguments: specArgs(DEMO_FUNCTIONS.calcBadRevision) }] };
      case "add_sum":
        return { toolCalls: [{ name: "add_function", arguments: specArgs(DEMO_FUNCTIONS.sum) }] };
      default:
        return terminate();
    }
  };
}
