import type { ScriptedMessage } from "../testing/index.js";

/**
 * The text of a chat message's content (string or content-part array).
 *
 * @example
 * import { messageContentText } from "toolforge";
 * messageContentText({ role: "user", content: [{ type: "text", text: "hi" }] }); // "hi"
 */
export function messageContentText(message: Pick<ScriptedMessage, "content">): string {
  const c = message.content;
  if (typeof c === "string") return c;
  if (Array.isArray(c)) return c.map((p) => (typeof p === "string" ? p : typeof p?.text === "string" ? p.text : "")).join("");
  return c == null ? "" : JSON.stringify(c);
}
