import type { BaseMessage } from "@langchain/core/messages";
import { messageText } from "./message-text.js";

const FINAL_ANSWER = /final[ \t_]*answer[ \t]*(?:\*\*|__)?[ \t]*[:：]/gi;

/**
 * The text after the last `FINAL ANSWER:` marker (case-insensitive), trimmed
 * and stripped of markdown emphasis; `null` when there is no marker.
 *
 * @example
 * import { parseFinalAnswer } from "toolforge";
 * parseFinalAnswer("Thought: done\nFINAL ANSWER: 42"); // "42"
 * parseFinalAnswer("no marker here"); // null
 */
export function parseFinalAnswer(text: string): string | null {
  let last: RegExpExecArray | null = null;
  for (const m of text.matchAll(FINAL_ANSWER)) last = m as RegExpExecArray;
  if (!last) return null;
  return cleanAnswer(text.slice(last.index + last[0].length));
}

/**
 * The final answer of a finished run: `FINAL ANSWER:` in the last AI message,
 * else that message's whole text; `null` if the agent never produced text.
 *
 * @example
 * import { AIMessage, HumanMessage } from "@langchain/core/messages";
 * import { finalAnswerFromMessages } from "toolforge";
 * finalAnswerFromMessages([new HumanMessage("1+1?"), new AIMessage("FINAL ANSWER: 2")]); // "2"
 */
export function finalAnswerFromMessages(messages: readonly BaseMessage[]): string | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.getType() !== "ai") continue;
    const text = messageText(m);
    if (!text.trim()) continue;
    return parseFinalAnswer(text) ?? cleanAnswer(text);
  }
  return null;
}

function cleanAnswer(raw: string): string {
  return raw
    .trim()
    .replace(/^(?:\*\*|__)\s*/, "")
    .replace(/\s*(?:\*\*|__)$/, "")
    .trim();
}
