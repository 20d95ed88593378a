import type { StructuredToolInterface } from "@langchain/core/tools";
import { toolJsonSchema } from "./action-input.js";
import { ANSWER_FORMAT_RULES } from "./answer-format.js";

/**
 * One description per tool for the ReAct prompt: name, description and the
 * JSON schema of its arguments.
 *
 * @example
 * import { renderToolDescriptions, createCodeInterpreterTool } from "toolforge";
 * console.log(renderToolDescriptions([createCodeInterpreterTool(sandbox)]));
 * // execute_javascript: Execute JavaScript code ...
 * //   Arguments (JSON): {"code":{"type":"string",...}} required: code
 */
export function renderToolDescriptions(tools: readonly StructuredToolInterface[]): string {
  if (tools.length === 0) return "(no tools: answer directly)";
  return tools
    .map((t) => {
      const schema = toolJsonSchema(t);
      const required = schema.required?.length ? ` required: ${schema.required.join(", ")}` : "";
      return `${t.name}: ${t.description}\n  Arguments (JSON): ${JSON.stringify(schema.properties ?? {})}${required}`;
    })
    .join("\n\n");
}

/**
 * The ReAct system prompt of App. D.2 (arXiv 2402.11359) with the tool
 * descriptions and names filled in. One sentence is added: the Action Input
 * is a JSON object of the tool's arguments.
 *
 * @example
 * import { buildReActPrompt } from "toolforge";
 * const prompt = buildReActPrompt([]);
 * console.log(prompt.includes("FINAL ANSWER:")); // true
 */
export function buildReActPrompt(tools: readonly StructuredToolInterface[]): string {
  const names = tools.map((t) => t.name).join(", ");
  return `Answer the following question using your coding skills. Below is a list of the tools you can use and their detailed descriptions:

${renderToolDescriptions(tools)}

You should always follow the below template, when you respond you should provide one (Thought, Action, Action Input) triplet and wait for observation before proceeding to the next round, unless you have reached a FINAL ANSWER. The Action Input is a JSON object with the tool's arguments.

${ANSWER_FORMAT_RULES}

TEMPLATE:

Question: the input question you must answer

Thought: your reasoning about the current situation

Action 1: the action to take, should be one of [${names}]

Action 1 Input: the arguments passed to action 1

Observation 1: the result of action 1

Action 2: the action to take, should be one of [${names}]

Action 2 Input: the input to action 2

... (this Thought/Action/Action Input/Observation can repeat N times)

Thought: I now know the final answer

FINAL ANSWER: the final answer to the original input question`;
}
