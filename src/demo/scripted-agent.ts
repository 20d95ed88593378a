import type { ScriptedReply, ScriptedRequest } from "../testing/index.js";
import type { DemoPlan } from "./demo-data.js";
import { DEMO_FUNCTIONS } from "./demo-functions.js";
import { messageContentText } from "./request-text.js";

/**
 * The wrong answer the scripted agent gives when it does a hard calculation "in its head".
 *
 * @example
 * import { arithmeticSlip } from "toolforge";
 * arithmeticSlip(1210); // 1220
 */
export function arithmeticSlip(answer: number): number {
  return answer + 10;
}

function formatNumber(x: number): string {
  return String(Number(x.toFixed(6)));
}

/**
 * DEMO MODE ONLY — the scripted policy of the demo's agent model, served by
 * the local OpenAI-compatible scripted server. It is not an LLM: it looks
 * up the task's final calculation ({@link DemoPlan}) and
 * - answers one-step additions/subtractions directly (correct);
 * - for products/quotients calls `calc_expression`, and for sums of three or
 *   more numbers calls `sum_numbers`, when the request offers that tool,
 *   then reports the tool's result (computed in the QuickJS sandbox);
 * - without the right tool makes an arithmetic slip (wrong answer).
 * So the demo's learning curve is produced by the real loop: accuracy rises
 * only when the optimizer's functions exist and compute correctly.
 *
 * @example
 * import { createDemoAgentPolicy, loadDemoData } from "toolforge";
 * const policy = createDemoAgentPolicy((await loadDemoData()).plans);
 */
export function createDemoAgentPolicy(plans: ReadonlyMap<string, DemoPlan>): (req: ScriptedRequest) => ScriptedReply {
  return (req) => {
    const userText = req.messages.filter((m) => m.role === "user").map(messageContentText).join("\n");
    let plan: DemoPlan | undefined;
    for (const [question, p] of plans) if (userText.includes(question)) plan = p;
    if (!plan) return { content: "I was not scripted for this question. FINAL ANSWER: unknown" };

    const last = req.messages.at(-1);
    if (last?.role === "tool") {
      const text = messageContentText(last).trim();
      const value = Number(text);
      if (text !== "" && Number.isFinite(value)) return { content: `The tool returned ${text}. FINAL ANSWER: ${formatNumber(value)}` };
      return { content: `The tool failed (${text.slice(0, 120)}). FINAL ANSWER: unknown` };
    }

    const tools = new Set((req.tools ?? []).map((t) => t.function.name));
    if (plan.kind === "product" && tools.has(DEMO_FUNCTIONS.calc.name)) {
      return { toolCalls: [{ name: DEMO_FUNCTIONS.calc.name, arguments: { expression: plan.expression } }] };
    }
    if (plan.kind === "sum" && tools.has(DEMO_FUNCTIONS.sum.name)) {
      return { toolCalls: [{ name: DEMO_FUNCTIONS.sum.name, arguments: { numbers: plan.terms } }] };
    }
    if (plan.kind === "easy") return { content: `${plan.expression} = ${formatNumber(plan.answer)}. FINAL ANSWER: ${formatNumber(plan.answer)}` };
    const wrong = arithmeticSlip(plan.answer);
    return { content: `Working ${plan.expression} out in my head gives ${formatNumber(wrong)}. FINAL ANSWER: ${formatNumber(wrong)}` };
  };
}
