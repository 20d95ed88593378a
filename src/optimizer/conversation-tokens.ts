import type { BaseMessage } from "@langchain/core/messages";
import { countTokens } from "./count-tokens.js";

/** Role, separators and tool-call framing a chat format adds per message. */
const PER_MESSAGE = 8;

/**
 * Tokens ({@link countTokens}) the messages take in a request: their text,
 * their tool calls' names and arguments, and a small per-message overhead.
 * The optimizer step reserves them out of its prompt budget, since its
 * conversation so far is sent after the prompt on every turn.
 *
 * @example
 * import { AIMessage } from "@langchain/core/messages";
 * import { conversationTokens } from "toolforge";
 * console.log(conversationTokens([new AIMessage("TERMINATE")]) > 0); // true
 */
export function conversationTokens(messages: readonly BaseMessage[]): number {
  let total = 0;
  for (const m of messages) {
    const text = typeof m.content === "string" ? m.content : JSON.stringify(m.content);
    const calls = (m as { tool_calls?: unknown[] }).tool_calls;
    total += PER_MESSAGE + countTokens(text) + (calls && calls.length > 0 ? countTokens(JSON.stringify(calls)) : 0);
  }
  return total;
}
