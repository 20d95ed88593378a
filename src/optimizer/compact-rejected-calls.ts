import { AIMessage, type BaseMessage } from "@langchain/core/messages";

/**
 * Replaces, in the optimizer's own reply, the arguments of rejected tool
 * calls longer than `maxChars` (as JSON) with a short placeholder. The
 * history is re-sent on every later turn of the step, so a rejected 5 MB
 * call would otherwise be paid for again and again; the `ToolMessage`
 * answering it still says why it was rejected. Applied calls are kept
 * verbatim (the optimizer builds on them). Returns `messages` unchanged when
 * nothing is oversized.
 *
 * @example
 * import { AIMessage } from "@langchain/core/messages";
 * import { compactRejectedCalls } from "toolforge";
 * const reply = new AIMessage({ content: "", tool_calls: [{ id: "c1", name: "add_function", args: { code: "x".repeat(10_000) } }] });
 * const [short] = compactRejectedCalls([reply], new Set(["c1"]), 2_000);
 * console.log((short as AIMessage).tool_calls?.[0]?.args); // { omitted: "… 10012 characters …" }
 */
export function compactRejectedCalls(messages: BaseMessage[], rejectedIds: ReadonlySet<string>, maxChars: number): BaseMessage[] {
  return messages.map((message) => {
    if (!AIMessage.isInstance(message) || !message.tool_calls?.length) return message;
    let changed = false;
    const toolCalls = message.tool_calls.map((call) => {
      if (call.id === undefined || !rejectedIds.has(call.id)) return call;
      const size = JSON.stringify(call.args ?? {}).length;
      if (size <= maxChars) return call;
      changed = true;
      return {
        ...call,
        args: { omitted: `the arguments of this rejected call (${size} characters) were removed from the history to save tokens; the tool result below says why it was rejected` },
      };
    });
    if (!changed) return message;
    return new AIMessage({ content: message.content, ...(message.id !== undefined ? { id: message.id } : {}), tool_calls: toolCalls });
  });
}
