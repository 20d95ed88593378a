import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import type { ExecutionRecord, FunctionCallRecord } from "../../src/evaluation/types.js";
import { Toolset } from "../../src/functions/index.js";

/** A toolset with one function, `double`, that histories call. */
export function baseToolset(): Toolset {
  return Toolset.empty().add({
    name: "double",
    description: "Double a number.",
    parameters: { type: "object", properties: { x: { type: "number" } }, required: ["x"] },
    code: "function double({ x }) { return 2 * x; }",
    packages: [],
  });
}

/** A valid add_function call's arguments. */
export function addArgs(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    description: `The ${name} function.`,
    arguments: { type: "object", properties: { x: { type: "number" } }, required: ["x"] },
    packages: [],
    code: `function ${name}({ x }) { return x + 1; }`,
    ...overrides,
  };
}

/** An execution record whose messages are real LangChain dicts. */
export function makeRecord(
  taskId: string,
  score: number,
  options: { calls?: { name: string; args: Record<string, unknown>; result: string }[]; answer?: string; question?: string } = {},
): ExecutionRecord {
  const calls = options.calls ?? [];
  const question = options.question ?? `Question of ${taskId}?`;
  const messages: BaseMessage[] = [new HumanMessage(question)];
  const functionCalls: FunctionCallRecord[] = [];
  calls.forEach((c, i) => {
    const id = `${taskId}_call_${i}`;
    messages.push(new AIMessage({ content: "", tool_calls: [{ id, name: c.name, args: c.args, type: "tool_call" }] }));
    messages.push(new ToolMessage({ tool_call_id: id, name: c.name, content: c.result }));
    functionCalls.push({ id, name: c.name, args: c.args, result: c.result });
  });
  const answer = options.answer ?? (score === 1 ? "42" : "41");
  messages.push(new AIMessage(`FINAL ANSWER: ${answer}`));
  return {
    taskId,
    question,
    gold: "42",
    messages: messages.map((m) => m.toDict()),
    functionCalls,
    finalAnswer: answer,
    score,
    usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
    latencyMs: 1,
  };
}

/** Records where `double` was called, one failed and one solved. */
export function baseRecords(): ExecutionRecord[] {
  return [
    makeRecord("t1", 0, { calls: [{ name: "double", args: { x: 2 }, result: "4" }] }),
    makeRecord("t2", 1, { calls: [{ name: "double", args: { x: 21 }, result: "42" }] }),
  ];
}

/**
 * Code of an async function `name({ <arg> })` that asks the `parse`
 * capability for a table and crashes the runtime (unbounded recursion) when
 * the request is refused; answered, it returns its argument.
 */
export function crashesUnlessParseAnswers(name: string, arg: string): string {
  return (
    `async function ${name}({ ${arg} }) { let answered = true; try { await parse.tables('<table><tr><td>1</td></tr></table>'); } catch { answered = false; } ` +
    `if (!answered) { const down = () => down() + 1; down(); } return ${arg}; }`
  );
}
